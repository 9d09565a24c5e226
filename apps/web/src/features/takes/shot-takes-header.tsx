/** The head of a shot's takes: the shot's code, job, plan version and status, how many takes and how many are generating, and the buttons to plan, import and generate. */
import type { Shot, Take } from '@backlot/contracts';
import type { ReactNode } from 'react';
import { statusName } from '../../shared/production/plan-words.ts';
import { Button, LinkButton } from '../../shared/ui/button.tsx';

export interface ShotTakesHeaderProps {
  projectId: string;
  shot: Shot | undefined;
  shotCode: string;
  takes: Take[];
  /** Whether the live stream is open; without it, generating takes are checked every few seconds. */
  live: boolean;
  onImport?: () => void;
  generateButton: ReactNode;
}

export function ShotTakesHeader({ projectId, shot, shotCode, takes, live, onImport, generateButton }: ShotTakesHeaderProps) {
  const working = takes.filter((t) => !['succeeded', 'failed', 'canceled'].includes(t.status)).length;
  return (
    <div className="page-header">
      <div>
        <h1 className="page-title">
          <span className="mono">{shotCode}</span> takes
        </h1>
        <div className="page-sub">
          {shot && (
            <>
              {shot.plan.job || 'No job written yet'} · plan <span className="mono">v{shot.planVersion}</span> · {statusName(shot.status)} ·{' '}
            </>
          )}
          {takes.length} {takes.length === 1 ? 'take' : 'takes'}
          {working > 0 && <> · {working} generating</>}
          {!live && working > 0 && <span className="faint"> · checking every few seconds</span>}
        </div>
      </div>
      <div className="page-actions">
        {shot && <LinkButton to={`/projects/${projectId}/shots/${shot.id}`}>Plan</LinkButton>}
        {onImport && (
          <Button onClick={onImport} title="Import an external take (i)">
            Import external take
          </Button>
        )}
        {generateButton}
      </div>
    </div>
  );
}

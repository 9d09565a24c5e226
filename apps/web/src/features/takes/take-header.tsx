/** A take page's head: the take's code, review state, generation status and model, what may be done with it, and what went wrong or is at risk. */
import type { Take } from '@backlot/contracts';
import type { ReactNode } from 'react';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { TakeRiskFlag } from '../../shared/production/take-risk-flag.tsx';
import { GenerationStatus, ReviewBadge } from '../../shared/production/take-status.tsx';
import { isTerminal } from '../../shared/production/take-words.ts';
import { RenderFinal } from './render-final.tsx';

export interface TakeHeaderProps {
  projectId: string;
  take: Take;
  /** Beside "All takes": comparing with another take. */
  compare?: ReactNode;
  mayGenerate: boolean;
  maySaveFrame: boolean;
  onSaveFrame: () => void;
  onCancel: () => void;
  onRegenerate: () => void;
  onOpen: (takeId: string) => void;
}

export function TakeHeader({ projectId, take, compare, mayGenerate, maySaveFrame, onSaveFrame, onCancel, onRegenerate, onOpen }: TakeHeaderProps) {
  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title mono">
            {take.shotCode} {take.code}
          </h1>
          <div className="page-sub take-sub">
            <ReviewBadge review={take.review} />
            <span className="faint">·</span>
            <GenerationStatus take={take} />
            {take.model !== undefined && (
              <>
                <span className="faint">·</span>
                <span className="mono">{take.model}</span>
              </>
            )}
          </div>
        </div>
        <div className="page-actions">
          <LinkButton to={`/projects/${projectId}/shots/${take.shotId}/takes?take=${take.id}`}>All takes of {take.shotCode}</LinkButton>
          {compare}
          {take.media && maySaveFrame && (
            <Button onClick={onSaveFrame} title="Save the frame under the playhead as a reference">
              Save frame as reference
            </Button>
          )}
          {mayGenerate && !isTerminal(take.status) && take.status !== 'cancel_requested' && (
            <Button variant="danger" onClick={onCancel}>
              Cancel take
            </Button>
          )}
          {mayGenerate && <RenderFinal projectId={projectId} take={take} onQueued={onOpen} />}
          {mayGenerate && take.external === false && (
            <Button variant="primary" onClick={onRegenerate}>
              Regenerate
            </Button>
          )}
        </div>
      </div>
      {take.error && (
        <Banner tone="error">
          {take.error.message} <span className="faint mono">({take.error.code})</span>
        </Banner>
      )}
      <TakeRiskFlag take={take} on="page" />
    </>
  );
}

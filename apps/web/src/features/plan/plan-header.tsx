/** The head of a shot's plan: code, scene, plan version and status, lock state, links to the storyboard and takes, lock controls, the shot's rights, and the Plan / History tabs. */
import type { Scene, Shot } from '@backlot/contracts';
import { Link } from 'react-router-dom';
import { durationLabel } from '../../shared/lib/format.ts';
import { statusName } from '../../shared/production/plan-words.ts';
import { LinkButton } from '../../shared/ui/button.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import { LockControls } from './lock-controls.tsx';
import { ShotRights } from './shot-rights.tsx';

export interface PlanHeaderProps {
  projectId: string;
  shot: Shot;
  scene: Scene | undefined;
  tab: 'plan' | 'history';
  dirty: boolean;
  onChanged: (shot: Shot) => void;
}

export function PlanHeader({ projectId, shot, scene, tab, dirty, onChanged }: PlanHeaderProps) {
  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title mono">{shot.code}</h1>
          <div className="page-sub">
            Scene {shot.sceneNumber}
            {scene && <> · {scene.heading}</>} · plan <span className="mono">v{shot.planVersion}</span> · {statusName(shot.status)}
            {shot.locked && shot.status !== 'locked' && (
              <Tag tone="warn" title={shot.lockedBy ? `Locked by ${shot.lockedBy}` : undefined}>
                locked
              </Tag>
            )}
          </div>
        </div>
        <div className="page-actions">
          <LinkButton to={`/projects/${projectId}/scenes/${shot.sceneId}/storyboard`}>Storyboard</LinkButton>
          <LinkButton to={`/projects/${projectId}/shots/${shot.id}/takes`} title="Generate and review takes of this shot (t)">
            Takes
          </LinkButton>
          <LockControls shot={shot} dirty={dirty} onChanged={onChanged} />
        </div>
      </div>
      <ShotRights rights={shot.rights} approvedTakeRisk={shot.approvedTakeRisk} />
      <nav className="tabs" aria-label="Plan views">
        <Link to={{ search: '' }} replace className={tab === 'plan' ? 'active' : undefined} aria-current={tab === 'plan' ? 'page' : undefined}>
          Plan
        </Link>
        <Link to={{ search: '?tab=history' }} replace className={tab === 'history' ? 'active' : undefined} aria-current={tab === 'history' ? 'page' : undefined}>
          History ({shot.planVersion} {shot.planVersion === 1 ? 'version' : 'versions'})
        </Link>
      </nav>
    </>
  );
}

/** The plan's facts beside it: version, status, lock, duration and aspect. */
export function PlanFacts({ shot, frameRate, projectAspect }: { shot: Shot; frameRate: string; projectAspect: string }) {
  const facts: [string, string, boolean][] = [
    ['Version', `v${shot.planVersion}`, true],
    ['Status', statusName(shot.status), false],
    ['Locked', shot.locked ? `yes, by ${shot.lockedBy ?? 'someone'}` : 'no', false],
    ['Duration', durationLabel(shot.plan.targetFrames, frameRate), true],
    ['Aspect', shot.plan.aspect ?? `${projectAspect} (project)`, true],
  ];
  return (
    <dl className="facts facts-compact">
      {facts.map(([term, value, mono]) => (
        <div className="fact" key={term}>
          <dt>{term}</dt>
          <dd className={mono ? 'mono' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

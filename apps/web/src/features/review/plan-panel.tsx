/** The shot's plan one key away (P) while triaging: the fields a take is judged against, and the references as thumbnails. */
import type { Shot } from '@backlot/contracts';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { durationLabel } from '../../shared/lib/format.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { AssetThumb } from '../../shared/production/asset-card.tsx';
import { ROLE_NAMES } from '../../shared/production/asset-words.ts';
import { cameraLine } from '../../shared/production/plan-words.ts';

export function PlanPanel({ projectId, shot, rate }: { projectId: string; shot: Shot; rate: string }) {
  const refs = useLoad(keys.assets.references(projectId, shot.id, shot.planVersion), () => api.shotReferences({ params: { projectId, shotId: shot.id } }));
  const plan = shot.plan;
  const rows: [string, string][] = [
    ['Scene purpose', plan.scenePurpose],
    ['Job', plan.job],
    ['Subject and action', plan.subjectAction],
    ['Camera', cameraLine(plan.camera)],
    ['Environment', plan.environment],
    ['Must not appear', plan.constraints.mustNotAppear.join('; ')],
    ['Must not drift', plan.constraints.mustNotDrift.join('; ')],
    ['Length', durationLabel(plan.targetFrames, rate)],
  ];
  return (
    <section className="plan-panel" aria-label="Plan">
      <div className="plan-panel-head">
        <h2 className="side-panel-title">
          Plan <span className="mono">v{shot.planVersion}</span>
        </h2>
        <Link to={`/projects/${projectId}/shots/${shot.id}`} className="small">
          Open the plan
        </Link>
      </div>
      <dl className="facts facts-compact">
        {rows
          .filter(([, v]) => v && v !== '—')
          .map(([k, v]) => (
            <div key={k} className="fact">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <h3 className="side-panel-title">References</h3>
      {refs.data && refs.data.references.length === 0 && <p className="muted small">No references on this plan.</p>}
      <ul className="plan-refs">
        {refs.data?.references.map((r) => (
          <li key={`${r.assetId}-${r.role}`} className="plan-ref">
            <Link to={`/projects/${projectId}/assets/${r.assetId}`} title={`${r.name} v${r.version} · ${ROLE_NAMES[r.role]}`}>
              <AssetThumb url={r.thumbnailUrl} kind={r.kind} />
              <span className="plan-ref-name">{r.name}</span>
              <span className="faint small">{ROLE_NAMES[r.role]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

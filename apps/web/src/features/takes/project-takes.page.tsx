/** The Takes section of a project: every shot with the way to its takes, grouped by scene; j/k or ↑/↓ move, Enter opens. */
import { Link, useNavigate } from 'react-router-dom';
import { api, listAllScenes, listAllShots } from '../../app/client.ts';
import { useShortcuts } from '../../app/shortcuts.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { LinkButton } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../ui/page.tsx';
import { Table } from '../../ui/table.tsx';
import { statusName } from '../plans/plan-words.ts';
import { NeedsPermission } from '../projects/needs-permission.tsx';
import { useProject } from '../projects/project-context.ts';

/** Moves focus to the next or previous shot's link. */
function moveFocus(step: number) {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('[data-takes-link]')];
  if (links.length === 0) return;
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = at === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step));
  links[next].focus();
}

export function ProjectTakesPage() {
  return (
    <div className="page">
      <NeedsPermission action="take.read" what="see takes">
        <ShotsWithTakes />
      </NeedsPermission>
    </div>
  );
}

function ShotsWithTakes() {
  const { project } = useProject();
  const projectId = project.id;
  const navigate = useNavigate();
  const data = useLoad(() => Promise.all([listAllScenes(projectId), listAllShots(projectId)]), [projectId]);
  useShortcuts([
    { keys: ['j', 'ArrowDown'], label: 'j / ↓', help: 'Next shot', run: () => moveFocus(1) },
    { keys: ['k', 'ArrowUp'], label: 'k / ↑', help: 'Previous shot', run: () => moveFocus(-1) },
    { keys: [], label: 'Enter', help: 'Open the shot’s takes', run: () => {} },
  ]);
  if (data.error && !data.data) return <LoadError error={data.error} retry={data.reload} />;
  if (!data.data) return <Loading what="Loading the shots" />;
  const [{ scenes }, { shots }] = data.data;
  const sceneOf = new Map(scenes.map((s) => [s.id, s]));
  const live = shots.filter((s) => s.status !== 'omitted');

  return (
    <>
      <PageHeader title="Takes" sub="Takes belong to shots: open a shot to generate, watch and compare its takes." />
      {live.length === 0 ? (
        <EmptyState title="No shots yet" action={<LinkButton to={`/projects/${projectId}/shots`}>Go to Shots</LinkButton>}>
          Takes are generated from shot plans. Break the scenes into shots first.
        </EmptyState>
      ) : (
        <Table label="Shots and their takes" head={['Shot', 'Scene', 'Job', 'Plan', 'Ready to generate']}>
          {live.map((s) => (
            <tr key={s.id} className="row-link" onClick={() => navigate(`/projects/${projectId}/shots/${s.id}/takes`)}>
              <td className="nowrap">
                <Link to={`/projects/${projectId}/shots/${s.id}/takes`} className="mono" data-takes-link onClick={(e) => e.stopPropagation()}>
                  {s.code}
                </Link>
              </td>
              <td className="cell-clip" title={sceneOf.get(s.sceneId)?.heading}>
                <span className="mono">{s.sceneNumber}</span> <span className="muted">{sceneOf.get(s.sceneId)?.heading}</span>
              </td>
              <td className="cell-clip">{s.plan.job || <span className="muted">—</span>}</td>
              <td className="mono nowrap">
                v{s.planVersion} <span className="muted">{statusName(s.status)}</span>
              </td>
              <td>{s.completeness.complete ? <span className="ok-text">✓ complete</span> : <span className="warn-text">missing {s.completeness.missing.join(', ')}</span>}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

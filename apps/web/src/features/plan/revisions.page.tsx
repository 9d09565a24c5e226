/**
 * Script revisions, as a production office keeps them: each applied import is a dated revision in
 * its customary colour (white, blue, pink, yellow, green, goldenrod…), newest first, with the
 * scenes it added, changed (and what of them) or omitted; beside them, whether scene numbers are
 * locked and, for those who may, the switch.
 */
import type { ScriptRevision } from '@backlot/contracts';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { SceneNumbering } from './scene-numbering.tsx';
import { changeWords } from './scene-revisions.tsx';

export function RevisionsPage() {
  return (
    <div className="page">
      <NeedsPermission action="project.read" what="read the script revisions">
        <Revisions />
      </NeedsPermission>
    </div>
  );
}

function Revisions() {
  const { project } = useProject();
  const list = useLoad(keys.plan.revisions(project.id), () => api.listRevisions({ params: { projectId: project.id } }));
  if (list.error && !list.data) return <LoadError error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading what="Loading the script revisions" />;
  const revisions = [...list.data.revisions].reverse();
  return (
    <>
      <PageHeader title="Script revisions" sub={<Link to={`/projects/${project.id}/scenes`}>Back to the scenes</Link>} />
      <div className="revision-numbering">
        <SceneNumbering explained />
      </div>
      {revisions.length === 0 ? (
        <EmptyState title="No revision yet" action={<Link to={`/projects/${project.id}/scenes`}>Import a screenplay on the Scenes page</Link>}>
          Each import of a screenplay becomes a dated revision here, white first, then blue, pink, yellow, green, goldenrod…
        </EmptyState>
      ) : (
        <ol className="revision-list" aria-label="Revisions, newest first">
          {revisions.map((r) => (
            <RevisionItem key={r.number} projectId={project.id} revision={r} />
          ))}
        </ol>
      )}
    </>
  );
}

function RevisionItem({ projectId, revision: r }: { projectId: string; revision: ScriptRevision }) {
  const name = `Revision ${r.number} (${r.colour})`;
  const counts = [`${r.added} added`, `${r.changed} changed`, `${r.omitted} omitted`].join(' · ');
  return (
    <li className={`revision revision-${r.colour.replace(/\s+/g, '-')}`} aria-label={name}>
      <div className="revision-head">
        <span className="revision-swatch" aria-hidden="true" />
        <strong>{name}</strong>
        <span className="faint">
          {formatWhen(r.at)} · {r.author.name}
          {r.fileName ? ` · ${r.fileName}` : ''}
        </span>
        <span className="revision-counts">{counts}</span>
      </div>
      {r.scenes.length === 0 ? (
        <p className="faint small">No scene changed.</p>
      ) : (
        <ul className="revision-scenes" aria-label={`Scenes in ${name}`}>
          {r.scenes.map((s) => (
            <li key={s.sceneId}>
              <Link to={`/projects/${projectId}/scenes?scene=${s.sceneId}`}>
                <span className="mono">{s.number}</span> {s.heading}
              </Link>{' '}
              — {s.change === 'changed' ? `changed: ${changeWords(s)}` : s.change}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

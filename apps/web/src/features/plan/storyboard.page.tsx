/** A scene's storyboard: its shots in order as a strip of frames drawn from their plans; prints well, and as a PDF from the server. */
import { useParams } from 'react-router-dom';
import { listAllScenes, listAllShots } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { isNotFound } from '../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useCrumbs } from '../../shared/project/project-crumbs.ts';
import { useShotPosters } from './shot-posters.ts';
import { StoryboardFrame } from './storyboard-frame.tsx';

export function StoryboardPage() {
  return (
    <div className="page page-wide storyboard-page">
      <NeedsPermission action="project.read" what="see storyboards">
        <Storyboard />
      </NeedsPermission>
    </div>
  );
}

/** Where the server renders a scene's storyboard as a PDF. */
export function storyboardPdfUrl(projectId: string, sceneId: string): string {
  return `/api/v1/projects/${encodeURIComponent(projectId)}/scenes/${encodeURIComponent(sceneId)}/storyboard.pdf`;
}

function Storyboard() {
  const { project, mayChange } = useProject();
  const { sceneId = '' } = useParams();
  const params = { projectId: project.id };
  const data = useLoad([...keys.plan.shots(project.id, sceneId), 'with-scenes'], () =>
    Promise.all([listAllScenes(params.projectId), listAllShots(params.projectId, sceneId)]).then(([s, t]) => ({ scene: s.scenes.find((x) => x.id === sceneId), shots: t.shots })),
  );
  const scene = data.data?.scene;
  useDocumentTitle(scene ? `Storyboard ${scene.number}` : 'Storyboard', project.code);
  useCrumbs(scene ? [{ label: `Scene ${scene.number} · ${scene.heading}`, to: `/projects/${project.id}/scenes?scene=${scene.id}` }, { label: 'Storyboard' }] : []);
  const pdf = storyboardPdfUrl(project.id, sceneId);
  const posters = useShotPosters(project.id, sceneId);
  useShortcuts([{ keys: ['p'], label: 'p', help: 'Open the storyboard as a PDF', run: () => window.open(pdf, '_blank', 'noopener') }]);

  if (data.error && !data.data) {
    if (isNotFound(data.error)) return <EmptyState title="No such scene">This scene is not part of {project.code}.</EmptyState>;
    return <LoadError error={data.error} retry={data.reload} />;
  }
  if (!data.data) return <Loading what="Loading the storyboard" />;
  if (!scene) {
    return (
      <EmptyState title="No such scene" action={<LinkButton to={`/projects/${project.id}/scenes`}>Back to the scenes</LinkButton>}>
        This scene is not part of {project.code}; it may have been mistyped.
      </EmptyState>
    );
  }
  const shots = data.data.shots;

  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">
            Storyboard · scene <span className="mono">{scene.number}</span>
            {scene.omitted && <Tag tone="muted">omitted</Tag>}
          </h1>
          <div className="page-sub">
            <span className="mono">{scene.heading}</span>
            {scene.beat ? ` — ${scene.beat}` : ''}
          </div>
          <div className="print-only print-line">
            {project.code} · {project.name} · {shots.length} {shots.length === 1 ? 'shot' : 'shots'}
          </div>
        </div>
        <div className="page-actions">
          <LinkButton to={`/projects/${project.id}/shots?scene=${scene.id}`}>Shot list</LinkButton>
          <a className="btn btn-primary" href={pdf} target="_blank" rel="noopener" title="The server renders this storyboard as a PDF (p)">
            Print to PDF
          </a>
        </div>
      </div>
      {shots.length === 0 ? (
        <EmptyState
          title="No shots in this scene yet"
          action={mayChange('plan.edit') ? <LinkButton to={`/projects/${project.id}/shots?scene=${scene.id}`}>Add shots in the shot list</LinkButton> : undefined}
        >
          Each shot becomes a frame here, drawn from its plan: size, movement and the subject.
        </EmptyState>
      ) : (
        <ol className="story-strip" aria-label={`Storyboard of scene ${scene.number}`}>
          {shots.map((shot, i) => (
            <StoryboardFrame key={shot.id} projectId={project.id} shot={shot} index={i} projectAspect={project.aspect} rate={project.frameRate} poster={posters.get(shot.id)} />
          ))}
        </ol>
      )}
    </>
  );
}

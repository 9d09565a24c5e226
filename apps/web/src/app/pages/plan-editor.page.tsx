/**
 * A shot's plan: every field in the crew's words, saved as a new version with an optional note;
 * a newer version saved meanwhile is shown, never overwritten. Lock and unlock, what is missing
 * for generation, and the history with a diff between any two versions.
 */
import type { Shot } from '@backlot/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, listAllScenes } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { isNotFound } from '../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useCrumbs } from '../../shared/project/project-crumbs.ts';
import { PlanReferences } from '../../features/assets/plan-references.tsx';
import { CompletenessPanel } from '../../features/plan/completeness-panel.tsx';
import { PlanEditForm } from '../../features/plan/plan-edit-form.tsx';
import { PlanFacts, PlanHeader } from '../../features/plan/plan-header.tsx';
import { PlanHistory } from '../../features/plan/plan-history.tsx';
import { NoteBeside } from '../../features/review/note-beside.tsx';

export function PlanEditorPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="project.read" what="read shot plans">
        <PlanEditor />
      </NeedsPermission>
    </div>
  );
}

function PlanEditor() {
  const { project } = useProject();
  const { shotId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const tab = search.get('tab') === 'history' ? 'history' : 'plan';
  // Opened by "Regenerate from this note": the note stays beside the plan.
  const answering = search.get('note') && search.get('take') ? { noteId: search.get('note')!, takeId: search.get('take')! } : undefined;
  const key = [...keys.plan.shot(project.id, shotId), 'with-scenes'];
  const load = () => Promise.all([api.getShot({ params: { projectId: project.id, shotId } }), listAllScenes(project.id)]);
  const loaded = useLoad(key, load);
  const queries = useQueryClient();
  const [shot, setShot] = useState<Shot>();
  const [dirty, setDirty] = useState(false);
  // The form starts again from the server's plan after a reload; `round` remounts it.
  const [round, setRound] = useState(0);
  useEffect(() => setShot(loaded.data?.[0]), [loaded.data]);

  const scene = loaded.data?.[1].scenes.find((s) => s.id === shot?.sceneId);
  useDocumentTitle(shot?.code, project.code);
  useCrumbs(
    shot
      ? [
          { label: `Scene ${shot.sceneNumber}${scene ? ` · ${scene.heading}` : ''}`, to: `/projects/${project.id}/shots?scene=${shot.sceneId}` },
          { label: shot.code, mono: true },
        ]
      : [],
  );

  const showTab = (t: 'plan' | 'history') =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (t === 'history') next.set('tab', 'history');
        else next.delete('tab');
        return next;
      },
      { replace: true },
    );
  useShortcuts([
    { keys: ['p'], label: 'p', help: 'Show the plan', run: () => showTab('plan') },
    { keys: ['h'], label: 'h', help: 'Show the history and compare versions', run: () => showTab('history') },
    { keys: ['t'], label: 't', help: 'Open the takes of this shot', run: () => navigate(`/projects/${project.id}/shots/${shotId}/takes`) },
    { keys: [], label: 'Ctrl+S', help: 'Save the plan as a new version', run: () => {} },
  ]);

  if (loaded.error && !shot) {
    if (isNotFound(loaded.error)) {
      return (
        <EmptyState title="No such shot" action={<LinkButton to={`/projects/${project.id}/shots`}>Back to the shot list</LinkButton>}>
          This shot does not exist in {project.code}; it may have been removed, or the address is mistyped.
        </EmptyState>
      );
    }
    return <LoadError error={loaded.error} retry={loaded.reload} />;
  }
  if (!shot) return <Loading what="Loading the plan" />;

  // After a change elsewhere (a reference, a version saved meanwhile): the plan as the server has it now, through the cache.
  const reload = async () => {
    const [fresh] = await queries.fetchQuery({ queryKey: key, queryFn: load });
    setShot(fresh);
    setDirty(false);
    setRound((r) => r + 1);
  };

  return (
    <>
      <PlanHeader projectId={project.id} shot={shot} scene={scene} tab={tab} dirty={dirty} onChanged={setShot} />
      {tab === 'history' ? (
        <PlanHistory projectId={project.id} shot={shot} />
      ) : (
        <div className="plan-layout">
          <div className="plan-main">
            <PlanReferences shot={shot} dirty={dirty} onChanged={reload} />
            <PlanEditForm key={`${shot.id}-${round}`} shot={shot} onSaved={setShot} onDirty={setDirty} onReload={reload} />
          </div>
          <aside className="plan-aside">
            {answering && <NoteBeside projectId={project.id} shotId={shot.id} takeId={answering.takeId} noteId={answering.noteId} />}
            <CompletenessPanel completeness={shot.completeness} dirty={dirty} />
            <PlanFacts shot={shot} frameRate={project.frameRate} projectAspect={project.aspect} />
          </aside>
        </div>
      )}
    </>
  );
}

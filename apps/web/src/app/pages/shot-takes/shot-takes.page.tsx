/**
 * A shot's takes: the grid of takes (live: a card moves from queued to succeeded without a
 * reload, its filmstrip scrubs on hover), the generate panel beside it (also opened prefilled to
 * regenerate a take: `?regenerate=<take>`), cancel, and the import of an external take.
 * g generates, i imports, arrows or j/k move, Enter opens, Esc closes the panel. Triage: pick boxes,
 * shift+arrows or shift/ctrl-click pick takes, R/M/S/A (or the bar's buttons) decide, C (or Compare)
 * compares 2–4, P shows the plan; opened from a take's page (?take=), that take has the focus; the focused
 * take's criteria, rating and verdict and the shot's best take sit beside the grid.
 */
import type { Take } from '@backlot/contracts';
import { useCallback, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, listAllScenes } from '../../../shared/api/client.ts';
import { keys } from '../../../shared/api/keys.ts';
import { isNotFound } from '../../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../../shared/lib/use-document-title.ts';
import { useLoad } from '../../../shared/lib/use-load.ts';
import { NeedsPermission } from '../../../shared/project/needs-permission.tsx';
import { useProject } from '../../../shared/project/project-context.ts';
import { useCrumbs } from '../../../shared/project/project-crumbs.ts';
import { batchStatus } from '../../../shared/production/take-words.ts';
import { Banner } from '../../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../../shared/ui/button.tsx';
import { EmptyState } from '../../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../../shared/ui/page.tsx';
import { ReviewAside } from '../../../features/review/review-aside.tsx';
import { useTriage } from '../../../features/review/use-triage.ts';
import { AcrossAside } from '../../../features/takes/across-panel.tsx';
import { GenerateAside } from '../../../features/takes/generate-aside.tsx';
import { useGenerateParams } from '../../../features/takes/generate-params.ts';
import { ImportTray } from '../../../features/takes/import-tray.tsx';
import { ShotTakesHeader } from '../../../features/takes/shot-takes-header.tsx';
import { useFocusTake } from '../../../features/takes/take-grid.tsx';
import { useImports } from '../../../features/takes/take-imports.ts';
import { useShotTakes } from '../../../features/takes/use-shot-takes.ts';
import { ShotTakesDialogs, TakesColumn } from './takes-column.tsx';
import { useShotTakesKeys } from './use-shot-takes-keys.ts';

export function ShotTakesPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="take.read" what="see takes">
        <ShotTakes />
      </NeedsPermission>
    </div>
  );
}

function ShotTakes() {
  const { project, mayChange, can } = useProject();
  const { shotId = '' } = useParams();
  const projectId = project.id;
  const navigate = useNavigate();
  const mayGenerate = mayChange('take.generate');
  const mayDecide = mayChange('review.decide');
  // Viewers read takes but not plans: their page is the takes alone.
  const mayReadPlan = can('project.read');
  const panel = useGenerateParams(mayGenerate);
  const shot = useLoad([...keys.plan.shot(projectId, shotId), 'with-scenes'], () => Promise.all([api.getShot({ params: { projectId, shotId } }), listAllScenes(projectId)]), {
    enabled: mayReadPlan,
  });
  const takes = useShotTakes(projectId, shotId);
  const imports = useImports(projectId, shotId);
  const [canceling, setCanceling] = useState<Take>();
  const [importing, setImporting] = useState(false);
  // The takes just asked for: their status line follows them live (queued, running, succeeded).
  const [batch, setBatch] = useState<string[]>();
  const grid = useRef<HTMLUListElement>(null);
  const [showPlan, setShowPlan] = useState(false);

  const [theShot, scenes] = shot.data ?? [];
  const scene = scenes?.scenes.find((s) => s.id === theShot?.sceneId);
  const list = takes.data?.takes ?? [];
  const batchTakes = batch ? list.filter((t) => batch.includes(t.id)) : [];
  const batchNow = batchTakes.length ? batchStatus(batchTakes) : undefined;
  const { put } = takes;
  // The decision itself invalidates what it changes (the shot's best take and its approval).
  const onDecided = useCallback((...changed: Take[]) => put(...changed), [put]);
  const triage = useTriage(list, onDecided);
  const compareTargets = () => {
    if (triage.targets.length >= 2 && triage.targets.length <= 4) navigate(`/projects/${projectId}/compare?ids=${triage.targets.join(',')}`);
  };
  useFocusTake(grid, panel.cameFrom);
  useDocumentTitle(theShot ? `${theShot.code} takes` : 'Takes', project.code);
  const sceneCrumb = theShot && { label: `Scene ${theShot.sceneNumber}${scene ? ` · ${scene.heading}` : ''}`, to: `/projects/${projectId}/shots?scene=${theShot.sceneId}` };
  useCrumbs(theShot && sceneCrumb ? [sceneCrumb, { label: theShot.code, mono: true, to: `/projects/${projectId}/shots/${theShot.id}` }, { label: 'Takes' }] : []);
  useShotTakesKeys({
    grid,
    triage,
    mayDecide,
    mayReadPlan,
    mayGenerate,
    panelOpen: panel.open || panel.acrossOpen,
    compare: compareTargets,
    togglePlan: () => setShowPlan((v) => !v),
    generate: () => panel.openPanel(),
    importTake: () => setImporting(true),
    closePanel: panel.closePanel,
  });

  if (shot.error && !shot.data) {
    if (!isNotFound(shot.error)) return <LoadError error={shot.error} retry={shot.reload} />;
    return (
      <EmptyState title="No such shot" action={<LinkButton to={`/projects/${projectId}/shots`}>Back to the shot list</LinkButton>}>
        This shot does not exist in {project.code}; it may have been removed, or the address is mistyped.
      </EmptyState>
    );
  }
  if (mayReadPlan && !theShot) return <Loading what="Loading the shot" />;
  const shotCode = theShot?.code ?? list[0]?.shotCode ?? 'Shot';
  const generateButton = mayGenerate && (
    <>
      <Button variant="primary" onClick={() => panel.openPanel()} title="Generate takes (g)">
        Generate takes
      </Button>{' '}
      <Button onClick={() => panel.openPanel('across')} title="One take from each of several models, side by side in compare">
        Generate across providers
      </Button>
    </>
  );

  return (
    <>
      <ShotTakesHeader
        projectId={projectId}
        shot={theShot}
        shotCode={shotCode}
        takes={list}
        live={takes.live}
        onImport={mayGenerate ? () => setImporting(true) : undefined}
        generateButton={!panel.open && !panel.acrossOpen && list.length > 0 && generateButton}
      />
      <ImportTray imports={imports} />
      {batchNow && (
        <Banner
          tone={batchNow.trouble ? 'warn' : batchNow.done ? 'ok' : 'info'}
          action={
            <Button small variant="ghost" onClick={() => setBatch(undefined)}>
              Dismiss
            </Button>
          }
        >
          <output aria-label="The takes just asked for">{batchNow.text}</output>
        </Banner>
      )}
      <div className={panel.open || panel.acrossOpen || list.length > 0 ? 'takes-layout takes-layout-open' : 'takes-layout'}>
        <TakesColumn
          shotCode={shotCode}
          takes={takes}
          triage={triage}
          grid={grid}
          mayGenerate={mayGenerate}
          mayDecide={mayDecide}
          mayReadPlan={mayReadPlan}
          generateButton={!panel.open && !panel.acrossOpen && generateButton}
          onCancel={setCanceling}
          onRegenerate={panel.openPanel}
          onCompare={compareTargets}
        />
        {!panel.open && !panel.acrossOpen && list.length > 0 && (
          <div className="takes-aside">
            <ReviewAside
              projectId={projectId}
              rate={project.frameRate}
              shot={theShot}
              takes={list}
              focused={list.find((t) => t.id === triage.focusedId)}
              best={takes.best}
              showPlan={showPlan}
              mayDecide={mayDecide}
              onSaved={onDecided}
            />
          </div>
        )}
        {panel.open && theShot && (
          <GenerateAside
            projectId={projectId}
            shot={theShot}
            takes={takes.data?.takes}
            regenerateId={panel.regenerateId}
            noteId={panel.noteId}
            onClose={panel.closePanel}
            onGenerated={(made) => (takes.put(...made), setBatch(made.map((t) => t.id)), panel.closePanel())}
          />
        )}
        {panel.acrossOpen && theShot && <AcrossAside projectId={projectId} shot={theShot} onClose={panel.closePanel} />}
      </div>
      <ShotTakesDialogs shot={theShot} takes={takes} triage={triage} canceling={canceling} importing={importing} onClose={() => (setCanceling(undefined), setImporting(false))} />
    </>
  );
}

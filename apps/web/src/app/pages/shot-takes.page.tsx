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
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, listAllScenes } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { isNotFound } from '../../shared/lib/errors.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button, LinkButton } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { moveFocus } from '../../shared/lib/grid-keys.ts';
import { statusName } from '../../shared/production/plan-words.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useCrumbs } from '../../shared/project/project-crumbs.ts';
import { ApprovalRefusedDialog } from '../../features/review/approval-refused.dialog.tsx';
import { ReviewAside } from '../../features/review/review-aside.tsx';
import { DECISION_KEYS } from '../../shared/production/review-words.ts';
import { TriageBar } from '../../features/review/triage-bar.tsx';
import { useTriage } from '../../features/review/use-triage.ts';
import { CancelTakeDialog } from '../../features/takes/cancel-take.dialog.tsx';
import { GeneratePanel } from '../../features/takes/generate-panel.tsx';
import { ImportTakeDialog } from '../../features/takes/import-take.dialog.tsx';
import { ImportTray } from '../../features/takes/import-tray.tsx';
import { TakeGrid } from '../../features/takes/take-grid.tsx';
import { useImports } from '../../features/takes/take-imports.ts';
import { useShotTakes } from '../../features/takes/use-shot-takes.ts';
import { batchStatus } from '../../shared/production/take-words.ts';

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
  const [search, setSearch] = useSearchParams();
  const regenerateId = search.get('regenerate');
  const noteId = search.get('note');
  const notes = useLoad(keys.review.notes(projectId, regenerateId ?? ''), () => api.listNotes({ params: { projectId, takeId: regenerateId! } }), { enabled: !!noteId && !!regenerateId });
  const note = { data: notes.data?.notes.find((n) => n.id === noteId) };
  const panelOpen = mayGenerate && (search.get('generate') === '1' || !!regenerateId);
  const shot = useLoad([...keys.plan.shot(projectId, shotId), 'with-scenes'], () => Promise.all([api.getShot({ params: { projectId, shotId } }), listAllScenes(projectId)]), {
    enabled: mayReadPlan,
  });
  const models = useLoad(keys.projects.models(projectId), () => api.listModels({ params: { projectId } }), { enabled: mayGenerate });
  const takes = useShotTakes(projectId, shotId);
  const imports = useImports(projectId, shotId);
  const [canceling, setCanceling] = useState<Take>();
  const [importing, setImporting] = useState(false);
  // The takes just asked for: their status line follows them live (queued, running, succeeded).
  const [batch, setBatch] = useState<string[]>();
  const grid = useRef<HTMLUListElement>(null);
  const [showPlan, setShowPlan] = useState(false);
  // The list's `best` is dropped when a live event replaces one take; keep the last one the server gave.
  const [best, setBest] = useState<{ takeId: string; why: string } | null>();
  useEffect(() => {
    if (takes.data && 'best' in takes.data) setBest((takes.data as { best?: { takeId: string; why: string } | null }).best ?? null);
  }, [takes.data]);

  const [theShot, scenes] = shot.data ?? [];
  const scene = scenes?.scenes.find((s) => s.id === theShot?.sceneId);
  const list = takes.data?.takes ?? [];
  const batchTakes = batch ? list.filter((t) => batch.includes(t.id)) : [];
  const batchNow = batchTakes.length ? batchStatus(batchTakes) : undefined;
  const { put } = takes;
  // The decision itself invalidates what it changes (the shot's best take and its approval).
  const onDecided = useCallback((...changed: Take[]) => put(...changed), [put]);
  const triage = useTriage(list, onDecided);
  const focused = list.find((t) => t.id === triage.focusedId);
  const compareTargets = () => {
    if (triage.targets.length >= 2 && triage.targets.length <= 4) navigate(`/projects/${projectId}/compare?ids=${triage.targets.join(',')}`);
  };
  const parent = regenerateId ? list.find((t) => t.id === regenerateId) : undefined;
  // Opened from a take's page (?take=): that take has the focus, so R/M/S/A apply to it at once.
  // The grid shows once both the shot and its takes have loaded, so this tries after each render until it has.
  const cameFrom = search.get('take');
  const arrived = useRef(false);
  useEffect(() => {
    if (!cameFrom || arrived.current) return;
    const link = grid.current?.querySelector<HTMLElement>(`[data-take-id="${CSS.escape(cameFrom)}"] > a`);
    if (!link) return;
    link.focus();
    arrived.current = true;
  });
  useDocumentTitle(theShot ? `${theShot.code} takes` : 'Takes', project.code);
  useCrumbs(
    theShot
      ? [
          { label: `Scene ${theShot.sceneNumber}${scene ? ` · ${scene.heading}` : ''}`, to: `/projects/${projectId}/shots?scene=${theShot.sceneId}` },
          { label: theShot.code, mono: true, to: `/projects/${projectId}/shots/${theShot.id}` },
          { label: 'Takes' },
        ]
      : [],
  );

  const openPanel = (take?: Take) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        next.delete('generate');
        next.delete('regenerate');
        next.delete('note');
        if (take) next.set('regenerate', take.id);
        else next.set('generate', '1');
        return next;
      },
      { replace: true },
    );
  const closePanel = () =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        next.delete('generate');
        next.delete('regenerate');
        next.delete('note');
        return next;
      },
      { replace: true },
    );

  useShortcuts([
    { keys: ['ArrowRight', 'j'], label: 'j / →', help: 'Next take (Shift: pick it too)', run: (e) => triage.move(e.shiftKey, () => moveFocus(grid.current, 'next')) },
    { keys: ['ArrowLeft', 'k'], label: 'k / ←', help: 'Previous take (Shift: pick it too)', run: (e) => triage.move(e.shiftKey, () => moveFocus(grid.current, 'previous')) },
    { keys: ['ArrowDown'], label: '↓', help: 'Take below (Shift: pick the run)', run: (e) => triage.move(e.shiftKey, () => moveFocus(grid.current, 'down')) },
    { keys: ['ArrowUp'], label: '↑', help: 'Take above (Shift: pick the run)', run: (e) => triage.move(e.shiftKey, () => moveFocus(grid.current, 'up')) },
    { keys: [], label: 'Enter', help: 'Open the focused take', run: () => {} },
    ...(mayDecide
      ? [
          { keys: ['r', 'R'], label: 'R', help: 'Reject the picked takes', run: () => void triage.decide(DECISION_KEYS.r) },
          { keys: ['m', 'M'], label: 'M', help: 'Maybe for the picked takes', run: () => void triage.decide(DECISION_KEYS.m) },
          { keys: ['s', 'S'], label: 'S', help: 'Select the picked takes', run: () => void triage.decide(DECISION_KEYS.s) },
          { keys: ['a', 'A'], label: 'A', help: 'Approve the focused take (one at a time)', run: () => void triage.decide(DECISION_KEYS.a) },
        ]
      : []),
    { keys: ['c', 'C'], label: 'C', help: 'Compare the picked takes (2 to 4)', run: compareTargets },
    ...(mayReadPlan ? [{ keys: ['p', 'P'], label: 'P', help: 'Show or hide the plan and its references', run: () => setShowPlan((v) => !v) }] : []),
    ...(mayGenerate
      ? [
          { keys: ['g'], label: 'g', help: 'Generate takes', run: () => openPanel() },
          { keys: ['i'], label: 'i', help: 'Import an external take', run: () => setImporting(true) },
          { keys: ['Escape'], label: 'Esc', help: 'Close the generate panel, or let go of the picked takes', run: () => (panelOpen ? closePanel() : triage.clear()) },
        ]
      : [{ keys: ['Escape'], label: 'Esc', help: 'Let go of the picked takes', run: () => triage.clear() }]),
  ]);

  if (shot.error && !shot.data) {
    if (isNotFound(shot.error)) {
      return (
        <EmptyState title="No such shot" action={<LinkButton to={`/projects/${projectId}/shots`}>Back to the shot list</LinkButton>}>
          This shot does not exist in {project.code}; it may have been removed, or the address is mistyped.
        </EmptyState>
      );
    }
    return <LoadError error={shot.error} retry={shot.reload} />;
  }
  if (mayReadPlan && !theShot) return <Loading what="Loading the shot" />;
  const shotCode = theShot?.code ?? list[0]?.shotCode ?? 'Shot';

  const generateButton = mayGenerate && (
    <Button variant="primary" onClick={() => openPanel()} title="Generate takes (g)">
      Generate takes
    </Button>
  );
  const working = list.filter((t) => !['succeeded', 'failed', 'canceled'].includes(t.status)).length;

  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">
            <span className="mono">{shotCode}</span> takes
          </h1>
          <div className="page-sub">
            {theShot && (
              <>
                {theShot.plan.job || 'No job written yet'} · plan <span className="mono">v{theShot.planVersion}</span> · {statusName(theShot.status)} ·{' '}
              </>
            )}
            {list.length}{' '}
            {list.length === 1 ? 'take' : 'takes'}
            {working > 0 && <> · {working} generating</>}
            {!takes.live && working > 0 && <span className="faint"> · checking every few seconds</span>}
          </div>
        </div>
        <div className="page-actions">
          {theShot && <LinkButton to={`/projects/${projectId}/shots/${theShot.id}`}>Plan</LinkButton>}
          {mayGenerate && (
            <Button onClick={() => setImporting(true)} title="Import an external take (i)">
              Import external take
            </Button>
          )}
          {!panelOpen && list.length > 0 && generateButton}
        </div>
      </div>
      <ImportTray imports={imports} />
      {batchNow && (
        <Banner tone={batchNow.trouble ? 'warn' : batchNow.done ? 'ok' : 'info'} action={<Button small variant="ghost" onClick={() => setBatch(undefined)}>Dismiss</Button>}>
          <span aria-label="The takes just asked for">{batchNow.text}</span>
        </Banner>
      )}
      <div className={panelOpen || list.length > 0 ? 'takes-layout takes-layout-open' : 'takes-layout'}>
        <div className="takes-main">
          {list.length > 0 && <TriageBar triage={triage} takes={list} mayDecide={mayDecide} mayApprove={mayDecide} planKey={mayReadPlan} onCompare={compareTargets} />}
          {takes.error && !takes.data ? <LoadError error={takes.error} retry={takes.reload} /> : null}
          {!takes.data && !takes.error && <Loading what="Loading the takes" />}
          {takes.data && list.length === 0 && (
            <EmptyState title="No takes yet" action={!panelOpen && generateButton}>
              Takes of {shotCode} are generated from its plan, or imported from outside.{' '}
              {mayGenerate ? 'Generate the first ones: previs is free and quick.' : 'Members who generate make them here.'}
            </EmptyState>
          )}
          {list.length > 0 && <TakeGrid ref={grid} projectId={projectId} takes={list} onCancel={mayGenerate ? setCanceling : undefined} onRegenerate={mayGenerate ? openPanel : undefined} triage={triage} />}
        </div>
        {!panelOpen && list.length > 0 && (
          <div className="takes-aside">
            <ReviewAside projectId={projectId} rate={project.frameRate} shot={theShot} takes={list} focused={focused} best={best} showPlan={showPlan} mayDecide={mayDecide} onSaved={onDecided} />
          </div>
        )}
        {panelOpen && theShot && (
          <aside className="takes-aside">
            {models.error ? <LoadError error={models.error} retry={models.reload} /> : null}
            {!models.data || (regenerateId && !takes.data) ? (
              <Loading what="Loading the models" />
            ) : (
              <GeneratePanel
                key={`${regenerateId ?? 'new'}:${note.data?.id ?? ''}`}
                shot={theShot}
                models={models.data.models}
                parent={parent}
                note={note.data}
                onClose={closePanel}
                onGenerated={(made) => {
                  takes.put(...made);
                  setBatch(made.map((t) => t.id));
                  closePanel();
                }}
              />
            )}
          </aside>
        )}
      </div>
      {canceling && <CancelTakeDialog projectId={projectId} take={canceling} onClose={() => setCanceling(undefined)} onCanceled={(t) => takes.put(t)} />}
      {triage.refusal && (
        <ApprovalRefusedDialog
          refusal={triage.refusal}
          pending={triage.pending}
          onClose={triage.dismiss}
          onOverride={mayChange('review.override') ? (reason) => void triage.decide('approved', { ids: [triage.refusal!.take.id], override: true, reason }) : undefined}
        />
      )}
      {importing && theShot && <ImportTakeDialog shotId={theShot.id} shotCode={theShot.code} onClose={() => setImporting(false)} onImported={(t) => takes.put(t)} />}
    </>
  );
}

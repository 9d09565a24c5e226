/**
 * A shot's takes: the grid of takes (live: a card moves from queued to succeeded without a
 * reload, its filmstrip scrubs on hover), the generate panel beside it (also opened prefilled to
 * regenerate a take: `?regenerate=<take>`), cancel, and the import of an external take.
 * g generates, i imports, arrows or j/k move, Enter opens, Esc closes the panel.
 */
import type { Take } from '@backlot/contracts';
import { useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../app/client.ts';
import { useShortcuts } from '../../app/shortcuts.tsx';
import { isNotFound } from '../../lib/errors.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useLoad } from '../../lib/use-load.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadError, Loading } from '../../ui/page.tsx';
import { moveFocus } from '../assets/grid-keys.ts';
import { statusName } from '../plans/plan-words.ts';
import { NeedsPermission } from '../projects/needs-permission.tsx';
import { useProject } from '../projects/project-context.ts';
import { useCrumbs } from '../projects/project-crumbs.ts';
import { CancelTakeDialog } from './cancel-take.dialog.tsx';
import { GeneratePanel } from './generate-panel.tsx';
import { ImportTakeDialog } from './import-take.dialog.tsx';
import { ImportTray } from './import-tray.tsx';
import { TakeGrid } from './take-grid.tsx';
import { useImports } from './take-imports.ts';
import { useShotTakes } from './use-shot-takes.ts';

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
  const { project, mayChange } = useProject();
  const { shotId = '' } = useParams();
  const projectId = project.id;
  const mayGenerate = mayChange('take.generate');
  const [search, setSearch] = useSearchParams();
  const regenerateId = search.get('regenerate');
  const panelOpen = mayGenerate && (search.get('generate') === '1' || !!regenerateId);
  const shot = useLoad(() => Promise.all([api.getShot({ params: { projectId, shotId } }), api.listScenes({ params: { projectId } })]), [projectId, shotId]);
  const models = useLoad(() => (mayGenerate ? api.listModels({ params: { projectId } }) : Promise.resolve({ models: [] })), [projectId, mayGenerate]);
  const takes = useShotTakes(projectId, shotId);
  const imports = useImports(projectId, shotId);
  const [canceling, setCanceling] = useState<Take>();
  const [importing, setImporting] = useState(false);
  const [news, setNews] = useState<string>();
  const grid = useRef<HTMLUListElement>(null);

  const [theShot, scenes] = shot.data ?? [];
  const scene = scenes?.scenes.find((s) => s.id === theShot?.sceneId);
  const list = takes.data?.takes ?? [];
  const parent = regenerateId ? list.find((t) => t.id === regenerateId) : undefined;
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
        return next;
      },
      { replace: true },
    );

  useShortcuts([
    { keys: ['ArrowRight', 'j'], label: 'j / →', help: 'Next take', run: () => moveFocus(grid.current, 'next') },
    { keys: ['ArrowLeft', 'k'], label: 'k / ←', help: 'Previous take', run: () => moveFocus(grid.current, 'previous') },
    { keys: ['ArrowDown'], label: '↓', help: 'Take below', run: () => moveFocus(grid.current, 'down') },
    { keys: ['ArrowUp'], label: '↑', help: 'Take above', run: () => moveFocus(grid.current, 'up') },
    { keys: [], label: 'Enter', help: 'Open the focused take', run: () => {} },
    ...(mayGenerate
      ? [
          { keys: ['g'], label: 'g', help: 'Generate takes', run: () => openPanel() },
          { keys: ['i'], label: 'i', help: 'Import an external take', run: () => setImporting(true) },
          { keys: ['Escape'], label: 'Esc', help: 'Close the generate panel', run: () => closePanel() },
        ]
      : []),
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
  if (!theShot) return <Loading what="Loading the shot" />;

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
            <span className="mono">{theShot.code}</span> takes
          </h1>
          <div className="page-sub">
            {theShot.plan.job || 'No job written yet'} · plan <span className="mono">v{theShot.planVersion}</span> · {statusName(theShot.status)} · {list.length}{' '}
            {list.length === 1 ? 'take' : 'takes'}
            {working > 0 && <> · {working} generating</>}
            {!takes.live && working > 0 && <span className="faint"> · checking every few seconds</span>}
          </div>
        </div>
        <div className="page-actions">
          <LinkButton to={`/projects/${projectId}/shots/${theShot.id}`}>Plan</LinkButton>
          {mayGenerate && (
            <Button onClick={() => setImporting(true)} title="Import an external take (i)">
              Import external take
            </Button>
          )}
          {!panelOpen && list.length > 0 && generateButton}
        </div>
      </div>
      <ImportTray imports={imports} />
      {news && (
        <Banner tone="ok" action={<Button small variant="ghost" onClick={() => setNews(undefined)}>Dismiss</Button>}>
          {news}
        </Banner>
      )}
      <div className={panelOpen ? 'takes-layout takes-layout-open' : 'takes-layout'}>
        <div className="takes-main">
          {takes.error && !takes.data ? <LoadError error={takes.error} retry={takes.reload} /> : null}
          {!takes.data && !takes.error && <Loading what="Loading the takes" />}
          {takes.data && list.length === 0 && (
            <EmptyState title="No takes yet" action={!panelOpen && generateButton}>
              Takes of {theShot.code} are generated from its plan, or imported from outside.{' '}
              {mayGenerate ? 'Generate the first ones: previs is free and quick.' : 'Members who generate make them here.'}
            </EmptyState>
          )}
          {list.length > 0 && <TakeGrid ref={grid} projectId={projectId} takes={list} onCancel={mayGenerate ? setCanceling : undefined} onRegenerate={mayGenerate ? openPanel : undefined} />}
        </div>
        {panelOpen && (
          <aside className="takes-aside">
            {models.error ? <LoadError error={models.error} retry={models.reload} /> : null}
            {!models.data || (regenerateId && !takes.data) ? (
              <Loading what="Loading the models" />
            ) : (
              <GeneratePanel
                key={regenerateId ?? 'new'}
                shot={theShot}
                models={models.data.models}
                parent={parent}
                onClose={closePanel}
                onGenerated={(made) => {
                  takes.put(...made);
                  const codes = [...made].sort((a, b) => a.number - b.number).map((t) => t.code);
                  setNews(`${codes.length === 1 ? codes[0] : `${codes[0]}–${codes[codes.length - 1]}`} queued.`);
                  closePanel();
                }}
              />
            )}
          </aside>
        )}
      </div>
      {canceling && <CancelTakeDialog projectId={projectId} take={canceling} onClose={() => setCanceling(undefined)} onCanceled={(t) => takes.put(t)} />}
      {importing && <ImportTakeDialog shotId={theShot.id} shotCode={theShot.code} onClose={() => setImporting(false)} onImported={(t) => takes.put(t)} />}
    </>
  );
}

/**
 * The reference library of a project: a grid of cards filtered by kind, clearance, tag and name
 * (the filters live in the address, so a filtered view can be shared). `/` searches, j/k or the
 * arrows move between cards, Enter opens one, n adds a reference.
 */
import type { AssetKind, ClearanceState } from '@backlot/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { AddReferenceDialog } from './add-reference.dialog.tsx';
import { EmptyLibrary, LibraryHeader } from './library-parts.tsx';
import { ASSET_FILTERS, AssetFilters, type AssetFilter } from './asset-filters.tsx';
import { AssetCard } from '../../shared/production/asset-card.tsx';
import { moveFocus } from '../../shared/lib/grid-keys.ts';
import { UploadTray } from './upload-progress.tsx';
import { useAfterUpload, useUploads } from './upload-queue.ts';

export function AssetsPage() {
  return (
    <div className="page page-wide">
      <NeedsPermission action="project.read" what="see the reference library">
        <AssetLibrary />
      </NeedsPermission>
    </div>
  );
}

function AssetLibrary() {
  const { project, mayChange } = useProject();
  const projectId = project.id;
  const editable = mayChange('asset.edit');
  const [search, setSearch] = useSearchParams();
  const kind = search.get('kind') ?? '';
  const clearance = search.get('clearance') ?? '';
  const tag = search.get('tag') ?? '';
  const q = search.get('q') ?? '';
  const filtered = ASSET_FILTERS.some((f) => search.get(f));
  const [adding, setAdding] = useState(false);
  const [news, setNews] = useState<string>();
  const searchBox = useRef<HTMLInputElement>(null);
  const grid = useRef<HTMLUListElement>(null);

  const all = useLoad(keys.assets.list(projectId), () => api.listAssets({ params: { projectId } }));
  const matching = useLoad(
    keys.assets.list(projectId, { kind, clearance, tag, q }),
    () =>
      api.listAssets({
        params: { projectId },
        query: {
          kind: (kind || undefined) as AssetKind | undefined,
          clearance: (clearance || undefined) as ClearanceState | undefined,
          tag: tag || undefined,
          q: q || undefined,
        },
      }),
    { enabled: filtered },
  );
  // Both lists (all, and the filtered one) are under the library's key.
  const queries = useQueryClient();
  const reload = () => void queries.invalidateQueries({ queryKey: keys.assets.list(projectId) });

  // The library catches up when an upload finishes, wherever it was started.
  const uploads = useUploads(projectId);
  useAfterUpload(uploads, reload);

  const setFilter = (name: AssetFilter, value: string) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const clear = () => setSearch(new URLSearchParams(), { replace: true });

  const tags = useMemo(() => [...new Set((all.data?.assets ?? []).flatMap((a) => a.tags))].sort((a, b) => a.localeCompare(b)), [all.data]);

  useShortcuts([
    { keys: ['/'], label: '/', help: 'Search references by name', run: () => searchBox.current?.focus() },
    { keys: ['j', 'ArrowRight'], label: 'j / →', help: 'Next reference', run: () => moveFocus(grid.current, 'next') },
    { keys: ['k', 'ArrowLeft'], label: 'k / ←', help: 'Previous reference', run: () => moveFocus(grid.current, 'previous') },
    { keys: ['ArrowDown'], label: '↓', help: 'Reference below', run: () => moveFocus(grid.current, 'down') },
    { keys: ['ArrowUp'], label: '↑', help: 'Reference above', run: () => moveFocus(grid.current, 'up') },
    { keys: [], label: 'Enter', help: 'Open the focused reference', run: () => {} },
    ...(editable ? [{ keys: ['n'], label: 'n', help: 'Add a reference', run: () => setAdding(true) }] : []),
  ]);

  if (all.error && !all.data) return <LoadError error={all.error} retry={reload} />;
  if (!all.data) return <Loading what="Loading the references" />;

  const everything = all.data.assets;
  const shown = filtered ? matching.data?.assets : everything;

  return (
    <>
      <LibraryHeader assets={everything} editable={editable} onAdd={() => setAdding(true)} />
      <UploadTray uploads={uploads} showAsset />
      {news && (
        <Banner
          tone="ok"
          action={
            <Button small variant="ghost" onClick={() => setNews(undefined)}>
              Dismiss
            </Button>
          }
        >
          {news}
        </Banner>
      )}

      {everything.length === 0 ? (
        <EmptyLibrary editable={editable} closed={project.closed} onAdd={() => setAdding(true)} />
      ) : (
        <>
          <AssetFilters values={{ kind, clearance, tag, q }} setFilter={setFilter} clear={clear} filtered={filtered} tags={tags} shown={shown?.length} searchBox={searchBox} grid={grid} />
          {matching.error ? <LoadError error={matching.error} retry={matching.reload} /> : null}
          {shown && shown.length === 0 ? (
            <EmptyState title="No reference matches" action={<Button onClick={clear}>Clear filters</Button>}>
              Nothing in the library matches these filters{q ? ` and the name “${q}”` : ''}.
            </EmptyState>
          ) : (
            <ul className="asset-grid" aria-label="References" ref={grid}>
              {(shown ?? []).map((a) => (
                <AssetCard key={a.id} projectId={projectId} asset={a} />
              ))}
            </ul>
          )}
        </>
      )}
      {adding && <AddReferenceDialog projectId={projectId} onClose={() => setAdding(false)} onAdded={() => reload()} onUploaded={(r) => setNews(`${r.asset.name}: version ${r.version} uploaded.`)} />}
      {!editable && !project.closed && everything.length > 0 && <p className="field-hint">You can look at the references; your role does not add or change them.</p>}
    </>
  );
}

/**
 * The reference library of a project: a grid of cards filtered by kind, clearance, tag and name
 * (the filters live in the address, so a filtered view can be shared). `/` searches, j/k or the
 * arrows move between cards, Enter opens one, n adds a reference.
 */
import { ASSET_KINDS, CLEARANCE_STATES, type AssetKind, type ClearanceState } from '@backlot/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { AddReferenceDialog } from './add-reference.dialog.tsx';
import { AssetCard } from '../../shared/production/asset-card.tsx';
import { CLEARANCE_NAMES, KIND_NAMES } from '../../shared/production/asset-words.ts';
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

const FILTERS = ['kind', 'clearance', 'tag', 'q'] as const;

function AssetLibrary() {
  const { project, mayChange } = useProject();
  const projectId = project.id;
  const editable = mayChange('asset.edit');
  const [search, setSearch] = useSearchParams();
  const kind = search.get('kind') ?? '';
  const clearance = search.get('clearance') ?? '';
  const tag = search.get('tag') ?? '';
  const q = search.get('q') ?? '';
  const filtered = FILTERS.some((f) => search.get(f));
  const [typed, setTyped] = useState(q);
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
  const reload = () => {
    all.reload();
    matching.reload();
  };

  // The library catches up when an upload finishes, wherever it was started.
  const uploads = useUploads(projectId);
  useAfterUpload(uploads, reload);

  const setFilter = (name: (typeof FILTERS)[number], value: string) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  // The name search follows typing after a short pause.
  useEffect(() => {
    if (typed.trim() === q) return;
    const t = setTimeout(() => setFilter('q', typed.trim()), 200);
    return () => clearTimeout(t);
  }, [typed]);
  useEffect(() => setTyped((t) => (t.trim() === q ? t : q)), [q]);

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
  const atRisk = everything.filter((a) => a.rights.atRisk).length;

  return (
    <>
      <PageHeader
        title="Assets"
        sub={
          <>
            {everything.length} {everything.length === 1 ? 'reference' : 'references'}
            {atRisk > 0 && (
              <>
                {' · '}
                <span className="danger-text">⚠ {atRisk} at risk</span>
              </>
            )}
          </>
        }
      >
        {editable && (
          <Button variant="primary" onClick={() => setAdding(true)} title="Add a reference (n)">
            Add a reference
          </Button>
        )}
      </PageHeader>
      <UploadTray uploads={uploads} showAsset />
      {news && (
        <Banner tone="ok" action={<Button small variant="ghost" onClick={() => setNews(undefined)}>Dismiss</Button>}>
          {news}
        </Banner>
      )}

      {everything.length === 0 ? (
        <EmptyState
          title="No references yet"
          action={
            editable ? (
              <Button variant="primary" onClick={() => setAdding(true)}>
                Add a reference
              </Button>
            ) : undefined
          }
        >
          Characters, wardrobe, locations, props, frame anchors, reference video, audio and looks that shots are generated from — each with its versions, a locked
          version and its rights.{' '}
          {editable ? 'Add the first one and upload its pictures.' : project.closed ? 'The project is closed.' : 'Members who manage references add them here.'}
        </EmptyState>
      ) : (
        <>
          <div className="filter-bar" role="search" aria-label="Filter references">
            <input
              ref={searchBox}
              className="input input-search"
              type="search"
              aria-label="Search by name"
              placeholder="Search by name  ( / )"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  setTyped('');
                  setFilter('q', '');
                  e.currentTarget.blur();
                } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
                  e.preventDefault();
                  setFilter('q', typed.trim());
                  moveFocus(grid.current, 'first');
                }
              }}
            />
            <FilterPick label="Kind" value={kind} onPick={(v) => setFilter('kind', v)} any="All kinds" options={ASSET_KINDS.map((k) => [k, KIND_NAMES[k]])} />
            <FilterPick label="Clearance" value={clearance} onPick={(v) => setFilter('clearance', v)} any="Any clearance" options={CLEARANCE_STATES.map((c) => [c, CLEARANCE_NAMES[c]])} />
            <FilterPick label="Tag" value={tag} onPick={(v) => setFilter('tag', v)} any="Any tag" options={[...new Set([...tags, ...(tag ? [tag] : [])])].map((t) => [t, t])} />
            {filtered && (
              <Button small variant="ghost" onClick={() => setSearch(new URLSearchParams(), { replace: true })}>
                Clear filters
              </Button>
            )}
            <span className="muted filter-count" role="status">
              {shown ? `${shown.length} shown` : 'Filtering…'}
            </span>
          </div>
          {matching.error ? <LoadError error={matching.error} retry={matching.reload} /> : null}
          {shown && shown.length === 0 ? (
            <EmptyState title="No reference matches" action={<Button onClick={() => setSearch(new URLSearchParams(), { replace: true })}>Clear filters</Button>}>
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
      {adding && (
        <AddReferenceDialog
          projectId={projectId}
          onClose={() => setAdding(false)}
          onAdded={() => reload()}
          onUploaded={(r) => setNews(`${r.asset.name}: version ${r.version} uploaded.`)}
        />
      )}
      {!editable && !project.closed && everything.length > 0 && <p className="field-hint">You can look at the references; your role does not add or change them.</p>}
    </>
  );
}

/** One filter of the library: a labelled select whose empty choice means "any". */
function FilterPick({ label, value, onPick, any, options }: { label: string; value: string; onPick: (value: string) => void; any: string; options: [string, string][] }) {
  return (
    <label className="inline-pick">
      {label}
      <select className="select select-small" aria-label={label} value={value} onChange={(e) => onPick(e.target.value)}>
        <option value="">{any}</option>
        {options.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

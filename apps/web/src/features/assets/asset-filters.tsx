/** The reference library's filter bar: the name search (following typing after a short pause; Esc clears, ↓ or Enter goes to the cards), kind, clearance and tag, and how many are shown. */
import { ASSET_KINDS, CLEARANCE_STATES } from '@backlot/contracts';
import { useEffect, useState, type RefObject } from 'react';
import { moveFocus } from '../../shared/lib/grid-keys.ts';
import { CLEARANCE_NAMES, KIND_NAMES } from '../../shared/production/asset-words.ts';
import { Button } from '../../shared/ui/button.tsx';
import { FilterPick } from '../../shared/ui/filter-pick.tsx';

export const ASSET_FILTERS = ['kind', 'clearance', 'tag', 'q'] as const;
export type AssetFilter = (typeof ASSET_FILTERS)[number];

export interface AssetFiltersProps {
  values: Record<AssetFilter, string>;
  setFilter: (name: AssetFilter, value: string) => void;
  clear: () => void;
  filtered: boolean;
  /** Every tag in the library, for the tag filter. */
  tags: string[];
  shown: number | undefined;
  searchBox: RefObject<HTMLInputElement | null>;
  grid: RefObject<HTMLUListElement | null>;
}

export function AssetFilters({ values, setFilter, clear, filtered, tags, shown, searchBox, grid }: AssetFiltersProps) {
  const { kind, clearance, tag, q } = values;
  const [typed, setTyped] = useState(q);
  // The name search follows typing after a short pause.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows typing only; the address's q and setter are read at the pause, not a reason to restart it
  useEffect(() => {
    if (typed.trim() === q) return;
    const t = setTimeout(() => setFilter('q', typed.trim()), 200);
    return () => clearTimeout(t);
  }, [typed]);
  useEffect(() => setTyped((t) => (t.trim() === q ? t : q)), [q]);
  return (
    <search className="filter-bar" aria-label="Filter references">
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
        <Button small variant="ghost" onClick={clear}>
          Clear filters
        </Button>
      )}
      <span className="muted filter-count" role="status">
        {shown !== undefined ? `${shown} shown` : 'Filtering…'}
      </span>
    </search>
  );
}

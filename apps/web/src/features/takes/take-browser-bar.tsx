/**
 * The takes browser's filters: prompt words (`/` focuses the field; it searches after a short
 * pause or at Enter, Esc clears it), provider, model, seed, generation status, review state, who
 * asked, scene, shot, a date range and the order. Only the filters the member's role may search by
 * are offered (the server refuses the others).
 */
import { GENERATION_STATUSES, PROVIDERS, type GenerationStatus, type Member, type ModelCapabilities, type ProjectTakePage, type ReviewState } from '@backlot/contracts';
import { forwardRef, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { PROVIDER_NAMES, REVIEW_NAMES, STATUS_NAMES } from '../../shared/production/take-words.ts';
import { Button } from '../../shared/ui/button.tsx';
import { FilterPick } from '../../shared/ui/filter-pick.tsx';
import { offeredFields, offeredSorts, offeredStates, type SearchAbilities, type TakeBrowserFilter, type TakeFilterField, type TakeSort } from './take-browser-filter.ts';

const SORT_NAMES: Record<TakeSort, string> = { scene: 'Scene and shot', newest: 'Newest first', oldest: 'Oldest first', cost: 'Dearest first' };
/** How long typing pauses before a text filter searches. */
const TYPING_PAUSE_MS = 300;

interface TextFilterProps {
  label: string;
  /** For a visible `<label htmlFor>` beside the field. */
  id?: string;
  value: string;
  onCommit: (value: string) => void;
  placeholder?: string;
  className?: string;
  list?: string;
  inputMode?: 'numeric';
  /** ↓ in the field: go on to the results. */
  onDone?: () => void;
}

/** A text filter: follows the address when it changes elsewhere; searches after a pause in typing, or at once on Enter; Esc clears. */
const TextFilter = forwardRef<HTMLInputElement, TextFilterProps>(function TextFilter({ label, id, value, onCommit, placeholder, className, list, inputMode, onDone }, ref) {
  const [typed, setTyped] = useState(value);
  const mine = useRef<HTMLInputElement | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new value from outside replaces what is typed
  useEffect(() => {
    if (document.activeElement !== mine.current || typed.trim() === value) setTyped(value);
  }, [value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: commits after a pause in typing; a new callback or value is no reason to restart the wait
  useEffect(() => {
    if (typed.trim() === value) return;
    const t = setTimeout(() => onCommit(typed.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(t);
  }, [typed]);
  return (
    <input
      ref={(el) => {
        mine.current = el;
        if (typeof ref === 'function') ref(el);
        else if (ref) ref.current = el;
      }}
      id={id}
      className={`input ${className ?? ''}`}
      type="search"
      aria-label={label}
      placeholder={placeholder ?? label}
      value={typed}
      list={list}
      inputMode={inputMode}
      onChange={(e) => setTyped(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setTyped('');
          onCommit('');
          e.currentTarget.blur();
        } else if (e.key === 'Enter') {
          e.preventDefault();
          onCommit(typed.trim());
        } else if (e.key === 'ArrowDown' && onDone) {
          e.preventDefault();
          onCommit(typed.trim());
          onDone();
        }
      }}
    />
  );
});

export interface TakeBrowserBarProps {
  filter: TakeBrowserFilter;
  setFilter: (change: Partial<TakeBrowserFilter>) => void;
  clear: () => void;
  filtered: boolean;
  abilities: SearchAbilities;
  shots: ProjectTakePage['shots'];
  members: Member[];
  models: ModelCapabilities[];
  /** "12 of 340 takes", or "Searching…". */
  count: ReactNode;
  onDone: () => void;
}

export const TakeBrowserBar = forwardRef<HTMLInputElement, TakeBrowserBarProps>(function TakeBrowserBar(
  { filter, setFilter, clear, filtered, abilities, shots, members, models, count, onDone },
  searchBox,
) {
  const offered = new Set<TakeFilterField>(offeredFields(abilities));
  const scenes = [...new Map(shots.map((s) => [s.sceneId, s.sceneNumber])).entries()];
  const shotsHere = filter.sceneId ? shots.filter((s) => s.sceneId === filter.sceneId) : shots;
  const modelNames = [...new Set(models.filter((m) => !filter.provider || m.provider === filter.provider).map((m) => m.model))];
  const fieldId = useId();
  return (
    <search className="takes-browser-bar" aria-label="Filter takes">
      <div className="filter-bar takes-filters">
        {offered.has('q') && (
          <TextFilter
            ref={searchBox}
            label="Search prompts"
            placeholder="Search prompts  ( / )"
            className="input-search takes-search"
            value={filter.q}
            onCommit={(q) => setFilter({ q })}
            onDone={onDone}
          />
        )}
        <FilterPick
          label="State"
          value={filter.state}
          onPick={(v) => setFilter({ state: v as ReviewState | '' })}
          any="Any state"
          options={offeredStates(abilities).map((r) => [r, REVIEW_NAMES[r]])}
        />
        {offered.has('status') && (
          <FilterPick
            label="Status"
            value={filter.status}
            onPick={(v) => setFilter({ status: v as GenerationStatus | '' })}
            any="Any status"
            options={GENERATION_STATUSES.map((s) => [s, STATUS_NAMES[s]])}
          />
        )}
        <FilterPick label="Scene" value={filter.sceneId} onPick={(v) => setFilter({ sceneId: v, shotId: '' })} any="All scenes" options={scenes.map(([id, number]) => [id, `Scene ${number}`])} />
        <FilterPick label="Shot" value={filter.shotId} onPick={(v) => setFilter({ shotId: v })} any="All shots" options={shotsHere.map((s) => [s.id, s.code])} />
        <FilterPick
          label="Order"
          value={filter.sort}
          onPick={(v) => setFilter({ sort: v as TakeSort | '' })}
          any={SORT_NAMES.scene}
          options={offeredSorts(abilities)
            .filter((s) => s !== 'scene')
            .map((s) => [s, SORT_NAMES[s]])}
        />
        {filtered && (
          <Button small variant="ghost" onClick={clear}>
            Clear filters
          </Button>
        )}
        <span className="muted filter-count" role="status">
          {count}
        </span>
      </div>
      <div className="filter-bar takes-filters takes-filters-more">
        {offered.has('provider') && (
          <label className="inline-pick" htmlFor={`${fieldId}-provider`}>
            Provider
            <TextFilter
              id={`${fieldId}-provider`}
              label="Provider"
              className="select-small takes-field"
              value={filter.provider}
              onCommit={(provider) => setFilter({ provider })}
              list="takes-providers"
            />
            <datalist id="takes-providers">
              {PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {PROVIDER_NAMES[p] ?? p}
                </option>
              ))}
            </datalist>
          </label>
        )}
        {offered.has('model') && (
          <label className="inline-pick" htmlFor={`${fieldId}-model`}>
            Model
            <TextFilter id={`${fieldId}-model`} label="Model" className="select-small takes-field" value={filter.model} onCommit={(model) => setFilter({ model })} list="takes-models" />
            <datalist id="takes-models">
              {modelNames.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </label>
        )}
        {offered.has('seed') && (
          <label className="inline-pick" htmlFor={`${fieldId}-seed`}>
            Seed
            <TextFilter id={`${fieldId}-seed`} label="Seed" className="select-small takes-field takes-seed mono" value={filter.seed} onCommit={(seed) => setFilter({ seed })} inputMode="numeric" />
          </label>
        )}
        {offered.has('member') && <FilterPick label="Asked by" value={filter.member} onPick={(v) => setFilter({ member: v })} any="Anyone" options={members.map((m) => [m.accountId, m.name])} />}
        <label className="inline-pick">
          From
          <input className="input select-small" type="date" aria-label="From" value={filter.from} max={filter.to || undefined} onChange={(e) => setFilter({ from: e.target.value })} />
        </label>
        <label className="inline-pick">
          To
          <input className="input select-small" type="date" aria-label="To" value={filter.to} min={filter.from || undefined} onChange={(e) => setFilter({ to: e.target.value })} />
        </label>
      </div>
    </search>
  );
});

/**
 * The takes browser's filter as plain data: read from and written to the address (so a view can be
 * shared and the back button walks through searches), turned into the server's query and back from
 * a saved search, narrowed to what the member's role may search by, and the words of a prompt that
 * a search matched. The server decides what is found; this only mirrors its rules for the screen.
 */
import { GENERATION_STATUSES, REVIEW_STATES, TAKE_SORTS, type GenerationStatus, type ReviewState, type TakeFilterQuery } from '@backlot/contracts';

export type TakeSort = (typeof TAKE_SORTS)[number];

/** Every filter of the browser; an empty string means "any". */
export interface TakeBrowserFilter {
  q: string;
  provider: string;
  model: string;
  seed: string;
  status: GenerationStatus | '';
  state: ReviewState | '';
  /** The account that asked for the take. */
  member: string;
  sceneId: string;
  shotId: string;
  /** Requested on or after this day (YYYY-MM-DD). */
  from: string;
  /** Requested on or before this day (YYYY-MM-DD). */
  to: string;
  /** Empty: scene and shot order, the server's default. */
  sort: TakeSort | '';
}

export type TakeFilterField = keyof TakeBrowserFilter;

export const EMPTY_FILTER: TakeBrowserFilter = { q: '', provider: '', model: '', seed: '', status: '', state: '', member: '', sceneId: '', shotId: '', from: '', to: '', sort: '' };

/** Each field's name in the address, in the order the address lists them. */
const URL_NAMES: [TakeFilterField, string][] = [
  ['q', 'q'],
  ['provider', 'provider'],
  ['model', 'model'],
  ['seed', 'seed'],
  ['status', 'status'],
  ['state', 'state'],
  ['member', 'member'],
  ['sceneId', 'scene'],
  ['shotId', 'shot'],
  ['from', 'from'],
  ['to', 'to'],
  ['sort', 'sort'],
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(values: readonly T[], v: string): T | '' => ((values as readonly string[]).includes(v) ? (v as T) : '');

/** Keeps a value only when it is one the field can hold (a hand-edited address never reaches the server malformed). */
function clean(field: TakeFilterField, raw: string): string {
  const v = raw.trim();
  switch (field) {
    case 'seed':
      return /^\d{1,15}$/.test(v) ? v : '';
    case 'status':
      return oneOf(GENERATION_STATUSES, v);
    case 'state':
      return oneOf(REVIEW_STATES, v);
    case 'sort':
      return v === 'scene' ? '' : oneOf(TAKE_SORTS, v);
    case 'from':
    case 'to':
      return DAY.test(v) ? v : '';
    default:
      return v.slice(0, 200);
  }
}

/** The filter an address holds; unknown or malformed values are left out. */
export function filterFromUrl(params: URLSearchParams): TakeBrowserFilter {
  const filter = { ...EMPTY_FILTER };
  for (const [field, name] of URL_NAMES) (filter as Record<TakeFilterField, string>)[field] = clean(field, params.get(name) ?? '');
  return filter;
}

/** The address of a filter: only the fields set, in a fixed order (the same view always has the same address). */
export function filterToUrl(filter: TakeBrowserFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, name] of URL_NAMES) {
    const v = clean(field, filter[field]);
    if (v) params.set(name, v);
  }
  return params;
}

/** Whether any filter is set (the sort is not a filter). */
export function isFiltered(filter: TakeBrowserFilter): boolean {
  return URL_NAMES.some(([field]) => field !== 'sort' && clean(field, filter[field]) !== '');
}

/** The server's query for a filter (what the grid asks and what a saved search keeps). */
export function filterToQuery(filter: TakeBrowserFilter): TakeFilterQuery {
  const v = (field: TakeFilterField) => clean(field, filter[field]) || undefined;
  const query: TakeFilterQuery = {
    q: v('q'),
    provider: v('provider'),
    model: v('model'),
    seed: v('seed') === undefined ? undefined : Number(filter.seed.trim()),
    status: v('status') as GenerationStatus | undefined,
    state: v('state') as ReviewState | undefined,
    requestedBy: v('member'),
    sceneId: v('sceneId'),
    shotId: v('shotId'),
    from: v('from'),
    to: v('to'),
    sort: v('sort') as TakeSort | undefined,
  };
  return Object.fromEntries(Object.entries(query).filter(([, x]) => x !== undefined)) as TakeFilterQuery;
}

/** The filter a saved search stands for (a date and time saved by another client is kept as its day). */
export function filterFromQuery(query: TakeFilterQuery): TakeBrowserFilter {
  const s = (x: string | number | undefined) => (x === undefined ? '' : String(x));
  return {
    q: s(query.q),
    provider: s(query.provider),
    model: s(query.model),
    seed: s(query.seed),
    status: query.status ?? '',
    state: query.state ?? '',
    member: s(query.requestedBy),
    sceneId: s(query.sceneId),
    shotId: s(query.shotId),
    from: s(query.from).slice(0, 10),
    to: s(query.to).slice(0, 10),
    sort: query.sort === 'scene' ? '' : (query.sort ?? ''),
  };
}

/** What the member's role lets them read, from the project's permissions. */
export interface SearchAbilities {
  /** Reads a take's prompt, seed, provider, model and who asked (project.read: not a viewer). */
  detail: boolean;
  /** Sees every take, whatever its state (take.generate); others see selected and approved takes only. */
  generates: boolean;
  /** Reads costs (spend.read): may order by cost. */
  spend: boolean;
}

export function searchAbilities(can: (action: 'project.read' | 'take.generate' | 'spend.read') => boolean): SearchAbilities {
  return { detail: can('project.read'), generates: can('take.generate'), spend: can('spend.read') };
}

/**
 * The filters offered to a member: the server refuses prompt words, seed, provider, model and who
 * asked to those who do not read a take's detail, and cost order to those who do not read spend.
 * Generation status is offered only to those who see takes being made (the others see only
 * finished, reviewed takes, so it could only ever show all or nothing).
 */
export function offeredFields(a: SearchAbilities): TakeFilterField[] {
  return URL_NAMES.map(([field]) => field).filter((field) => {
    if (field === 'q' || field === 'seed' || field === 'provider' || field === 'model' || field === 'member') return a.detail;
    if (field === 'status') return a.generates;
    return true;
  });
}

/** The review states a member may filter by: those who do not generate see only selected and approved takes. */
export function offeredStates(a: SearchAbilities): ReviewState[] {
  return REVIEW_STATES.filter((r) => a.generates || r === 'selected' || r === 'approved');
}

export function offeredSorts(a: SearchAbilities): TakeSort[] {
  return TAKE_SORTS.filter((s) => s !== 'cost' || a.spend);
}

/** The filter with what the member may not search by let go (a shared address from someone with another role). */
export function narrowFilter(filter: TakeBrowserFilter, a: SearchAbilities): TakeBrowserFilter {
  const offered = new Set(offeredFields(a));
  const narrowed = { ...filter };
  for (const [field] of URL_NAMES) if (!offered.has(field)) (narrowed as Record<TakeFilterField, string>)[field] = '';
  if (narrowed.state && !offeredStates(a).includes(narrowed.state)) narrowed.state = '';
  if (narrowed.sort && !offeredSorts(a).includes(narrowed.sort)) narrowed.sort = '';
  return narrowed;
}

/** The plain words of a search as the server reads them: letters and digits, lower-cased, each once. */
export function searchWords(q: string): string[] {
  return [
    ...new Set(
      q
        .normalize('NFC')
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [],
    ),
  ];
}

/**
 * A prompt cut into the parts a search matched and the rest, for highlighting: a word matches when
 * it is one of the search's words, or starts with its last word (as the server finds them).
 */
export function highlightPrompt(prompt: string, q: string): { text: string; match: boolean }[] {
  const words = searchWords(q);
  if (!words.length) return prompt ? [{ text: prompt, match: false }] : [];
  const last = words[words.length - 1];
  const whole = new Set(words);
  const parts: { text: string; match: boolean }[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const end = parts[parts.length - 1];
    if (end && end.match === match) end.text += text;
    else parts.push({ text, match });
  };
  let at = 0;
  for (const m of prompt.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0].normalize('NFC').toLowerCase();
    push(prompt.slice(at, m.index), false);
    push(m[0], whole.has(word) || word.startsWith(last));
    at = m.index + m[0].length;
  }
  push(prompt.slice(at), false);
  return parts;
}

/** Each query field by the name the filter bar gives it, for the server's refusals. */
const FIELD_LABELS: Record<string, string> = {
  q: 'Search prompts',
  provider: 'Provider',
  model: 'Model',
  seed: 'Seed',
  status: 'Status',
  state: 'State',
  requestedBy: 'Asked by',
  sceneId: 'Scene',
  shotId: 'Shot',
  from: 'From',
  to: 'To',
  sort: 'Order',
  cursor: 'Page',
};

/** What the server refused in a search, each problem under the name of the filter it is about ("To: must not be before from"). */
export function refusalWords(problems: { field: string; message: string }[]): string {
  return problems.map((p) => `${FIELD_LABELS[p.field.replace(/^query\./, '')] ?? p.field}: ${p.message}`).join('; ');
}

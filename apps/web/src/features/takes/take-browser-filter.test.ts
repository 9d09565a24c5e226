/** The takes browser's filter: to and from the address, to the server's query and back from a saved search, what each role is offered, and the highlighted words of a prompt. */
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  filterFromQuery,
  filterFromUrl,
  filterToQuery,
  filterToUrl,
  highlightPrompt,
  isFiltered,
  narrowFilter,
  offeredFields,
  offeredSorts,
  offeredStates,
  refusalWords,
  searchAbilities,
  type TakeBrowserFilter,
} from './take-browser-filter.ts';

const FULL: TakeBrowserFilter = {
  q: 'neon rain',
  provider: 'seedance',
  model: 'seedance-1-pro',
  seed: '42',
  status: 'succeeded',
  state: 'selected',
  member: 'acc-1',
  sceneId: 'sc-1',
  shotId: 'sh-1',
  from: '2026-03-01',
  to: '2026-03-31',
  sort: 'newest',
};

describe('the filter in the address', () => {
  it('writes only the fields set, in a fixed order, under the address names', () => {
    expect(filterToUrl(FULL).toString()).toBe(
      'q=neon+rain&provider=seedance&model=seedance-1-pro&seed=42&status=succeeded&state=selected&member=acc-1&scene=sc-1&shot=sh-1&from=2026-03-01&to=2026-03-31&sort=newest',
    );
    expect(filterToUrl({ ...EMPTY_FILTER, state: 'approved', sceneId: 'sc-2' }).toString()).toBe('state=approved&scene=sc-2');
    expect(filterToUrl(EMPTY_FILTER).toString()).toBe('');
  });

  it('reads back what it wrote', () => {
    expect(filterFromUrl(filterToUrl(FULL))).toEqual(FULL);
    expect(filterFromUrl(new URLSearchParams('shot=sh-9&q=door'))).toEqual({ ...EMPTY_FILTER, shotId: 'sh-9', q: 'door' });
  });

  it('leaves out values the fields cannot hold', () => {
    expect(filterFromUrl(new URLSearchParams('seed=abc&status=done&state=great&sort=price&from=yesterday&to=2026-3-1'))).toEqual(EMPTY_FILTER);
    expect(filterFromUrl(new URLSearchParams('seed=-4'))).toEqual(EMPTY_FILTER);
    // Scene order is the default: it is not written.
    expect(filterFromUrl(new URLSearchParams('sort=scene')).sort).toBe('');
  });

  it('tells a filtered view from an unfiltered one, whatever the order', () => {
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, sort: 'oldest' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, seed: '0' })).toBe(true);
    expect(isFiltered({ ...EMPTY_FILTER, q: '   ' })).toBe(false);
  });
});

describe("the server's query", () => {
  it('names each field as the server does, the seed as a number, and nothing unset', () => {
    expect(filterToQuery(FULL)).toEqual({
      q: 'neon rain',
      provider: 'seedance',
      model: 'seedance-1-pro',
      seed: 42,
      status: 'succeeded',
      state: 'selected',
      requestedBy: 'acc-1',
      sceneId: 'sc-1',
      shotId: 'sh-1',
      from: '2026-03-01',
      to: '2026-03-31',
      sort: 'newest',
    });
    expect(filterToQuery({ ...EMPTY_FILTER, seed: '0', q: '  door ' })).toEqual({ seed: 0, q: 'door' });
    expect(filterToQuery(EMPTY_FILTER)).toEqual({});
  });

  it('opens a saved search as the filter it was saved from', () => {
    expect(filterFromQuery(filterToQuery(FULL))).toEqual(FULL);
    expect(filterFromQuery({ state: 'approved', from: '2026-03-01T18:00:00Z', sort: 'scene' })).toEqual({ ...EMPTY_FILTER, state: 'approved', from: '2026-03-01' });
  });
});

describe('what each role is offered', () => {
  // The project's permissions of each role (DESIGN.md §8), written out by hand.
  const PERMISSIONS: Record<string, string[]> = {
    owner: ['project.read', 'take.generate', 'spend.read'],
    producer: ['project.read', 'take.generate', 'spend.read'],
    director: ['project.read', 'take.generate', 'spend.read'],
    editor: ['project.read'],
    viewer: [],
  };
  const abilities = (role: string) => searchAbilities((a) => PERMISSIONS[role].includes(a));

  it('offers prompt words, seed, provider, model and who asked only to those who read them, status only to those who generate', () => {
    const everything = ['q', 'provider', 'model', 'seed', 'status', 'state', 'member', 'sceneId', 'shotId', 'from', 'to', 'sort'];
    expect(offeredFields(abilities('owner'))).toEqual(everything);
    expect(offeredFields(abilities('director'))).toEqual(everything);
    expect(offeredFields(abilities('editor'))).toEqual(['q', 'provider', 'model', 'seed', 'state', 'member', 'sceneId', 'shotId', 'from', 'to', 'sort']);
    expect(offeredFields(abilities('viewer'))).toEqual(['state', 'sceneId', 'shotId', 'from', 'to', 'sort']);
  });

  it('offers the review states each sees, and cost order to those who read spend', () => {
    expect(offeredStates(abilities('director'))).toEqual(['unreviewed', 'rejected', 'maybe', 'selected', 'approved']);
    expect(offeredStates(abilities('editor'))).toEqual(['selected', 'approved']);
    expect(offeredStates(abilities('viewer'))).toEqual(['selected', 'approved']);
    expect(offeredSorts(abilities('producer'))).toEqual(['scene', 'newest', 'oldest', 'cost']);
    expect(offeredSorts(abilities('editor'))).toEqual(['scene', 'newest', 'oldest']);
    expect(offeredSorts(abilities('viewer'))).toEqual(['scene', 'newest', 'oldest']);
  });

  it('lets go of what a role may not search by, as in an address shared by a director', () => {
    const shared: TakeBrowserFilter = { ...FULL, state: 'maybe', sort: 'cost' };
    expect(narrowFilter(shared, abilities('viewer'))).toEqual({ ...EMPTY_FILTER, sceneId: 'sc-1', shotId: 'sh-1', from: '2026-03-01', to: '2026-03-31' });
    expect(narrowFilter(shared, abilities('editor'))).toEqual({ ...FULL, status: '', state: '', sort: '' });
    expect(narrowFilter(shared, abilities('director'))).toEqual(shared);
  });
});

describe('highlighting a prompt', () => {
  const marked = (prompt: string, q: string) =>
    highlightPrompt(prompt, q)
      .map((p) => (p.match ? `[${p.text}]` : p.text))
      .join('');

  it('marks every searched word, and words starting with the last one', () => {
    expect(marked('Mara crosses the empty loading bay under neon rain', 'neon rain')).toBe('Mara crosses the empty loading bay under [neon] [rain]');
    expect(marked('Neonate kittens asleep in a crate', 'neo')).toBe('[Neonate] kittens asleep in a crate');
    expect(marked("Close-up of Mara's hands", 'MARA')).toBe("Close-up of [Mara]'s hands");
    // Only the last word is a prefix: "neo" before "rain" matches whole words only.
    expect(marked('Neon signs in the rain', 'neo rain')).toBe('Neon signs in the [rain]');
  });

  it('leaves a prompt whole when nothing is searched', () => {
    expect(highlightPrompt('Aerial dawn', '')).toEqual([{ text: 'Aerial dawn', match: false }]);
    expect(highlightPrompt('', 'dawn')).toEqual([]);
  });
});

describe("the server's refusal of a search", () => {
  it('names each filter as the bar does', () => {
    expect(refusalWords([{ field: 'to', message: 'must not be before from' }])).toBe('To: must not be before from');
    expect(
      refusalWords([
        { field: 'query.seed', message: 'your role does not read this about takes, so it cannot search by it' },
        { field: 'sort', message: 'cost order is for members who may read spend' },
      ]),
    ).toBe('Seed: your role does not read this about takes, so it cannot search by it; Order: cost order is for members who may read spend');
  });
});

/**
 * Searching the project's takes over HTTP, on SQLite and PostgreSQL: prompt words through each
 * database's full-text index (every word, the last as a prefix), filters by provider, model, seed,
 * status, review state, who asked, scene, shot and date, sorts, cursor pages that neither repeat
 * nor skip a take while new takes arrive, what a viewer may not search by, input that looks like
 * a full-text query language, and saved searches.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import * as m0018 from '../adapters/db/migrations/0018-take-search.ts';
import { newTakeRecord } from '../services/generate/take-record.ts';

const PLAN = { job: 'Cover the scene', subjectAction: 'Mara waits.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Mara readable'], targetFrames: 12 };

interface GridTake {
  id: string;
  code: string;
  shotCode: string;
  prompt?: string;
}
interface GridPage {
  takes: GridTake[];
  total: number;
  next: number | null;
  nextCursor: string | null;
}

// Each take: its label (in the prompt's first word's place: the tests name takes by it), shot, prompt, provider, model, seed, review, who, when, cost.
type Who = 'owner' | 'director';
const TAKES: { label: string; shot: 0 | 1; prompt: string; provider: string; model: string; seed: number; review: string; by: Who; at: string; micros: number }[] = [
  {
    label: 'T1',
    shot: 0,
    prompt: 'Mara crosses the empty loading bay under neon rain',
    provider: 'previs',
    model: 'previs-animatic',
    seed: 11,
    review: 'approved',
    by: 'director',
    at: '2026-03-01T10:00:00.000Z',
    micros: 500_000,
  },
  {
    label: 'T2',
    shot: 0,
    prompt: 'Neon signs flicker over the wet loading dock',
    provider: 'seedance',
    model: 'seedance-1-pro',
    seed: 22,
    review: 'unreviewed',
    by: 'owner',
    at: '2026-03-02T09:00:00.000Z',
    micros: 2_000_000,
  },
  {
    label: 'T3',
    shot: 1,
    prompt: 'Aerial dawn over the roof, mist rising',
    provider: 'previs',
    model: 'previs-animatic',
    seed: 33,
    review: 'selected',
    by: 'director',
    at: '2026-03-03T23:59:00.000Z',
    micros: 100_000,
  },
  {
    label: 'T4',
    shot: 1,
    prompt: "Close-up of Mara's hands, rain on the glass",
    provider: 'seedance',
    model: 'seedance-1-lite',
    seed: 11,
    review: 'rejected',
    by: 'owner',
    at: '2026-03-04T08:00:00.000Z',
    micros: 900_000,
  },
  {
    label: 'T5',
    shot: 1,
    prompt: 'Neonate kittens asleep in a crate',
    provider: 'seedance',
    model: 'seedance-1-pro',
    seed: 55,
    review: 'unreviewed',
    by: 'director',
    at: '2026-03-05T12:00:00.000Z',
    micros: 300_000,
  },
  {
    label: 'T6',
    shot: 0,
    prompt: 'The loading-bay door slams; NEAR the "exit" sign (red)',
    provider: 'previs',
    model: 'previs-animatic',
    seed: 66,
    review: 'maybe',
    by: 'director',
    at: '2026-03-06T12:00:00.000Z',
    micros: 700_000,
  },
];

describeEachDatabase('take search', (h) => {
  let owner: Person, director: Person, editor: Person, viewer: Person;
  let projectId = '';
  const scenes: string[] = [];
  const shots: string[] = [];
  const label = new Map<string, string>(); // take id → label
  let added = 0;
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const get = (who: Person, query: string) => h().as(who, { method: 'GET', url: url(`/takes?${query}`) });
  const grid = async (who: Person, query = '') => {
    const r = await get(who, query);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as GridPage;
  };
  const labels = (p: GridPage) => p.takes.map((t) => label.get(t.id));
  const found = async (who: Person, query: string) => {
    const p = await grid(who, query);
    expect(p.total).toBe(p.takes.length);
    return labels(p).sort();
  };
  const refused = async (who: Person, query: string, field: string) => {
    const r = await get(who, query);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.code).toBe('request.invalid');
    expect(r.json().error.field).toBe(field);
  };
  /** Inserts a take through the store, as generation would, with the given prompt and facts. */
  const insertTake = async (t: (typeof TAKES)[number]) => {
    const id = `019d0000-0000-7000-8000-${String(++added).padStart(12, '0')}`;
    const person = t.by === 'owner' ? owner : director;
    await h().container.store.transaction(async (tx) => {
      const number = await tx.takes.nextNumber(shots[t.shot]);
      await tx.takes.insert(
        newTakeRecord(
          {
            id,
            projectId,
            shotId: shots[t.shot],
            number,
            provider: t.provider,
            model: t.model,
            planVersion: 1,
            currency: 'USD',
            requestedBy: person.id,
            requestedByName: person.name,
            status: 'succeeded',
            step: 'done',
            prompt: t.prompt,
            seed: t.seed,
            review: t.review,
            estimateMicros: t.micros,
            actualMicros: t.micros,
            finishedAt: t.at,
          },
          t.at,
        ),
      );
    });
    label.set(id, t.label);
    return id;
  };

  it('sets up a project: two scenes of one shot each, six takes with hand-written prompts', async () => {
    [owner, director, editor, viewer] = await Promise.all(['Olga', 'Dora', 'Eddie', 'Vera'].map((n) => h().person(n)));
    projectId = await h().project(owner, 'SRCH', [
      [director, 'director'],
      [editor, 'editor'],
      [viewer, 'viewer'],
    ]);
    for (const heading of ['INT. LOADING BAY - NIGHT', 'EXT. ROOF - DAWN']) {
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading } })).json();
      scenes.push(scene.id);
      shots.push((await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json().id);
    }
    for (const t of TAKES) await insertTake(t);
    expect((await grid(director)).total).toBe(6);
  });

  it('finds the takes whose prompt holds every word, the last also as the start of a word', async () => {
    expect(await found(director, 'q=neon+rain')).toEqual(['T1']);
    expect(await found(director, 'q=neon')).toEqual(['T1', 'T2', 'T5']);
    expect(await found(director, 'q=NEON')).toEqual(['T1', 'T2', 'T5']);
    expect(await found(director, 'q=loading+bay')).toEqual(['T1', 'T6']);
    expect(await found(director, 'q=mara')).toEqual(['T1', 'T4']);
    expect(await found(director, 'q=rain+neo')).toEqual(['T1']);
    expect(await found(director, 'q=kitten')).toEqual(['T5']);
    // Only the last word is a prefix: "neo" alone in the middle matches no whole word.
    expect(await found(director, 'q=neo+rain')).toEqual([]);
    expect(await found(director, 'q=submarine')).toEqual([]);
    // The prompt is sent to the searcher who may read it.
    const page = await grid(director, 'q=kittens');
    expect(page.takes[0].prompt).toBe('Neonate kittens asleep in a crate');
  });

  it('filters by provider, model, seed, status, review state, who asked, scene, shot and date, together with words', async () => {
    expect(await found(director, 'q=rain&provider=seedance')).toEqual(['T4']);
    expect(await found(director, 'provider=seedance&model=seedance-1-pro')).toEqual(['T2', 'T5']);
    expect(await found(director, 'seed=11')).toEqual(['T1', 'T4']);
    expect(await found(director, 'seed=11&provider=previs')).toEqual(['T1']);
    expect(await found(director, 'status=succeeded&q=neon')).toEqual(['T1', 'T2', 'T5']);
    expect(await found(director, 'status=queued')).toEqual([]);
    expect(await found(director, 'q=neon&state=unreviewed')).toEqual(['T2', 'T5']);
    expect(await found(director, `requestedBy=${owner.id}`)).toEqual(['T2', 'T4']);
    expect(await found(director, `sceneId=${scenes[1]}&q=mara`)).toEqual(['T4']);
    expect(await found(director, `shotId=${shots[0]}&provider=previs`)).toEqual(['T1', 'T6']);
    // A day runs from its start to its end (UTC); an instant is exact.
    expect(await found(director, 'from=2026-03-02&to=2026-03-03')).toEqual(['T2', 'T3']);
    expect(await found(director, 'from=2026-03-04T08:00:00Z')).toEqual(['T4', 'T5', 'T6']);
    expect(await found(director, 'to=2026-03-01T09:59:59Z')).toEqual([]);
  });

  it('sorts: scene order, newest, oldest, dearest first', async () => {
    // Scene order: shot of scene 1 first, newest take of a shot first.
    expect(labels(await grid(director))).toEqual(['T6', 'T2', 'T1', 'T5', 'T4', 'T3']);
    expect(labels(await grid(director, 'sort=newest'))).toEqual(['T6', 'T5', 'T4', 'T3', 'T2', 'T1']);
    expect(labels(await grid(director, 'sort=oldest&q=neon'))).toEqual(['T1', 'T2', 'T5']);
    expect(labels(await grid(director, 'sort=cost'))).toEqual(['T2', 'T4', 'T6', 'T1', 'T5', 'T3']);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    await refused(director, 'status=finished', 'status');
    await refused(director, 'state=liked', 'state');
    await refused(director, 'seed=abc', 'seed');
    await refused(director, 'seed=-1', 'seed');
    await refused(director, 'from=yesterday', 'from');
    await refused(director, 'to=2026-02-30', 'to');
    await refused(director, 'from=2026-03-05&to=2026-03-01', 'to');
    await refused(director, 'sort=loudest', 'sort');
    await refused(director, 'limit=0', 'limit');
    await refused(director, 'cursor=not-a-cursor', 'cursor');
    await refused(director, `cursor=${(await grid(director, 'sort=newest&limit=2')).nextCursor}&sort=oldest`, 'cursor');
    await refused(director, `q=${'a'.repeat(201)}`, 'q');
  });

  it('reads words with full-text syntax in them as plain words, on both databases', async () => {
    const hostile: [string, string[]][] = [
      ['"neon', ['T1', 'T2', 'T5']],
      ['neon"', ['T1', 'T2', 'T5']],
      ['"neon rain"', ['T1']],
      ['neon*', ['T1', 'T2', 'T5']],
      ['-rain', ['T1', 'T4']],
      ['rain -neon', ['T1']],
      ['NEAR(neon rain)', []],
      ['NEAR exit', ['T6']],
      ['prompt:neon', []],
      ['take_id:neon', []],
      ['(neon', ['T1', 'T2', 'T5']],
      ['neon OR kittens', []],
      ['neon & !rain', ['T1']],
      // "neon" is not the last word, so it is a whole word: T5's "Neonate" is not it.
      ['neon | kittens', []],
      ['kittens | neon', ['T5']],
      ["'; drop table takes; --", []],
      ['neon:*', ['T1', 'T2', 'T5']],
      ['^neon', ['T1', 'T2', 'T5']],
      ['"exit" (red)', ['T6']],
      ['\\', ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']],
      ['"*-:()', ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']],
    ];
    for (const [q, expected] of hostile) {
      expect(await found(director, `q=${encodeURIComponent(q)}`), q).toEqual(expected);
    }
    // The takes are all still there.
    expect((await grid(director)).total).toBe(6);
  });

  it('lets a viewer see only selected and approved takes, and not search by prompt, seed, provider, model or who asked, nor sort by cost', async () => {
    expect(await found(viewer, '')).toEqual(['T1', 'T3']);
    // Counts tell nothing of hidden takes.
    expect((await grid(viewer, 'state=unreviewed')).total).toBe(0);
    expect((await grid(viewer, 'status=succeeded')).total).toBe(2);
    expect((await grid(viewer, 'from=2026-03-04')).total).toBe(0);
    await refused(viewer, 'q=neon', 'q');
    await refused(viewer, 'seed=11', 'seed');
    await refused(viewer, 'provider=seedance', 'provider');
    await refused(viewer, 'model=seedance-1-pro', 'model');
    await refused(viewer, `requestedBy=${owner.id}`, 'requestedBy');
    await refused(viewer, 'sort=cost', 'sort');
    // An editor searches prompts, of the selected and approved takes alone, and may not sort by cost.
    expect(await found(editor, 'q=neon')).toEqual(['T1']);
    expect((await grid(editor, 'q=kittens')).total).toBe(0);
    await refused(editor, 'sort=cost', 'sort');
  });

  it('pages by cursor without repeating or skipping a take while new takes arrive between pages', async () => {
    for (const sort of ['newest', 'oldest', 'scene', 'cost']) {
      const before = new Set(labels(await grid(director, `sort=${sort}&limit=200`)));
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: GridPage = await grid(director, `sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.takes.length).toBeLessThanOrEqual(5);
        seen.push(...labels(page).map(String));
        cursor = page.nextCursor;
        // A new take arrives in each shot after every page.
        await insertTake({ ...TAKES[1], label: `N${sort}${pages}a`, shot: 0, at: `2026-04-0${pages + 1}T00:00:00.000Z`, micros: 1 });
        await insertTake({ ...TAKES[4], label: `N${sort}${pages}b`, shot: 1, at: `2026-04-0${pages + 1}T00:00:01.000Z`, micros: 1 });
        pages++;
      } while (cursor && pages < 200);
      expect(cursor).toBeNull();
      // Every take that was there at the start is seen once; any new one at most once.
      expect(new Set(seen).size).toBe(seen.length);
      for (const l of before) expect(seen, `${sort}: ${l}`).toContain(l);
    }
  });

  it('keeps offset paging for the clients that use it', async () => {
    const first = await grid(director, 'sort=oldest&limit=3&offset=0');
    const second = await grid(director, 'sort=oldest&limit=3&offset=3');
    expect(labels(first)).toEqual(['T1', 'T2', 'T3']);
    expect(labels(second)).toEqual(['T4', 'T5', 'T6']);
    expect(first.next).toBe(3);
    // Past the end: no takes, and still the count of them all.
    const past = await grid(director, 'sort=oldest&limit=3&offset=100000');
    expect(past.takes).toEqual([]);
    expect(past.total).toBe(first.total);
    expect(first.total).toBeGreaterThan(6);
  });

  it('saves, lists and deletes a member’s own searches', async () => {
    const save = (who: Person, payload: Record<string, unknown>) => h().as(who, { method: 'POST', url: url('/take-filters'), payload });
    const list = async (who: Person) => (await h().as(who, { method: 'GET', url: url('/take-filters') })).json().filters as { id: string; name: string; query: Record<string, unknown> }[];
    const made = await save(director, { name: 'Mara on Seedance', query: { q: 'mara', provider: 'seedance', sort: 'newest' } });
    expect(made.statusCode, made.body).toBe(201);
    expect((await list(director)).map((f) => [f.name, f.query])).toEqual([['Mara on Seedance', { q: 'mara', provider: 'seedance', sort: 'newest' }]]);
    // Another member does not see it, nor delete it.
    expect(await list(owner)).toEqual([]);
    expect((await h().as(owner, { method: 'DELETE', url: url(`/take-filters/${made.json().id}`) })).statusCode).toBe(404);
    // The same name again is refused; a bad filter is refused naming the field, and a viewer may not save a prompt search.
    const again = await save(director, { name: 'Mara on Seedance', query: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.field).toBe('name');
    const bad = await save(director, { name: 'Bad', query: { status: 'finished' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('query.status');
    const byViewer = await save(viewer, { name: 'Peek', query: { q: 'neon' } });
    expect(byViewer.statusCode).toBe(400);
    expect(byViewer.json().error.field).toBe('query.q');
    expect((await save(viewer, { name: 'Approved', query: { state: 'approved' } })).statusCode).toBe(201);
    expect((await list(viewer)).map((f) => f.name)).toEqual(['Approved']);
    // Its query runs as the grid's query.
    const saved = (await list(director))[0];
    const q = new URLSearchParams(saved.query as Record<string, string>).toString();
    expect(await found(director, q)).toEqual(['T4']);
    expect((await h().as(director, { method: 'DELETE', url: url(`/take-filters/${saved.id}`) })).statusCode).toBe(200);
    expect(await list(director)).toEqual([]);
  });

  it('saves one search of a name when twenty saves of it arrive at once: the rest are told the name is taken', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => h().as(director, { method: 'POST', url: url('/take-filters'), payload: { name: 'Same name', query: { state: 'selected' } } })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    const filters = (await h().as(director, { method: 'GET', url: url('/take-filters') })).json().filters as { name: string }[];
    expect(filters.map((f) => f.name)).toEqual(['Same name']);
  });

  it('indexes the takes already there when the migration runs, and follows a prompt that changes', async () => {
    const db = h().container.database.db;
    await m0018.down(db as never);
    await m0018.up(db as never);
    expect(await found(director, 'q=neon+rain')).toEqual(['T1']);
    expect(await found(director, 'q=aerial+dawn')).toEqual(['T3']);
    const t3 = [...label].find(([, l]) => l === 'T3')![0];
    await sql`update takes set prompt = ${'Sunset over the harbour cranes'} where id = ${t3}`.execute(db);
    expect(await found(director, 'q=aerial')).toEqual([]);
    expect(await found(director, 'q=harbour+cranes')).toEqual(['T3']);
  });
});

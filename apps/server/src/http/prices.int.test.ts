/**
 * The price catalog over HTTP, on SQLite and PostgreSQL: a producer adds dated prices with their
 * source (audited, never changed afterwards); the entry in force prices each take and the take
 * keeps which one it was; a later price changes nothing already priced; bad input names its field
 * and changes nothing; the drift view compares estimates with actual costs. Expectations are
 * written by hand from DESIGN.md §7–8, PROVIDERS.md §1.7 and the spend issue.
 */
import { expect, it } from 'vitest';
import { createTestClock, DAY } from '../../test/clock.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { waitFor } from '../../test/wait.ts';

const START = Date.parse('2026-12-01T09:00:00.000Z');
const clock = createTestClock(START);
const PLAN = { job: 'Establish the harbour', subjectAction: 'Boats rock at dawn.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['boats'], targetFrames: 12 };

interface Line {
  provider: string;
  model: string;
  inForce: { origin: string; price: string; unit: string; perQuantity: number; currency: string; entryId: string | null; source: string } | null;
  listPrice: { price: string; currency: string; perQuantity: number; unit: string } | null;
  entries: { id: string; price: string; inForceFrom: string; source: string; setBy: string }[];
}

describeEachDatabase(
  'the price catalog',
  (h) => {
    let owner: Person, producer: Person, director: Person, editor: Person;
    let projectId = '';
    let shotId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const catalog = async (who: Person = director) => {
      const r = await h().as(who, { method: 'GET', url: url('/prices') });
      expect(r.statusCode).toBe(200);
      return r.json() as { currency: string; lines: Line[] };
    };
    const line = async (model: string) => (await catalog()).lines.find((l) => l.model === model)!;
    const setPrice = (who: Person, payload: Record<string, unknown>) => h().as(who, { method: 'POST', url: url('/prices'), payload });
    const previsPrice = (price: string, extra: Record<string, unknown> = {}) => ({
      provider: 'previs',
      model: 'previs-animatic',
      unit: 'generations',
      price,
      source: 'Studio rate card 2026',
      ...extra,
    });
    const generate = async (count: number) => {
      const r = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count } });
      expect(r.statusCode).toBe(201);
      return r.json().takes as { id: string }[];
    };
    const take = async (id: string) => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json();

    it('sets up a project in USD with a shot, and its crew', async () => {
      clock.set(START); // each database starts on the same morning
      [owner, producer, director, editor] = await Promise.all(['Olga Owner', 'Pia Producer', 'Dan Director', 'Eve Editor'].map((n) => h().person(n)));
      projectId = await h().project(owner, 'RATES', [
        [producer, 'producer'],
        [director, 'director'],
        [editor, 'editor'],
      ]);
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 160, height: 90 }, generation: { requireLocked: false } } });
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. HARBOUR - DAWN' } })).json();
      shotId = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json().id;
    });

    it('shows each model with the price in force: Seedance at its list price, previs free', async () => {
      const seedance = await line('dreamina-seedance-2-0-260128');
      // PROVIDERS.md §1.7: Seedance 2.0 at 480p/720p without video input, $10.01 a million tokens.
      expect(seedance.listPrice).toEqual({ currency: 'USD', unit: 'tokens', perQuantity: 1_000_000, price: '10.01' });
      expect(seedance.inForce).toMatchObject({ origin: 'list', currency: 'USD', unit: 'tokens', perQuantity: 1_000_000, price: '10.01', entryId: null });
      expect(seedance.entries).toEqual([]);
      expect((await line('previs-animatic')).inForce).toMatchObject({ origin: 'free', price: '0.00' });
      // An editor may not read spend (§8).
      expect((await h().as(editor, { method: 'GET', url: url('/prices') })).statusCode).toBe(403);
    });

    it('lets a producer add a price with its source, audited; a director may not', async () => {
      const r = await setPrice(producer, {
        provider: 'seedance',
        model: 'dreamina-seedance-2-0-260128',
        unit: 'tokens',
        perQuantity: 1_000_000,
        price: '9.50',
        source: 'BytePlus invoice INV-2026-11',
      });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({
        provider: 'seedance',
        currency: 'USD',
        price: '9.50',
        unit: 'tokens',
        perQuantity: 1_000_000,
        inForceFrom: '2026-12-01T09:00:00.000Z',
        source: 'BytePlus invoice INV-2026-11',
        setBy: 'Pia Producer',
      });
      expect((await line('dreamina-seedance-2-0-260128')).inForce).toMatchObject({ origin: 'catalog', price: '9.50', entryId: r.json().id, source: 'BytePlus invoice INV-2026-11' });
      const audit = (await h().as(owner, { method: 'GET', url: url('/audit?limit=20') })).json().events as { action: string; summary: string }[];
      expect(audit.find((e) => e.action === 'price.set')?.summary).toBe('Seedance 2.0: 9.50 USD per 1,000,000 tokens, in force from 2026-12-01 09:00 UTC (source: BytePlus invoice INV-2026-11)');
      expect((await setPrice(director, previsPrice('1.00'))).statusCode).toBe(403);
    });

    it('refuses bad input naming the field, and adds nothing', async () => {
      const before = (await catalog()).lines.reduce((n, l) => n + l.entries.length, 0);
      // A malformed request is 400; a well-formed one naming a model this Backlot lacks is 422, as when generating.
      const cases: [Record<string, unknown>, number, string, RegExp][] = [
        [previsPrice('1.00', { unit: 'seconds' }), 400, 'unit', /billed in generations, not seconds/],
        [previsPrice('-1'), 400, 'price', /decimal amount/],
        [previsPrice('1.0000001'), 400, 'price', /decimal amount/],
        [previsPrice('1.00', { source: '   ' }), 400, 'source', /say where the price comes from/],
        [previsPrice('1.00', { perQuantity: 0 }), 400, 'perQuantity', /at least 1/],
        [previsPrice('1.00', { inForceFrom: '2026-11-30T09:00:00Z' }), 400, 'inForceFrom', /must not be in the past/],
        [previsPrice('1.00', { inForceFrom: 'next week' }), 400, 'inForceFrom', /date and time/],
        [{ ...previsPrice('1.00'), provider: 'sora' }, 400, 'provider', /must be one of/],
        [previsPrice('1.00', { model: 'previs-deluxe' }), 422, 'model', /has no model previs-deluxe/],
      ];
      for (const [payload, status, field, message] of cases) {
        const r = await setPrice(producer, payload);
        expect(r.statusCode, JSON.stringify(payload)).toBe(status);
        expect(r.json().error.field, JSON.stringify(payload)).toBe(field);
        expect(r.json().error.message).toMatch(message);
      }
      expect((await catalog()).lines.reduce((n, l) => n + l.entries.length, 0)).toBe(before);
    });

    it('prices each take at the entry in force when it is asked for; a later price changes nothing already priced', async () => {
      const first = await setPrice(producer, previsPrice('0.50'));
      expect(first.statusCode).toBe(201);
      // A price from tomorrow is listed but not yet in force.
      const tomorrow = await setPrice(owner, previsPrice('0.75', { inForceFrom: '2026-12-02T09:00:00Z', source: 'Rate card 2027' }));
      expect(tomorrow.statusCode).toBe(201);
      const previs = await line('previs-animatic');
      expect(previs.inForce).toMatchObject({ origin: 'catalog', price: '0.50', entryId: first.json().id });
      expect(previs.entries.map((e) => [e.price, e.inForceFrom])).toEqual([
        ['0.75', '2026-12-02T09:00:00.000Z'],
        ['0.50', '2026-12-01T09:00:00.000Z'],
      ]);

      const today = await generate(2);
      for (const t of today) expect((await take(t.id)).cost).toMatchObject({ currency: 'USD', estimated: '0.50', reserved: '0.50', price: `catalog:${first.json().id}` });

      clock.advance(DAY);
      expect((await line('previs-animatic')).inForce).toMatchObject({ price: '0.75', entryId: tomorrow.json().id });
      const [next] = await generate(1);
      expect((await take(next.id)).cost).toMatchObject({ estimated: '0.75', price: `catalog:${tomorrow.json().id}` });
      // The takes priced yesterday keep yesterday's price.
      for (const t of today) expect((await take(t.id)).cost).toMatchObject({ estimated: '0.50', price: `catalog:${first.json().id}` });

      h().container.startWorker();
      await waitFor(
        async () => {
          clock.advance(1000); // the worker's polls fall due on this clock
          return Promise.all([...today, next].map((t) => take(t.id)));
        },
        (all) => all.every((t) => t.status === 'succeeded'),
      );
    });

    it('shows per model how settled takes compare with their estimates', async () => {
      const r = await h().as(director, { method: 'GET', url: url('/spend/drift') });
      expect(r.statusCode).toBe(200);
      // Three previs takes settled at what they were estimated: 0.50 + 0.50 + 0.75.
      expect(r.json()).toEqual({ currency: 'USD', models: [{ provider: 'previs', model: 'previs-animatic', takes: 3, estimated: '1.75', actual: '1.75', driftPercent: 0 }] });
      expect((await h().as(editor, { method: 'GET', url: url('/spend/drift') })).statusCode).toBe(403);
    });

    it('takes thirty prices at once without a failure, each kept', async () => {
      const before = (await line('previs-animatic')).entries.length;
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => setPrice(i % 2 ? producer : owner, previsPrice(`0.${String(10 + i)}`, { inForceFrom: '2026-12-05T00:00:00Z' }))));
      expect(answers.map((a) => a.statusCode)).toEqual(Array(30).fill(201));
      const after = await line('previs-animatic');
      expect(after.entries.length).toBe(before + 30);
      expect(new Set(after.entries.map((e) => e.id)).size).toBe(after.entries.length);
    });
  },
  { clock },
);

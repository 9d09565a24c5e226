/**
 * Spend views over HTTP, on SQLite and PostgreSQL: spend by provider, model, member, scene, shot
 * and day, with cost of rejects, cost per approved second and budget bars; the per-take CSV export
 * whose actual column adds up to the ledger's settled total to the micro-unit; and the producer's
 * home (budgets past 80 %, today's spend). Previs is priced at 1.00 USD a take through the catalog
 * so every take costs something; every expectation is worked out by hand from the scenario below.
 *
 * Scenario: a 10.00 USD project; scene 1 (budget 4.00) with one shot, scene 2 with one shot.
 * Day 1: Dana (director) asks three takes of scene 1, the producer one of scene 2; all settle at
 * 1.00. Dana rejects TK001 and TK002 and approves TK003 (12 frames at 24 fps: 0.5 s). Day 2, with
 * the worker stopped: Dana asks one more take of scene 1, which stays queued (1.00 held).
 */
import { expect, it } from 'vitest';
import { createTestClock } from '../../test/clock.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { waitFor } from '../../test/wait.ts';
import type { SpendExportRow } from '../ports/spend-store.ts';

const DAY1 = Date.parse('2026-12-01T10:00:00.000Z');
const DAY2 = Date.parse('2026-12-02T10:00:00.000Z');
const clock = createTestClock(DAY1);
const PLAN = { job: 'Cover the market', subjectAction: 'Stalls open at dawn.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['stalls'], targetFrames: 12 };
// A name a spreadsheet would run as a formula, to prove the export neutralises it.
const PRODUCER_NAME = '=HYPERLINK("http://x") Pia';

describeEachDatabase(
  'spend views',
  (h) => {
    let owner: Person, producer: Person, dana: Person, editor: Person, viewer: Person;
    let projectId = '';
    let priceEntry = '';
    const shots: { sceneId: string; shotId: string; code: string }[] = [];
    const takes: { id: string; shot: number; number: number }[] = [];
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const ask = async (who: Person, scene: number) => {
      clock.advance(1000); // each request at its own time, so the export's request order is known
      const r = await h().as(who, { method: 'POST', url: url(`/shots/${shots[scene].shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count: 1 } });
      expect(r.statusCode).toBe(201);
      const t = r.json().takes[0] as { id: string; number: number };
      takes.push({ id: t.id, shot: scene, number: t.number });
      return t.id;
    };
    const spend = async (by: string, who: Person = producer) => {
      const r = await h().as(who, { method: 'GET', url: url(`/spend?by=${by}`) });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const review = (takeId: string, state: string) => h().as(dana, { method: 'POST', url: url(`/takes/${takeId}/review`), payload: { state, reason: 'Decided in dailies' } });
    const spendHome = async (who: Person) =>
      ((await h().as(who, { method: 'GET', url: '/api/v1/home' })).json().items as { key: string; kind: string; title: string; detail: string; project: { id: string } }[]).filter(
        (i) => i.project.id === projectId && (i.kind === 'budget_alert' || i.kind === 'spend_today'),
      );

    it('sets up two scenes with a shot each, previs at 1.00 USD, a 10.00 budget and 4.00 for scene 1', async () => {
      clock.set(DAY1);
      shots.length = 0;
      takes.length = 0;
      [owner, producer, dana, editor, viewer] = await Promise.all(['Olga Owner', 'Pia Producer', 'Dana Director', 'Eve Editor', 'Vic Viewer'].map((n) => h().person(n)));
      const renamed = await h().as(producer, { method: 'PATCH', url: '/api/v1/auth/me', payload: { name: PRODUCER_NAME } });
      expect(renamed.statusCode, renamed.body).toBe(200);
      projectId = await h().project(owner, 'SPEND', [
        [producer, 'producer'],
        [dana, 'director'],
        [editor, 'editor'],
        [viewer, 'viewer'],
      ]);
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { budget: '10.00', resolution: { width: 160, height: 90 }, generation: { requireLocked: false } } });
      for (const heading of ['INT. MARKET - DAWN', 'EXT. PIER - DAY']) {
        const scene = (await h().as(dana, { method: 'POST', url: url('/scenes'), payload: { heading } })).json();
        const shot = (await h().as(dana, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json();
        shots.push({ sceneId: scene.id, shotId: shot.id, code: shot.code });
      }
      const price = await h().as(producer, {
        method: 'POST',
        url: url('/prices'),
        payload: { provider: 'previs', model: 'previs-animatic', unit: 'generations', price: '1.00', source: 'Studio rate for previs renders' },
      });
      expect(price.statusCode).toBe(201);
      priceEntry = price.json().id;
      expect((await h().as(producer, { method: 'PUT', url: url(`/scenes/${shots[0].sceneId}/budget`), payload: { budget: '4.00' } })).statusCode).toBe(200);
    });

    it('settles four takes on day 1; the producer sees today’s spend and no alert while scene 1 is at 75 %', async () => {
      for (let i = 0; i < 3; i++) await ask(dana, 0);
      await ask(producer, 1);
      h().container.startWorker();
      await waitFor(
        async () => {
          clock.advance(1000);
          return Promise.all(takes.map(async (t) => (await h().as(dana, { method: 'GET', url: url(`/takes/${t.id}`) })).json().status as string));
        },
        (all) => all.every((s) => s === 'succeeded'),
      );
      await h().container.startWorker().stop();
      expect((await review(takes[0].id, 'rejected')).statusCode).toBe(200);
      expect((await review(takes[1].id, 'rejected')).statusCode).toBe(200);
      expect((await review(takes[2].id, 'selected')).statusCode).toBe(200);
      expect((await review(takes[2].id, 'approved')).statusCode).toBe(200);

      expect(await spendHome(producer)).toEqual([
        expect.objectContaining({
          key: `spend-today:${projectId}:2026-12-01`,
          kind: 'spend_today',
          title: "Today's spend on SPEND: 4.00 USD",
          detail: '4.00 USD settled today (UTC) and 0.00 USD held for takes in flight.',
        }),
      ]);
      // Directors read spend but do not manage it: their home has none of it (§8).
      expect(await spendHome(dana)).toEqual([]);
    });

    it('shows spend by scene: held and settled, cost of rejects, cost per approved second and budget bars', async () => {
      clock.set(DAY2);
      await ask(dana, 0); // stays queued: 1.00 held, scene 1 now at its 4.00 budget
      const v = await spend('scene');
      expect(v.currency).toBe('USD');
      expect(v.by).toBe('scene');
      expect(v.project).toEqual({ budget: '10.00', held: '1.00', spent: '4.00', usedPercent: 50 });
      expect(v.totals).toEqual({ takes: 5, held: '1.00', settled: '4.00', estimated: '5.00', rejects: '2.00' });
      expect(v.rows).toEqual([
        {
          key: shots[0].sceneId,
          label: 'Scene 1 — INT. MARKET - DAWN',
          takes: 4,
          held: '1.00',
          settled: '3.00',
          estimated: '4.00',
          rejects: '2.00',
          // 3.00 settled over one approved take of 12 frames at 24 fps (0.5 s).
          approvedSeconds: 0.5,
          perApprovedSecond: '6.00',
          budget: { budget: '4.00', held: '1.00', spent: '3.00', usedPercent: 100 },
        },
        // No approved take: nothing to divide by, so no cost per approved second.
        {
          key: shots[1].sceneId,
          label: 'Scene 2 — EXT. PIER - DAY',
          takes: 1,
          held: '0.00',
          settled: '1.00',
          estimated: '1.00',
          rejects: '0.00',
          approvedSeconds: null,
          perApprovedSecond: null,
          budget: null,
        },
      ]);
    });

    it('shows spend by shot, model, provider, member and day', async () => {
      expect((await spend('shot')).rows.map((r: Record<string, unknown>) => [r.label, r.takes, r.held, r.settled, r.rejects, r.perApprovedSecond])).toEqual([
        [shots[0].code, 4, '1.00', '3.00', '2.00', null],
        [shots[1].code, 1, '0.00', '1.00', '0.00', null],
      ]);
      // Every take of the model (4.00 settled) over its approved seconds (0.5).
      expect((await spend('model')).rows).toEqual([
        {
          key: 'previs/previs-animatic',
          label: 'previs-animatic',
          takes: 5,
          held: '1.00',
          settled: '4.00',
          estimated: '5.00',
          rejects: null,
          approvedSeconds: 0.5,
          perApprovedSecond: '8.00',
          budget: null,
        },
      ]);
      expect((await spend('provider')).rows.map((r: Record<string, unknown>) => [r.key, r.takes, r.held, r.settled, r.approvedSeconds])).toEqual([['previs', 5, '1.00', '4.00', null]]);
      expect((await spend('member', dana)).rows.map((r: Record<string, unknown>) => [r.key, r.label, r.takes, r.held, r.settled, r.estimated])).toEqual([
        [dana.id, 'Dana Director', 4, '1.00', '3.00', '4.00'],
        [producer.id, PRODUCER_NAME, 1, '0.00', '1.00', '1.00'],
      ]);
      expect((await spend('day')).rows.map((r: Record<string, unknown>) => [r.key, r.takes, r.held, r.settled])).toEqual([
        ['2026-12-01', 4, '0.00', '4.00'],
        ['2026-12-02', 1, '1.00', '0.00'],
      ]);
    });

    it('refuses a bad grouping naming the field, and editors and viewers may not read spend', async () => {
      const bad = await h().as(producer, { method: 'GET', url: url('/spend?by=colour') });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('by');
      expect(bad.json().error.message).toMatch(/provider, model, member, scene, shot, day/);
      for (const who of [editor, viewer]) {
        expect((await h().as(who, { method: 'GET', url: url('/spend?by=scene') })).statusCode).toBe(403);
        expect((await h().as(who, { method: 'GET', url: url('/spend.csv') })).statusCode).toBe(403);
      }
    });

    it('exports every take as CSV whose totals match the takes and the ledger to the micro-unit', async () => {
      const r = await h().as(dana, { method: 'GET', url: url('/spend.csv') });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(r.headers['content-disposition']).toBe('attachment; filename="SPEND_spend.csv"');
      const lines = r.body.split('\r\n');
      expect(lines.pop()).toBe('');
      expect(lines[0]).toBe('scene,shot,take,provider,model,requested_by,status,review,estimate,reserved,held,actual,price_source,requested_at,finished_at');
      const cells = lines.slice(1, -1).map((l) => l.split(','));
      expect(cells.map((c) => c.slice(0, 3).concat(c.slice(6, 13)))).toEqual([
        ['1', shots[0].code, 'TK001', 'succeeded', 'rejected', '1.000000', '1.000000', '0.000000', '1.000000', `catalog:${priceEntry}`],
        ['1', shots[0].code, 'TK002', 'succeeded', 'rejected', '1.000000', '1.000000', '0.000000', '1.000000', `catalog:${priceEntry}`],
        ['1', shots[0].code, 'TK003', 'succeeded', 'approved', '1.000000', '1.000000', '0.000000', '1.000000', `catalog:${priceEntry}`],
        ['2', shots[1].code, 'TK001', 'succeeded', 'unreviewed', '1.000000', '1.000000', '0.000000', '1.000000', `catalog:${priceEntry}`],
        ['1', shots[0].code, 'TK004', 'queued', 'unreviewed', '1.000000', '1.000000', '1.000000', '0.000000', `catalog:${priceEntry}`],
      ]);
      // The producer's name would run as a formula: it is written with a leading apostrophe, quoted.
      expect(lines[4]).toContain(`,"'=HYPERLINK(""http://x"") Pia",`);
      expect(lines.at(-1)).toBe('TOTAL,,5 takes,,,,,,5.000000,5.000000,1.000000,4.000000,,,');

      // Against the ledger itself: every settlement and every estimate, read through the store.
      let settled = 0;
      let estimated = 0;
      for (const t of takes) {
        settled += (await h().container.store.read.ledger.forTake(t.id)).filter((e) => e.kind === 'settlement').reduce((n, e) => n + e.amountMicros, 0);
        estimated += (await h().container.store.read.takes.get(t.id))!.estimateMicros;
      }
      expect(settled).toBe(4_000_000);
      expect(estimated).toBe(5_000_000);
      expect((await h().container.store.read.ledger.totals(projectId)).settled).toBe(4_000_000);
      // The export reads the takes page by page: pages of two give the same takes, once each, in the same order.
      const paged: string[] = [];
      for (let after = null as { requestedAt: string; takeId: string } | null, page: SpendExportRow[]; (page = await h().container.store.read.spend.exportPage(projectId, after, 2)).length; ) {
        paged.push(...page.map((t) => t.takeId));
        after = { requestedAt: page.at(-1)!.requestedAt, takeId: page.at(-1)!.takeId };
      }
      expect(paged).toEqual(takes.map((t) => t.id));
      const csvMicros = (col: number) => cells.reduce((n, c) => n + Number(c[col].replace('.', '')), 0);
      expect(csvMicros(11)).toBe(settled);
      expect(csvMicros(8)).toBe(estimated);
    });

    it('puts budgets past 80 % on the home of owners and producers, with today’s spend', async () => {
      // Scene 1 holds and spends its whole 4.00.
      expect(await spendHome(producer)).toEqual([
        expect.objectContaining({
          key: `budget:${projectId}:${shots[0].sceneId}:100`,
          kind: 'budget_alert',
          title: "Scene 1's budget is 100 % used",
          detail: '4.00 USD of 4.00 USD: 3.00 spent and 1.00 held for takes in flight.',
        }),
        expect.objectContaining({
          key: `spend-today:${projectId}:2026-12-02`,
          kind: 'spend_today',
          title: "Today's spend on SPEND: 1.00 USD",
          detail: '0.00 USD settled today (UTC) and 1.00 USD held for takes in flight.',
        }),
      ]);
      // A project budget of 6.00 is 5.00 ÷ 6.00 = 83.3 % used.
      expect((await h().as(owner, { method: 'PATCH', url: url(''), payload: { budget: '6.00' } })).statusCode).toBe(200);
      expect((await spendHome(owner)).map((i) => [i.key, i.title])).toEqual([
        [`budget:${projectId}:${shots[0].sceneId}:100`, "Scene 1's budget is 100 % used"],
        [`budget:${projectId}:project:80`, "SPEND's budget is 83.3 % used"],
        [`spend-today:${projectId}:2026-12-02`, "Today's spend on SPEND: 1.00 USD"],
      ]);
      expect(await spendHome(editor)).toEqual([]);
    });
  },
  { clock },
);

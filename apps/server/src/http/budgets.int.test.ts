/**
 * Scene budgets and spend caps over HTTP, on SQLite and PostgreSQL. A producer sets a scene's
 * budget and caps per role and per member (audited); requests whose estimate would pass one are
 * refused naming it, in the transaction that reserves — twenty requests at once never pass a
 * limit, and none fails with a 500. Previs is priced at 1.00 USD a take through the catalog so
 * every take costs something. Expectations are written by hand from the spend issue and §8.
 */
import { expect, it } from 'vitest';
import { createTestClock, DAY } from '../../test/clock.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

const START = Date.parse('2026-12-01T10:00:00.000Z');
const clock = createTestClock(START);
const PLAN = { job: 'Cover the market', subjectAction: 'Stalls open at dawn.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['stalls'], targetFrames: 12 };

describeEachDatabase(
  'budgets and spend caps',
  (h) => {
    let owner: Person, producer: Person, dana: Person, dev: Person;
    let projectId = '';
    const scenes: { id: string; shotId: string }[] = [];
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const ask = (who: Person, scene: number, count = 1) =>
      h().as(who, { method: 'POST', url: url(`/shots/${scenes[scene].shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count } });
    const overview = async () => (await h().as(producer, { method: 'GET', url: url('/budgets') })).json();
    const setCap = (payload: Record<string, unknown>, who: Person = producer) => h().as(who, { method: 'PUT', url: url('/spend-caps'), payload });
    const setSceneBudget = (scene: number, budget: string | null, who: Person = producer) => h().as(who, { method: 'PUT', url: url(`/scenes/${scenes[scene].id}/budget`), payload: { budget } });

    it('sets up four scenes with a shot each, previs at 1.00 USD a take, and a project budget of 1000.00', async () => {
      clock.set(START);
      scenes.length = 0;
      [owner, producer, dana, dev] = await Promise.all(['Olga Owner', 'Pia Producer', 'Dana Director', 'Dev Director'].map((n) => h().person(n)));
      projectId = await h().project(owner, 'LIMITS', [
        [producer, 'producer'],
        [dana, 'director'],
        [dev, 'director'],
      ]);
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { budget: '1000.00', resolution: { width: 160, height: 90 }, generation: { requireLocked: false } } });
      for (const heading of ['INT. MARKET - DAWN', 'EXT. PIER - DAY', 'INT. HALL - NIGHT', 'EXT. ROAD - DUSK']) {
        const scene = (await h().as(dana, { method: 'POST', url: url('/scenes'), payload: { heading } })).json();
        const shot = (await h().as(dana, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json();
        scenes.push({ id: scene.id, shotId: shot.id });
      }
      const price = await h().as(producer, {
        method: 'POST',
        url: url('/prices'),
        payload: { provider: 'previs', model: 'previs-animatic', unit: 'generations', price: '1.00', source: 'Studio rate for previs renders' },
      });
      expect(price.statusCode).toBe(201);
    });

    it("refuses a request that would pass a scene's budget, naming the scene, and shows what is held against it", async () => {
      const set = await setSceneBudget(0, '3.00');
      expect(set.statusCode).toBe(200);
      expect((await ask(dana, 0, 2)).statusCode).toBe(201);
      const over = await ask(dana, 0, 2);
      expect(over.statusCode).toBe(409);
      expect(over.json().error).toMatchObject({
        code: 'budget.exceeded',
        message: "Scene 1's budget is 3.00 USD: 2.00 USD is spent or held, and this asks 2.00 USD. Ask for fewer takes, a cheaper model, or a bigger scene budget.",
      });
      expect((await ask(dana, 0, 1)).statusCode).toBe(201); // exactly the budget
      const o = await overview();
      expect(o.currency).toBe('USD');
      expect(o.project).toEqual({ budget: '1000.00', held: '3.00', spent: '0.00', remaining: '997.00' });
      expect(o.scenes[0]).toMatchObject({ number: '1', heading: 'INT. MARKET - DAWN', budget: '3.00', held: '3.00', spent: '0.00', remaining: '0.00', setBy: 'Pia Producer' });
      expect(o.scenes[1]).toMatchObject({ number: '2', budget: null, held: '0.00', remaining: null });
      // Removing the budget lets the scene spend from the project's again.
      expect((await setSceneBudget(0, null)).json().scenes[0].budget).toBeNull();
      expect((await ask(dana, 0, 2)).statusCode).toBe(201);
      const audit = (await h().as(owner, { method: 'GET', url: url('/audit?limit=10') })).json().events as { action: string; summary: string }[];
      expect(audit.filter((e) => e.action === 'budget.scene_set').map((e) => e.summary)).toEqual(['Scene 1: budget removed', 'Scene 1: budget 3.00 USD']);
    });

    it('holds a scene budget against twenty requests at once: exactly seven pass, the rest are refused, none fails', async () => {
      await setSceneBudget(1, '7.00');
      const answers = await Promise.all(Array.from({ length: 20 }, () => ask(dev, 1)));
      const codes = answers.map((a) => a.statusCode);
      expect(codes.filter((c) => c === 201)).toHaveLength(7);
      expect(codes.filter((c) => c === 409)).toHaveLength(13);
      for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error.code).toBe('budget.exceeded');
      expect((await overview()).scenes[1]).toMatchObject({ budget: '7.00', held: '7.00', remaining: '0.00' });
    });

    it("binds each director by the directors' daily cap, unless a member has their own; a new day starts again", async () => {
      expect((await setCap({ role: 'director', period: 'day', amount: '4.00' })).statusCode).toBe(200);
      // Dana holds 2 + 1 + 2 = 5.00 on scene 1 today, Dev 7.00 on scene 2: both over the directors' 4.00.
      const refused = await ask(dana, 2);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'cap.exceeded',
        message: 'The daily cap for directors is 4.00 USD: you have 5.00 USD spent or held today (UTC), and this asks 1.00 USD. A producer or owner can raise the cap.',
      });
      // Dana's own cap wins over the directors'.
      const own = await setCap({ accountId: dana.id, period: 'day', amount: '100.00' });
      expect(own.json().caps).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ subject: { kind: 'role', role: 'director' }, period: 'day', amount: '4.00', setBy: 'Pia Producer' }),
          expect.objectContaining({ subject: { kind: 'member', accountId: dana.id, name: 'Dana Director' }, period: 'day', amount: '100.00' }),
        ]),
      );
      expect((await ask(dana, 2)).statusCode).toBe(201);
      expect((await ask(dev, 2)).statusCode).toBe(409);
      // The next day (UTC), yesterday's takes no longer count against a daily cap.
      clock.advance(DAY);
      expect((await ask(dev, 2, 4)).statusCode).toBe(201);
      const fifth = await ask(dev, 2);
      expect(fifth.json().error.message).toBe('The daily cap for directors is 4.00 USD: you have 4.00 USD spent or held today (UTC), and this asks 1.00 USD. A producer or owner can raise the cap.');
    });

    it("holds a member's cap against twenty requests at once", async () => {
      clock.advance(DAY);
      await setCap({ accountId: dana.id, period: 'day', amount: '5.00' });
      const answers = await Promise.all(Array.from({ length: 20 }, () => ask(dana, 3)));
      expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(5);
      expect(answers.filter((a) => a.statusCode === 409 && a.json().error.code === 'cap.exceeded')).toHaveLength(15);
    });

    it('applies a project cap over every day, and lets a producer remove a cap', async () => {
      await setCap({ accountId: dana.id, period: 'day', amount: null });
      await setCap({ role: 'director', period: 'day', amount: null });
      expect((await setCap({ accountId: dev.id, period: 'project', amount: '6.00' })).statusCode).toBe(200);
      // Dev holds 7.00 from the first day and 4.00 from the second in this project.
      const over = await ask(dev, 3);
      expect(over.statusCode).toBe(409);
      expect(over.json().error.message).toBe('Your own project cap is 6.00 USD: you have 11.00 USD spent or held in this project, and this asks 1.00 USD. A producer or owner can raise the cap.');
      expect((await overview()).caps).toEqual([expect.objectContaining({ subject: { kind: 'member', accountId: dev.id, name: 'Dev Director' }, period: 'project', amount: '6.00' })]);
    });

    it('refuses bad caps and budgets naming the field, and lets only owners and producers set them', async () => {
      const before = await overview();
      const cases: [Record<string, unknown>, number, string][] = [
        [{ role: 'director', accountId: dev.id, period: 'day', amount: '1.00' }, 400, 'role'],
        [{ period: 'day', amount: '1.00' }, 400, 'role'],
        [{ role: 'director', period: 'week', amount: '1.00' }, 400, 'period'],
        [{ role: 'director', period: 'day', amount: 'lots' }, 400, 'amount'],
        [{ role: 'boss', period: 'day', amount: '1.00' }, 400, 'role'],
        [{ accountId: 'no-such-account', period: 'day', amount: '1.00' }, 404, 'accountId'],
      ];
      for (const [payload, status, field] of cases) {
        const r = await setCap(payload);
        expect(r.statusCode, JSON.stringify(payload)).toBe(status);
        expect(r.json().error.field, JSON.stringify(payload)).toBe(field);
      }
      const badBudget = await setSceneBudget(2, '-5');
      expect([badBudget.statusCode, badBudget.json().error.field]).toEqual([400, 'budget']);
      expect((await setSceneBudget(2, '5.00', dana)).statusCode).toBe(403);
      expect((await setCap({ role: 'director', period: 'day', amount: '1.00' }, dana)).statusCode).toBe(403);
      expect(await overview()).toEqual(before);
    });
  },
  { clock },
);

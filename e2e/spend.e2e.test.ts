/**
 * Spend control as a new producer and director would try it, in real Chromium against a real
 * server, on SQLite and on PostgreSQL: the producer prices previs in the catalog (2.00 USD a take),
 * sets a project budget, a scene budget and a daily cap for directors, and a sign-off threshold of
 * 5.00; a director (in a browser of their own) cannot change any of it — no controls, and the
 * server refuses; the director's request for three takes (6.00) waits until the producer signs
 * off or refuses on their home and the spend page, the director seeing why it waits and then the
 * decision; the spend page, open while takes settle, shows spend by scene with the cost of rejects
 * and per approved second, colours the scene past 80 % of its budget, and its CSV download matches
 * the ledger to the micro-unit, read with raw SQL from the database.
 *
 * Figures are worked out by hand from that scenario (12-frame plans at 24 fps: 0.5 s an approved take):
 * - Scene 1 (budget 10.00): Dana's TK001 and TK003 signed off and settled at 2.00 each, TK002 refused
 *   (nothing spent); TK001 approved, TK003 rejected. Settled 4.00, rejects 2.00, per approved second
 *   4.00 ÷ 0.5 = 8.00; 40 % of its budget.
 * - Scene 2 (budget 5.00): two takes asked by the producer, settled at 2.00 each: 4.00, 80 % — past the
 *   alert line; no approved take, so no cost per approved second.
 * - The project: 8.00 settled of 100.00, nothing held; by model, 8.00 ÷ 0.5 approved s = 16.00.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../apps/server/src/adapters/db/database.ts';
import { createPgDatabase } from '../apps/server/test/databases.ts';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Olga Owner', email: 'olga@example.com', password: 'correct horse battery' };
const PRODUCER = { name: 'Pia Producer', email: 'pia@example.com', password: 'money well spent 1' };
const DIRECTOR = { name: 'Dana Director', email: 'dana@example.com', password: 'frame by frame 24' };
const PLAN = { job: 'The ferry docks', subjectAction: 'The ferry bumps the pier', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['ferry in frame'], targetFrames: 12 };

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`spend control in the browser (${database})`, () => {
    let server: RunningServer;
    let browser: Browser;
    let db: Database;
    let dropPg: (() => Promise<void>) | undefined;
    let owner: Page;
    let producer: Page;
    let director: Page;
    let projectId = '';
    const scenes: { id: string; shotId: string }[] = [];
    /** Take ids by "SC001_SH010 TK001". */
    const takes: Record<string, string> = {};

    async function call(p: Page, method: 'get' | 'post' | 'put' | 'patch', path: string, data?: unknown) {
      const res = await p.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
      if (!res.ok()) throw new Error(`${method} ${path} answered ${res.status()}: ${await res.text()}`);
      return res.json();
    }
    const status = async (p: Page, method: 'put' | 'patch', path: string, data: unknown) =>
      (await p.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } })).status();
    const url = (path = '') => `${server.url}/projects/${projectId}${path}`;

    async function newPage(): Promise<Page> {
      const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
      page.setDefaultTimeout(20_000);
      return page;
    }

    async function invite(role: 'producer' | 'director', person: typeof PRODUCER): Promise<Page> {
      const invited = await call(owner, 'post', `/projects/${projectId}/invitations`, { email: person.email, role });
      const page = await newPage();
      await call(page, 'post', '/invitations/accept', { token: new URLSearchParams(new URL(invited.url).hash.slice(1)).get('token'), name: person.name, password: person.password });
      return page;
    }

    /** Waits until a take has reached a status, and keeps its id by shot and code. */
    async function takeStatus(id: string, wanted: string) {
      const deadline = Date.now() + 120_000;
      for (;;) {
        const t = await call(owner, 'get', `/projects/${projectId}/takes/${id}`);
        if (t.status === wanted) return t;
        if (Date.now() > deadline) throw new Error(`take ${t.shotCode} ${t.code} is ${t.status}, not ${wanted}`);
        await new Promise((r) => setTimeout(r, 300));
      }
    }

    beforeAll(async () => {
      ensureWebBuilt();
      let databaseUrl: string | undefined;
      if (database === 'postgres') {
        const pg = await createPgDatabase();
        databaseUrl = pg.url;
        dropPg = pg.drop;
      }
      server = await startServer({ databaseUrl });
      db = openDatabase({ url: databaseUrl, sqlitePath: join(server.dataDir, 'backlot.sqlite') });
      browser = await launchChromium();
      owner = await newPage();
      await call(owner, 'post', '/setup', OWNER);
      projectId = (await call(owner, 'post', '/projects', { name: 'Harbour', code: 'HARBOR', frameRate: '24/1', currency: 'USD', resolution: { width: 160, height: 90 } })).project.id;
      await call(owner, 'patch', `/projects/${projectId}`, { generation: { requireLocked: false } });
      for (const heading of ['EXT. PIER - DAY', 'INT. FERRY - DAY']) {
        const scene = await call(owner, 'post', `/projects/${projectId}/scenes`, { heading });
        scenes.push({ id: scene.id, shotId: (await call(owner, 'post', `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: PLAN })).id });
      }
      producer = await invite('producer', PRODUCER);
      director = await invite('director', DIRECTOR);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await db?.close();
      await server?.stop();
      if (server) removeDataDir(server.dataDir);
      await dropPg?.();
    });

    it('lets the producer price previs, set the budgets, a daily cap for directors and the sign-off threshold', async () => {
      const p = producer;
      // The price catalog: previs at 2.00 USD a take, with its source.
      await p.goto(url('/spend/prices'));
      const form = p.getByRole('form', { name: 'Add a price' });
      await form.getByLabel('Provider', { exact: true }).selectOption('previs');
      await form.getByLabel('Model', { exact: true }).fill('previs-animatic');
      await form.getByLabel('Unit', { exact: true }).selectOption('generations');
      await form.getByLabel('Price (USD)', { exact: true }).fill('2.00');
      await form.getByLabel('Source', { exact: true }).fill('Studio rate for previs renders');
      await form.getByRole('button', { name: 'Add price' }).click();
      const line = p.getByRole('table', { name: 'Price catalog' }).getByRole('row', { name: 'previs/previs-animatic', exact: true });
      await expect.poll(() => line.locator('[data-col="price"]').textContent()).toBe('2.00');
      expect(await line.textContent()).toContain('Studio rate for previs renders');
      expect(await line.textContent()).toContain('project catalog');

      // The project budget, and scene budgets of 10.00 and 5.00; a bad amount is refused on its own field.
      await p.getByRole('link', { name: 'Budgets and caps' }).click();
      const budget = p.getByRole('form', { name: 'Project budget' });
      await budget.getByLabel('Project budget (USD)', { exact: true }).fill('100.00');
      await budget.getByRole('button', { name: 'Save budget' }).click();
      await p.getByText('Project budget saved: 100.00 USD.').waitFor();
      const sceneBudget = (n: number) => p.getByRole('form', { name: `Budget of scene ${n}` });
      await sceneBudget(1).getByRole('textbox').fill('ten');
      await sceneBudget(1).getByRole('button', { name: 'Set' }).click();
      await expect.poll(() => sceneBudget(1).getByRole('alert').textContent()).toMatch(/decimal amount/);
      expect((await call(producer, 'get', `/projects/${projectId}/budgets`)).scenes[0].budget).toBeNull();
      await sceneBudget(1).getByRole('textbox').fill('10.00');
      await sceneBudget(1).getByRole('button', { name: 'Set' }).click();
      await sceneBudget(2).getByRole('textbox').fill('5.00');
      await sceneBudget(2).getByRole('button', { name: 'Set' }).click();
      await expect.poll(async () => (await call(producer, 'get', `/projects/${projectId}/budgets`)).scenes.map((s: { budget: string | null }) => s.budget)).toEqual(['10.00', '5.00']);

      // A daily cap for each director.
      const cap = p.getByRole('form', { name: 'Set a spend cap' });
      await cap.getByLabel('Applies to', { exact: true }).selectOption({ label: 'Each of the directors' });
      await cap.getByLabel('Period', { exact: true }).selectOption('day');
      await cap.getByLabel('Cap (USD)', { exact: true }).fill('20.00');
      await cap.getByRole('button', { name: 'Set cap' }).click();
      await p.getByRole('table', { name: 'Spend caps' }).getByRole('row', { name: 'Each of the directors per day (UTC)' }).waitFor();

      // The sign-off threshold, with the other generation settings.
      await p.goto(url('/settings'));
      const generation = p.getByRole('form', { name: 'Generation settings' });
      await generation.getByLabel('Sign-off above (USD)', { exact: true }).fill('5.00');
      await generation.getByRole('button', { name: 'Save generation settings' }).click();
      await p.getByText('Generation settings saved.').waitFor();

      await p.goto(url('/spend/budgets'));
      await p.getByRole('table', { name: 'Spend caps' }).waitFor();
      await p.screenshot({ path: `/tmp/backlot-spend-budgets-${database}.png`, fullPage: true });
      const o = await call(producer, 'get', `/projects/${projectId}/budgets`);
      expect(o.project).toEqual({ budget: '100.00', held: '0.00', spent: '0.00', remaining: '100.00' });
      expect(o.caps).toEqual([expect.objectContaining({ subject: { kind: 'role', role: 'director' }, period: 'day', amount: '20.00', setBy: PRODUCER.name })]);
      expect((await call(producer, 'get', `/projects/${projectId}`)).project.generation.signOffAbove).toBe('5.00');
    });

    it('shows a director the budgets and caps with nothing to change them, and the server refuses them too', async () => {
      const d = director;
      await d.goto(url('/spend/budgets'));
      const scenesTable = d.getByRole('table', { name: 'Scene budgets' });
      await scenesTable.getByRole('row', { name: 'Scene 1' }).waitFor();
      expect(await scenesTable.getByRole('row', { name: 'Scene 1' }).textContent()).toContain('10.00');
      expect(await d.getByRole('table', { name: 'Spend caps' }).getByRole('row', { name: 'Each of the directors per day (UTC)' }).textContent()).toContain('20.00');
      expect(await d.locator('main').getByRole('textbox').count()).toBe(0);
      expect(
        await d
          .locator('main')
          .getByRole('button', { name: /Save budget|Set cap|^Set$|Remove/ })
          .count(),
      ).toBe(0);
      expect(await d.getByRole('form', { name: 'Set a spend cap' }).count()).toBe(0);
      await d.getByRole('link', { name: 'Prices' }).click();
      await d.getByRole('table', { name: 'Price catalog' }).waitFor();
      expect(await d.getByRole('form', { name: 'Add a price' }).count()).toBe(0);

      expect(await status(d, 'put', `/projects/${projectId}/scenes/${scenes[0].id}/budget`, { budget: '1000.00' })).toBe(403);
      expect(await status(d, 'put', `/projects/${projectId}/spend-caps`, { role: 'director', period: 'day', amount: '1000.00' })).toBe(403);
      expect(await status(d, 'patch', `/projects/${projectId}`, { budget: '1000.00' })).toBe(403);
      const o = await call(producer, 'get', `/projects/${projectId}/budgets`);
      expect([o.project.budget, o.scenes[0].budget, o.caps[0].amount]).toEqual(['100.00', '10.00', '20.00']);
    });

    it("holds a director's request over the threshold until the producer signs off or refuses, and tells the director", async () => {
      // The director asks three takes at 2.00 (6.00, over the 5.00 threshold): the preview says they will wait.
      const d = director;
      await d.goto(url(`/shots/${scenes[0].shotId}/takes`));
      await d.getByRole('button', { name: 'Generate takes' }).first().click();
      const panel = d.getByRole('form', { name: 'Generate' });
      await panel.getByLabel('Model').selectOption('previs/previs-animatic');
      await panel.getByLabel('Takes').fill('3');
      const wait = panel.locator('[data-slot="sign-off"]');
      await expect.poll(() => wait.textContent()).toBe('Over the sign-off threshold of 5.00 USD: the 3 takes will wait for a producer’s or owner’s sign-off before anything is reserved or sent.');
      const generate = panel.getByRole('button', { name: 'Generate 3 takes' });
      await expect.poll(() => generate.isEnabled()).toBe(true);
      await generate.click();
      const asked = await (async () => {
        for (const deadline = Date.now() + 20_000; ; ) {
          const list = await call(director, 'get', `/projects/${projectId}/shots/${scenes[0].shotId}/takes`);
          if (list.takes.length === 3 || Date.now() > deadline) return list;
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
      for (const t of asked.takes) takes[`${t.shotCode} ${t.code}`] = t.id;
      expect(asked.takes.map((t: { status: string }) => t.status)).toEqual(['awaiting_approval', 'awaiting_approval', 'awaiting_approval']);
      const [tk1, tk2, tk3] = ['TK001', 'TK002', 'TK003'].map((c) => takes[`SC001_SH010 ${c}`]);

      // The director sees why it waits, on the card and on the take's page, with no decision to make.
      const card = d.locator('li.take-card[aria-label="TK001"]');
      await expect.poll(() => card.locator('[data-slot="flags"]').textContent()).toContain('waiting for sign-off');
      await d.goto(url(`/takes/${tk1}`));
      const waiting = d.getByRole('status').filter({ hasText: 'Waiting for sign-off' });
      await waiting.waitFor();
      expect(await waiting.textContent()).toContain('Dana Director’s request for this take (2.00 USD a take) is over the project’s sign-off threshold of 5.00 USD');
      expect(await d.getByRole('button', { name: /Sign off/ }).count()).toBe(0);
      await d.screenshot({ path: `/tmp/backlot-spend-waiting-${database}.png` });
      expect(await status(d, 'patch', `/projects/${projectId}`, { generation: { signOffAbove: null } })).toBe(403);
      expect((await d.request.post(`${server.url}/api/v1/projects/${projectId}/takes/${tk1}/sign-off`, { data: { decision: 'sign_off' }, headers: { origin: server.url } })).status()).toBe(403);
      // Nothing is reserved while it waits.
      expect((await call(producer, 'get', `/projects/${projectId}/budgets`)).project.held).toBe('0.00');

      // The producer signs TK001 off from home.
      const p = producer;
      await p.goto(`${server.url}/home`);
      const item = p.getByRole('listitem', { name: /Dana Director asks for SC001_SH010 TK001: waiting for your sign-off/ });
      await item.waitFor();
      await p.screenshot({ path: `/tmp/backlot-spend-home-${database}.png` });
      await item.getByRole('button', { name: 'Sign off SC001_SH010 TK001' }).click();
      await expect.poll(() => p.getByRole('listitem', { name: /SC001_SH010 TK001: waiting for your sign-off/ }).count()).toBe(0);

      // The director's open page follows without a reload: the take is signed off and renders.
      await d.getByRole('status').filter({ hasText: 'Signed off by Pia Producer' }).waitFor();
      await takeStatus(tk1, 'succeeded');

      // The producer refuses TK002 from the spend page, saying why, and signs off TK003 there.
      await p.goto(url('/spend'));
      const list = p.getByRole('table', { name: 'Waiting for sign-off' });
      await list.getByRole('row', { name: 'SC001_SH010 TK002' }).waitFor();
      expect(await list.getByRole('row', { name: 'SC001_SH010 TK002' }).textContent()).toContain('2.00 USD');
      await list.getByRole('button', { name: 'Refuse SC001_SH010 TK002' }).click();
      const dialog = p.getByRole('dialog', { name: 'Refuse SC001_SH010 TK002?' });
      await dialog.getByRole('button', { name: 'Refuse SC001_SH010 TK002' }).click();
      await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/required when refusing/);
      await dialog.getByLabel('Why', { exact: true }).fill('Two takes of the pier are enough');
      await dialog.getByRole('button', { name: 'Refuse SC001_SH010 TK002' }).click();
      await list.getByRole('row', { name: 'SC001_SH010 TK002' }).waitFor({ state: 'detached' });
      await list.getByRole('button', { name: 'Sign off SC001_SH010 TK003' }).click();
      await p.getByText('Nothing is waiting for sign-off.').waitFor();
      await takeStatus(tk2, 'canceled');
      await takeStatus(tk3, 'succeeded');

      // The director's home tells them each decision; the refused take's page says why.
      await d.goto(`${server.url}/home`);
      await d.getByRole('listitem', { name: /Pia Producer refused to sign off SC001_SH010 TK002/ }).waitFor();
      expect(await d.getByRole('listitem', { name: /Pia Producer refused to sign off SC001_SH010 TK002/ }).textContent()).toContain('Why: Two takes of the pier are enough');
      await d.getByRole('listitem', { name: /Pia Producer signed off SC001_SH010 TK001/ }).waitFor();
      await d.goto(url(`/takes/${tk2}`));
      await d.getByRole('alert').filter({ hasText: 'Pia Producer refused to sign off' }).filter({ hasText: 'Two takes of the pier are enough' }).waitFor();
      expect(await d.getByRole('definition').filter({ hasText: 'nothing charged' }).count()).toBe(1);
      await d.screenshot({ path: `/tmp/backlot-spend-refused-${database}.png` });
    });

    it('shows spend by scene, the cost of rejects and per approved second, live as takes settle, with scene 2 past 80 %', async () => {
      await call(director, 'post', `/projects/${projectId}/takes/${takes['SC001_SH010 TK003']}/review`, { state: 'rejected' });
      await call(director, 'post', `/projects/${projectId}/takes/${takes['SC001_SH010 TK001']}/review`, { state: 'selected' });
      await call(director, 'post', `/projects/${projectId}/takes/${takes['SC001_SH010 TK001']}/review`, { state: 'approved' });

      const p = producer;
      await p.goto(url('/spend'));
      const table = p.getByRole('table', { name: 'Spend by scene' });
      const row = (label: RegExp) => table.getByRole('row', { name: label });
      const cell = (label: RegExp, col: string) => row(label).locator(`[data-col="${col}"]`).textContent();
      await row(/^Scene 1/).waitFor();
      expect(await cell(/^Scene 1/, 'settled')).toBe('4.00');
      expect(await cell(/^Scene 1/, 'held')).toBe('0.00');
      expect(await cell(/^Scene 1/, 'rejects')).toBe('2.00');
      expect(await cell(/^Scene 1/, 'approved-seconds')).toBe('0.50 s');
      expect(await cell(/^Scene 1/, 'per-approved-second')).toBe('8.00');
      expect(
        await row(/^Scene 1/)
          .locator('[data-band]')
          .getAttribute('data-band'),
      ).toBe('ok');
      expect(
        await row(/^Scene 1/)
          .getByRole('meter')
          .getAttribute('aria-valuetext'),
      ).toMatch(/^40\.0 % used/);

      // With the page open, the producer asks two takes of scene 2 (4.00, no sign-off for a producer); they settle and the page follows.
      const more = await call(producer, 'post', `/projects/${projectId}/shots/${scenes[1].shotId}/takes`, { provider: 'previs', model: 'previs-animatic', count: 2 });
      for (const t of more.takes) takes[`${t.shotCode} ${t.code}`] = t.id;
      await expect.poll(() => cell(/^Scene 2/, 'settled'), { timeout: 120_000 }).toBe('4.00');
      await expect.poll(() => cell(/^Scene 2/, 'held')).toBe('0.00');
      expect(await cell(/^Scene 2/, 'rejects')).toBe('0.00');
      expect(await cell(/^Scene 2/, 'per-approved-second')).toBe('—');
      // 4.00 of its 5.00: past the alert line, said in words as well as colour.
      expect(
        await row(/^Scene 2/)
          .locator('[data-band]')
          .getAttribute('data-band'),
      ).toBe('warn');
      expect(await row(/^Scene 2/).textContent()).toContain('past 80 %');
      const total = table.getByRole('row', { name: 'Total' });
      expect(await total.locator('[data-col="settled"]').textContent()).toBe('8.00');
      expect(await total.locator('[data-col="rejects"]').textContent()).toBe('2.00');
      expect(await p.locator('[data-figure="settled"]').textContent()).toBe('8.00 USD');
      expect(await p.locator('[data-figure="held"]').textContent()).toBe('0.00 USD');
      expect(await p.getByRole('meter', { name: 'Project budget' }).getAttribute('aria-valuetext')).toMatch(/^8\.0 % used/);

      await p.screenshot({ path: `/tmp/backlot-spend-scenes-${database}.png`, fullPage: true });
      // Grouped by model: every take's cost over the approved seconds.
      await p.getByRole('group', { name: 'Group by' }).getByRole('button', { name: 'Model' }).click();
      await p.waitForURL(/by=model/);
      const byModel = p.getByRole('table', { name: 'Spend by model' }).getByRole('row', { name: 'previs-animatic' });
      await byModel.waitFor();
      expect(await byModel.locator('[data-col="per-approved-second"]').textContent()).toBe('16.00');
      // And by shot, the cost of rejects per shot.
      await p.getByRole('group', { name: 'Group by' }).getByRole('button', { name: 'Shot' }).click();
      const byShot = p.getByRole('table', { name: 'Spend by shot' }).getByRole('row', { name: 'SC001_SH010' });
      await byShot.waitFor();
      expect(await byShot.locator('[data-col="rejects"]').textContent()).toBe('2.00');
      await p.screenshot({ path: `/tmp/backlot-spend-${database}.png`, fullPage: true });
      // By keyboard: j moves to the first row, Enter opens that shot's takes.
      await p.keyboard.press('j');
      await p.keyboard.press('Enter');
      await p.waitForURL(url(`/shots/${scenes[0].shotId}/takes`));

      // The drift of estimates: four settled takes of previs, estimated and charged 8.00 (the refused one was never settled).
      await p.goto(url('/spend/prices'));
      const drift = p.getByRole('table', { name: 'Estimate drift' }).getByRole('row', { name: 'previs/previs-animatic' });
      await drift.waitFor();
      expect((await drift.locator('td').allTextContents()).slice(2)).toEqual(['4', '8.00', '8.00', '0.0 %']);

      // The producer's home: scene 2 past 80 % of its budget, leading to the spend page. (Today's spend is left
      // out: it counts from midnight UTC, which a run may cross.)
      await p.goto(`${server.url}/home`);
      const alert = p.getByRole('listitem', { name: /Scene 2's budget is 80(\.0)? % used/ });
      await alert.getByRole('link').click();
      await p.waitForURL(url('/spend'));

      // The take's page shows its estimate against its actual cost and the price it used.
      await p.goto(url(`/takes/${takes['SC001_SH010 TK001']}`));
      const cost = p.getByRole('definition').filter({ has: p.locator('[data-figure="price"]') });
      await expect.poll(() => cost.textContent()).toContain('2.00 USD per generation · project catalog');
      expect(await p.locator('[data-figure="difference"]').textContent()).toBe('0.00 USD (0.0 %)');
    });

    it('downloads a CSV from the spend page that matches the ledger to the micro-unit', async () => {
      const p = producer;
      await p.goto(url('/spend'));
      const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('HARBOR_spend.csv');
      const text = readFileSync((await download.path())!, 'utf8');
      const lines = text.split('\r\n').filter(Boolean);
      const head = lines[0].split(',');
      const col = (name: string) => head.indexOf(name);
      const rows = lines.slice(1, -1).map((l) => l.split(','));
      const micros = (amount: string) => {
        const [whole, frac] = amount.split('.');
        return Number(whole) * 1_000_000 + Number(frac.padEnd(6, '0'));
      };

      // By hand: five takes; four settled at 2.00, the refused one at nothing; 8.00 in all, nothing held.
      const actual = new Map(rows.map((r) => [`${r[col('shot')]} ${r[col('take')]}`, r[col('actual')]]));
      expect(Object.fromEntries(actual)).toEqual({
        'SC001_SH010 TK001': '2.000000',
        'SC001_SH010 TK002': '0.000000',
        'SC001_SH010 TK003': '2.000000',
        'SC002_SH010 TK001': '2.000000',
        'SC002_SH010 TK002': '2.000000',
      });
      const totals = lines.at(-1)!.split(',');
      expect(totals[0]).toBe('TOTAL');
      expect([totals[col('actual')], totals[col('held')]]).toEqual(['8.000000', '0.000000']);

      // Against the ledger itself, with raw SQL: each take's settlements and estimate, and the project's total.
      const settled = await sql<{ take_id: string; micros: number | string }>`
        select take_id, sum(amount_micros) as micros from ledger_entries where project_id = ${projectId} and kind = 'settlement' group by take_id`.execute(db.db);
      const ledger = new Map(settled.rows.map((r) => [r.take_id, Number(r.micros)]));
      const estimates = await sql<{ id: string; estimate_micros: number | string }>`select id, estimate_micros from takes where project_id = ${projectId}`.execute(db.db);
      for (const [name, id] of Object.entries(takes)) {
        const row = rows.find((r) => `${r[col('shot')]} ${r[col('take')]}` === name)!;
        expect(micros(row[col('actual')]), name).toBe(ledger.get(id) ?? 0);
        expect(micros(row[col('estimate')]), name).toBe(Number(estimates.rows.find((e) => e.id === id)!.estimate_micros));
      }
      const all = await sql<{ micros: number | string }>`select coalesce(sum(amount_micros), 0) as micros from ledger_entries where project_id = ${projectId} and kind = 'settlement'`.execute(db.db);
      expect(micros(totals[col('actual')])).toBe(Number(all.rows[0].micros));
      expect(Number(all.rows[0].micros)).toBe(8_000_000);
    });
  });
}

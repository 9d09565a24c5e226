/**
 * The project's takes browser in a real browser against a real server. One previs take is rendered
 * for real; 140 more are written into the server's database beside it (as generation would write
 * them, with that take's poster), with hand-written prompts, providers, seeds, states and days. A
 * producer searches the prompts (`/`), combines filters, shares the address and goes Back, saves a
 * search and applies it after a reload, scrolls the grid to the last take by cursor pages with no
 * take twice or missing, and sees a new take and a state change arrive live. A viewer is offered no
 * prompt search and none of the filters their role may not use.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../apps/server/src/adapters/db/database.ts';
import { createStore } from '../apps/server/src/adapters/db/store.ts';
import type { Store } from '../apps/server/src/ports/store.ts';
import type { TakeRecord } from '../apps/server/src/ports/take-store.ts';
import { announceTake } from '../apps/server/src/services/generate/take-ledger.ts';
import { newTakeRecord } from '../apps/server/src/services/generate/take-record.ts';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const VIEWER = { name: 'Cleo Client', email: 'cleo@example.com', password: 'client side view 1' };
const EDITOR = { name: 'Eli Editor', email: 'eli@example.com', password: 'cut on the action 7' };
const PLAN = {
  job: 'Mara reaches the counter',
  subjectAction: 'Mara walks to the counter and sets down the thermos',
  camera: { size: 'MS', movement: 'push-in' },
  reviewCriteria: ['Mara stays in frame'],
  targetFrames: 24,
};

/**
 * The takes written into the database, by index 1..140: indexes 1–80 go to shot A (SC001_SH010,
 * after the rendered TK001, so index i is TK(i+1)), 81–140 to shot B (SC002_SH010, index i is
 * TK(i−80)). All but these five read "Quiet corridor at night, the camera holds", are previs takes
 * with seed 1000+i, unreviewed, asked for on 2026-02-0(1 + i mod 5).
 */
const SPECIAL: Record<number, { prompt: string; provider: string; model: string; seed: number; review: string; day: string }> = {
  3: { prompt: 'Lighthouse beam sweeps the harbor fog', provider: 'seedance', model: 'seedance-1-pro', seed: 7, review: 'approved', day: '2026-02-10' },
  12: { prompt: 'Storm over the lighthouse, waves break', provider: 'previs', model: 'previs-animatic', seed: 7, review: 'unreviewed', day: '2026-02-11' },
  25: { prompt: 'Harbor lights flicker in the rain', provider: 'previs', model: 'previs-animatic', seed: 5, review: 'selected', day: '2026-02-03' },
  97: { prompt: 'Keeper climbs the lighthouse stairs', provider: 'seedance', model: 'seedance-1-lite', seed: 9, review: 'selected', day: '2026-02-10' },
  136: { prompt: 'Lighthouse keeper asleep by the lamp', provider: 'seedance', model: 'seedance-1-pro', seed: 7, review: 'rejected', day: '2026-02-12' },
};
const INSERTED = 140;

let server: RunningServer;
let browser: Browser;
let owner: Page;
let viewer: Page;
let editor: Page;
let database: Database;
let store: Store;
let projectId = '';
const shots: string[] = [];
let rendered: TakeRecord;
let ownerAccount = { id: '', name: '' };

async function call(p: Page, method: 'get' | 'post', path: string, data?: unknown) {
  const res = await p.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}
const post = (p: Page, path: string, data: unknown) => call(p, 'post', path, data);

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const grid = (p: Page) => p.getByRole('list', { name: 'Takes' });
/** The names of the cards on screen, sorted. */
const shown = async (p: Page) =>
  (
    await grid(p)
      .getByRole('listitem')
      .evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''))
  ).sort();
/** A filter in the bar, by its exact label. */
const field = (p: Page, label: string) => p.getByRole('search', { name: 'Filter takes' }).getByLabel(label, { exact: true });
const count = (p: Page) => p.getByRole('search', { name: 'Filter takes' }).getByRole('status');
/** Waits until the grid shows exactly these takes (the count says the same). */
async function showsExactly(p: Page, names: string[]) {
  const expected = [...names].sort();
  await expect.poll(() => count(p).textContent()).toBe(`${names.length} of ${names.length} ${names.length === 1 ? 'take' : 'takes'}`);
  await expect.poll(() => shown(p)).toEqual(expected);
}

/** Writes a take into the database as generation would (with the rendered take's media), announcing it on the project's stream. */
async function insertTake(shotId: string, facts: { prompt: string; provider: string; model: string; seed: number; review: string; at: string }): Promise<TakeRecord> {
  const id = crypto.randomUUID();
  return store.transaction(async (tx) => {
    const number = await tx.takes.nextNumber(shotId);
    const take = newTakeRecord(
      {
        id,
        projectId,
        shotId,
        number,
        provider: facts.provider,
        model: facts.model,
        planVersion: 1,
        currency: 'USD',
        requestedBy: ownerAccount.id,
        requestedByName: ownerAccount.name,
        status: 'succeeded',
        step: 'done',
        prompt: facts.prompt,
        seed: facts.seed,
        review: facts.review,
        media: rendered.media,
        finishedAt: facts.at,
      },
      facts.at,
    );
    await tx.takes.insert(take);
    await announceTake(tx, take, new Date().toISOString());
    return take;
  });
}

describe('the takes browser', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    owner = await newPage();
    await post(owner, '/setup', OWNER);
    const created = await post(owner, '/projects', { name: 'Harbor Light', code: 'HARB', frameRate: '24/1', resolution: { width: 320, height: 180 } });
    projectId = created.project.id;
    for (const heading of ['EXT. DOCKS - NIGHT', 'INT. TOWER - NIGHT']) {
      const scene = await post(owner, `/projects/${projectId}/scenes`, { heading, characters: ['MARA'] });
      shots.push((await post(owner, `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: PLAN })).id);
    }
    const { members } = await call(owner, 'get', `/projects/${projectId}/members`);
    ownerAccount = { id: members[0].accountId, name: members[0].name };

    // One take rendered for real, for its poster.
    const made = await post(owner, `/projects/${projectId}/shots/${shots[0]}/takes`, { provider: 'previs', model: 'previs-animatic', count: 1 });
    const takeId = made.takes[0].id as string;
    const deadline = Date.now() + 120_000;
    while ((await call(owner, 'get', `/projects/${projectId}/takes/${takeId}`)).status !== 'succeeded') {
      if (Date.now() > deadline) throw new Error('the previs take did not render in time');
      await new Promise((r) => setTimeout(r, 500));
    }

    database = openDatabase({ sqlitePath: join(server.dataDir, 'backlot.sqlite') });
    store = createStore(database.db, database.dialect);
    rendered = (await store.read.takes.findById(projectId, takeId))!;
    for (let i = 1; i <= INSERTED; i++) {
      const special = SPECIAL[i];
      const day = special?.day ?? `2026-02-0${1 + (i % 5)}`;
      await insertTake(
        shots[i <= 80 ? 0 : 1],
        special
          ? { ...special, at: `${day}T12:00:00.000Z` }
          : { prompt: 'Quiet corridor at night, the camera holds', provider: 'previs', model: 'previs-animatic', seed: 1000 + i, review: 'unreviewed', at: `${day}T12:00:00.000Z` },
      );
    }

    const invite = async (person: typeof VIEWER, role: string) => {
      const invited = await post(owner, `/projects/${projectId}/invitations`, { email: person.email, role });
      const token = new URLSearchParams(new URL(invited.url).hash.slice(1)).get('token');
      const page = await newPage();
      await post(page, '/invitations/accept', { token, name: person.name, password: person.password });
      return page;
    };
    viewer = await invite(VIEWER, 'viewer');
    editor = await invite(EDITOR, 'editor');
  }, 240_000);

  afterAll(async () => {
    await database?.close();
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('finds exactly the takes whose prompt holds the words, marking them', async () => {
    const p = owner;
    await p.goto(`${server.url}/projects/${projectId}/takes`);
    await expect.poll(() => count(p).textContent()).toBe('60 of 141 takes');
    await p.locator('body').press('/');
    await p.keyboard.type('lighthouse');
    await p.waitForURL(/\?q=lighthouse$/);
    await showsExactly(p, ['SC001_SH010 TK004', 'SC001_SH010 TK013', 'SC002_SH010 TK017', 'SC002_SH010 TK056']);
    // The matched word is marked in each card's prompt.
    expect(await grid(p).locator('mark').allTextContents()).toEqual(expect.arrayContaining(['Lighthouse', 'lighthouse']));
    expect(await grid(p).getByRole('listitem', { name: 'SC002_SH010 TK056' }).locator('mark').allTextContents()).toEqual(['Lighthouse']);

    // The last word is also the start of a word: "keep" finds keeper and Keeper.
    await field(p, 'Search prompts').fill('lighthouse keep');
    await showsExactly(p, ['SC002_SH010 TK017', 'SC002_SH010 TK056']);
    await field(p, 'Search prompts').fill('harbor');
    await showsExactly(p, ['SC001_SH010 TK004', 'SC001_SH010 TK026']);
    await p.screenshot({ path: '/tmp/backlot-takes-browser-search.png' });
  });

  it('combines filters, keeps them in the address, and goes Back through them', async () => {
    const p = owner;
    await p.goto(`${server.url}/projects/${projectId}/takes?q=lighthouse`);
    await showsExactly(p, ['SC001_SH010 TK004', 'SC001_SH010 TK013', 'SC002_SH010 TK017', 'SC002_SH010 TK056']);
    await field(p, 'Provider').fill('seedance');
    await p.waitForURL(/provider=seedance/);
    await showsExactly(p, ['SC001_SH010 TK004', 'SC002_SH010 TK017', 'SC002_SH010 TK056']);
    await field(p, 'Seed').fill('7');
    await p.waitForURL(/seed=7/);
    await showsExactly(p, ['SC001_SH010 TK004', 'SC002_SH010 TK056']);
    await field(p, 'Scene').selectOption({ label: 'Scene 2' });
    await showsExactly(p, ['SC002_SH010 TK056']);
    const shared = p.url();
    expect(new URL(shared).search).toBe(`?q=lighthouse&provider=seedance&seed=7&scene=${await sceneOf(shots[1])}`);

    // Back: the scene filter goes, the others stay.
    await p.goBack();
    await showsExactly(p, ['SC001_SH010 TK004', 'SC002_SH010 TK056']);
    expect(await field(p, 'Scene').inputValue()).toBe('');
    expect(await field(p, 'Seed').inputValue()).toBe('7');

    // The shared address, opened afresh, shows the same takes and the same filters.
    const other = await newPage();
    await other.context().addCookies(await p.context().cookies());
    await other.goto(shared);
    await showsExactly(other, ['SC002_SH010 TK056']);
    expect(await field(other, 'Search prompts').inputValue()).toBe('lighthouse');
    expect(await field(other, 'Provider').inputValue()).toBe('seedance');
    await other.context().close();

    // Days, state and status together with words.
    await p.goto(`${server.url}/projects/${projectId}/takes?q=lighthouse`);
    await field(p, 'From').fill('2026-02-10');
    await p.waitForURL(/from=2026-02-10/);
    await field(p, 'To').fill('2026-02-11');
    await p.waitForURL(/to=2026-02-11/);
    await showsExactly(p, ['SC001_SH010 TK004', 'SC001_SH010 TK013', 'SC002_SH010 TK017']);
    await field(p, 'State').selectOption('approved');
    await showsExactly(p, ['SC001_SH010 TK004']);
    await field(p, 'Status').selectOption('failed');
    await p.getByRole('heading', { name: 'No take matches' }).waitFor();
    await p.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => count(p).textContent()).toBe('60 of 141 takes');
    expect(new URL(p.url()).search).toBe('');

    // A range the server refuses is named in the bar's words, with the way out.
    await p.goto(`${server.url}/projects/${projectId}/takes?from=2026-02-12&to=2026-02-10`);
    await p.getByRole('alert').getByText('These takes cannot be shown. To: must not be before from.').waitFor();
    await p.getByRole('alert').getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => count(p).textContent()).toBe('60 of 141 takes');
  });

  it('saves a search, applies it after a reload, refuses a name used twice, and deletes it', async () => {
    const p = owner;
    await p.goto(`${server.url}/projects/${projectId}/takes?q=lighthouse&provider=seedance`);
    await showsExactly(p, ['SC001_SH010 TK004', 'SC002_SH010 TK017', 'SC002_SH010 TK056']);
    const saved = p.getByRole('region', { name: 'Saved searches' });
    await saved.getByRole('button', { name: 'Save this search…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Save this search' });
    await dialog.getByLabel('Name').fill('Seedance lighthouse');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await saved.getByRole('button', { name: 'Seedance lighthouse', exact: true }).waitFor();

    // The same name again is refused, in words, and nothing is saved twice.
    await saved.getByRole('button', { name: 'Save this search…' }).click();
    await dialog.getByLabel('Name').fill('Seedance lighthouse');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('You already have a saved search with this name.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await p.goto(`${server.url}/projects/${projectId}/takes`);
    await p.reload();
    await expect.poll(() => count(p).textContent()).toBe('60 of 141 takes');
    await saved.getByRole('button', { name: 'Seedance lighthouse', exact: true }).click();
    await p.waitForURL(/\?q=lighthouse&provider=seedance$/);
    await showsExactly(p, ['SC001_SH010 TK004', 'SC002_SH010 TK017', 'SC002_SH010 TK056']);
    expect(await saved.getByRole('button', { name: 'Seedance lighthouse', exact: true }).getAttribute('aria-pressed')).toBe('true');

    await saved.getByRole('button', { name: 'Delete the saved search “Seedance lighthouse”' }).click();
    await saved.getByText('None yet').waitFor();
    expect((await call(p, 'get', `/projects/${projectId}/take-filters`)).filters).toEqual([]);
  });

  it('scrolls to the last take page by page, with no take twice and none missing, drawing only the rows near the screen', async () => {
    const p = owner;
    await p.goto(`${server.url}/projects/${projectId}/takes`);
    await expect.poll(() => count(p).textContent()).toBe('60 of 141 takes');
    const seen = new Map<number, string>();
    let most = 0;
    for (let step = 0; step < 400; step++) {
      const cards = await grid(p)
        .getByRole('listitem')
        .evaluateAll((items) => items.map((i) => [Number(i.getAttribute('aria-posinset')), i.getAttribute('aria-label') ?? ''] as const));
      most = Math.max(most, cards.length);
      for (const [at, name] of cards) {
        if (seen.has(at)) expect(seen.get(at), `place ${at}`).toBe(name);
        seen.set(at, name);
      }
      const status = await count(p).textContent();
      if (status === '141 of 141 takes' && seen.size === 141) break;
      const atBottom = await p.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
      // At the bottom of what is loaded, the next page comes by itself.
      if (atBottom && status === '141 of 141 takes') break;
      if (atBottom) await expect.poll(() => count(p).textContent(), { timeout: 15_000 }).not.toBe(status);
      await p.evaluate(() => window.scrollBy(0, 600));
    }
    // Every place from 1 to 141 holds a take, and no take is in two places.
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 141 }, (_, i) => i + 1));
    const names = [...seen.values()];
    expect(new Set(names).size).toBe(141);
    const expected = [
      ...Array.from({ length: 81 }, (_, i) => `SC001_SH010 TK${String(i + 1).padStart(3, '0')}`),
      ...Array.from({ length: 60 }, (_, i) => `SC002_SH010 TK${String(i + 1).padStart(3, '0')}`),
    ];
    expect(names.sort()).toEqual(expected.sort());
    // Only the rows near the screen are in the page, not all 141 cards.
    expect(most).toBeLessThan(80);
    expect(await p.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('shows a new take and a change of state without a reload', async () => {
    const p = owner;
    await p.goto(`${server.url}/projects/${projectId}/takes?q=lighthouse`);
    await showsExactly(p, ['SC001_SH010 TK004', 'SC001_SH010 TK013', 'SC002_SH010 TK017', 'SC002_SH010 TK056']);
    await p.evaluate(() => Object.assign(window, { __noReload: true }));
    await insertTake(shots[1], { prompt: 'A lighthouse ghost drifts past the window', provider: 'previs', model: 'previs-animatic', seed: 3, review: 'unreviewed', at: new Date().toISOString() });
    await showsExactly(p, ['SC001_SH010 TK004', 'SC001_SH010 TK013', 'SC002_SH010 TK017', 'SC002_SH010 TK056', 'SC002_SH010 TK061']);

    await field(p, 'State').selectOption('selected');
    await showsExactly(p, ['SC002_SH010 TK017']);
    const tk013 = (await call(p, 'get', `/projects/${projectId}/takes?q=storm`)).takes[0].id as string;
    await post(p, `/projects/${projectId}/takes/${tk013}/review`, { state: 'selected' });
    await showsExactly(p, ['SC001_SH010 TK013', 'SC002_SH010 TK017']);
    expect(await p.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });

  it('stays quick at 50,000 takes: a prompt word finds its three takes, and pages load as the grid scrolls with few cards drawn', async () => {
    const p = owner;
    const big = (await post(p, '/projects', { name: 'Rush Hour', code: 'RUSH', frameRate: '24/1', resolution: { width: 320, height: 180 } })).project.id as string;
    const scene = await post(p, `/projects/${big}/scenes`, { heading: 'INT. STATION - DAY' });
    const shot = (await post(p, `/projects/${big}/scenes/${scene.id}/shots`, { plan: PLAN })).id as string;
    // 50,000 takes in ten transactions; takes 7, 24,999 and 49,998 (TK007, TK24999, TK49998) are the only ones with a zeppelin.
    const ZEPPELIN = new Set([7, 24_999, 49_998]);
    for (let batch = 0; batch < 10; batch++) {
      await store.transaction(async (tx) => {
        for (let n = batch * 5000 + 1; n <= (batch + 1) * 5000; n++) {
          const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
          await tx.takes.insert(
            newTakeRecord(
              {
                id: crypto.randomUUID(),
                projectId: big,
                shotId: shot,
                number: n,
                provider: 'previs',
                model: 'previs-animatic',
                planVersion: 1,
                currency: 'USD',
                requestedBy: ownerAccount.id,
                requestedByName: ownerAccount.name,
                status: 'succeeded',
                step: 'done',
                prompt: ZEPPELIN.has(n) ? 'A zeppelin drifts over the station roof' : 'Crowd crosses the station concourse at rush hour',
                seed: n,
                media: rendered.media,
                finishedAt: at,
              },
              at,
            ),
          );
        }
      });
    }
    // The server's own time for a page, for comparison with what the browser adds.
    const apiStarted = Date.now();
    const apiFirst = await call(p, 'get', `/projects/${big}/takes?limit=60`);
    const apiPage = Date.now() - apiStarted;
    const cursorStarted = Date.now();
    await call(p, 'get', `/projects/${big}/takes?limit=60&cursor=${encodeURIComponent(apiFirst.nextCursor)}`);
    const apiCursor = Date.now() - cursorStarted;
    const started = Date.now();
    await p.goto(`${server.url}/projects/${big}/takes`);
    await expect.poll(() => count(p).textContent(), { timeout: 15_000 }).toBe('60 of 50000 takes');
    const firstPage = Date.now() - started;
    const searched = Date.now();
    await field(p, 'Search prompts').fill('zeppelin');
    await expect.poll(() => count(p).textContent(), { timeout: 15_000 }).toBe('3 of 3 takes');
    const search = Date.now() - searched;
    expect(await shown(p)).toEqual(['SC001_SH010 TK007', 'SC001_SH010 TK24999', 'SC001_SH010 TK49998'].sort());

    await field(p, 'Search prompts').fill('');
    await expect.poll(() => count(p).textContent(), { timeout: 15_000 }).toBe('60 of 50000 takes');
    const scrolled = Date.now();
    // Ten more pages as the grid is scrolled down: 660 takes loaded, only the rows near the screen drawn.
    for (let loaded = 120; loaded <= 660; loaded += 60) {
      await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => count(p).textContent(), { timeout: 15_000 }).toBe(`${loaded} of 50000 takes`);
    }
    expect(await grid(p).getByRole('listitem').count()).toBeLessThan(80);
    // The last card drawn is the 660th take, and the first drawn is far below the first take.
    await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const places = () =>
      grid(p)
        .getByRole('listitem')
        .evaluateAll((items) => items.map((i) => Number(i.getAttribute('aria-posinset'))));
    await expect.poll(async () => Math.max(...(await places())), { timeout: 5_000 }).toBe(660);
    expect(Math.min(...(await places()))).toBeGreaterThan(500);
    console.log(
      `50,000 takes: first page on screen in ${firstPage} ms, a prompt word's takes in ${search} ms (with the 300 ms typing pause), ten more pages by scrolling in ${Date.now() - scrolled} ms; the API alone: first page ${apiPage} ms, a cursor page ${apiCursor} ms`,
    );
  });

  it('lets an editor search the prompts of the selected and approved takes, without status or cost order', async () => {
    const e = editor;
    await e.goto(`${server.url}/projects/${projectId}/takes`);
    await grid(e).getByRole('listitem').first().waitFor();
    for (const label of ['Search prompts', 'Provider', 'Model', 'Seed', 'Asked by']) expect(await field(e, label).count(), label).toBe(1);
    expect(await field(e, 'Status').count()).toBe(0);
    expect(await field(e, 'State').locator('option').allTextContents()).toEqual(['Any state', 'selected', 'approved']);
    expect(await field(e, 'Order').locator('option').allTextContents()).toEqual(['Scene and shot', 'Newest first', 'Oldest first']);
    await e.locator('body').press('/');
    await e.keyboard.type('lighthouse');
    // TK013 was selected above; TK056 (rejected) and the new TK061 (unreviewed) are not the editor's to see.
    await showsExactly(e, ['SC001_SH010 TK004', 'SC001_SH010 TK013', 'SC002_SH010 TK017']);
    // Seed 7 is TK004's and TK013's; the owner asked for both; only TK004 is a Seedance take.
    await field(e, 'Seed').fill('7');
    await field(e, 'Asked by').selectOption({ label: OWNER.name });
    await showsExactly(e, ['SC001_SH010 TK004', 'SC001_SH010 TK013']);
    await field(e, 'Provider').fill('seedance');
    await showsExactly(e, ['SC001_SH010 TK004']);
    expect(await e.getByRole('alert').count()).toBe(0);
  });

  it('offers a viewer no prompt search and no filter their role cannot use, and shows only selected and approved takes', async () => {
    const v = viewer;
    await v.goto(`${server.url}/projects/${projectId}/takes`);
    // Approved TK004, selected TK026 and TK013 of shot A, selected TK017 of shot B.
    await showsExactly(v, ['SC001_SH010 TK004', 'SC001_SH010 TK013', 'SC001_SH010 TK026', 'SC002_SH010 TK017']);
    const bar = v.getByRole('search', { name: 'Filter takes' });
    for (const label of ['Search prompts', 'Provider', 'Model', 'Seed', 'Status', 'Asked by']) expect(await bar.getByLabel(label, { exact: true }).count(), label).toBe(0);
    expect(await bar.getByLabel('State').locator('option').allTextContents()).toEqual(['Any state', 'selected', 'approved']);
    expect(await bar.getByLabel('Order').locator('option').allTextContents()).toEqual(['Scene and shot', 'Newest first', 'Oldest first']);
    // `/` finds no search field, and an address with prompt words and a seed shows what the viewer may see, without an error.
    await v.goto(`${server.url}/projects/${projectId}/takes?q=lighthouse&seed=7&state=approved`);
    await showsExactly(v, ['SC001_SH010 TK004']);
    expect(await v.getByRole('alert').count()).toBe(0);
    expect(await grid(v).locator('.take-card-prompt').count()).toBe(0);
    // The filters the viewer is offered are accepted by the server.
    await field(v, 'From').fill('2026-02-10');
    await showsExactly(v, ['SC001_SH010 TK004']);
    await field(v, 'Order').selectOption('newest');
    await showsExactly(v, ['SC001_SH010 TK004']);
    expect(await v.getByRole('alert').count()).toBe(0);
  });
});

/** The scene a shot belongs to. */
async function sceneOf(shotId: string): Promise<string> {
  const page = await call(owner, 'get', `/projects/${projectId}/takes?shotId=${shotId}&limit=1`);
  return page.shots.find((s: { id: string }) => s.id === shotId).sceneId;
}

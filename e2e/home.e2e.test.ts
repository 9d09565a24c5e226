/**
 * What a member looks at first, in a real browser against a real server, on a tiny project
 * (160×90, 24 fps, 12-frame plans) with two scenes and three previs takes: a viewer invited by the
 * owner accepts in a browser of their own and lands on the approved take with its poster, with no
 * error and nothing refused; the project's takes page is a grid of takes with posters, states and
 * filters; the owner's home lists the viewer's mention and the takes waiting for a decision, with
 * the unread count beside Home following as items are read; `/` searches on Shots and Scenes; the
 * sample project stays at hand under More.
 * Assertions are what a member sees.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const VIEWER = { name: 'Cleo Client', email: 'cleo@example.com', password: 'only the approved one' };
const PLAN = {
  job: 'Mara reaches the counter',
  subjectAction: 'Mara walks to the counter',
  camera: { size: 'MS', movement: 'static' },
  reviewCriteria: ['Mara stays in frame'],
  targetFrames: 12,
};

let server: RunningServer;
let browser: Browser;
let owner: Page;
let viewer: Page;
let projectId = '';
const shots: string[] = [];
/** Take ids by "shot take", e.g. "SC001_SH010 TK002". */
const takes: Record<string, string> = {};

async function call(p: Page, method: 'get' | 'post', path: string, data?: unknown) {
  const res = await p.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}
const post = (p: Page, path: string, data: unknown) => call(p, 'post', path, data);

/** Waits until every take of the project has rendered. */
async function rendered(p: Page, count: number) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const page = await call(p, 'get', `/projects/${projectId}/takes`);
    if (page.takes.length === count && page.takes.every((t: { status: string }) => t.status === 'succeeded')) {
      for (const t of page.takes) takes[`${t.shotCode} ${t.code}`] = t.id;
      return;
    }
    if (Date.now() > deadline) throw new Error('the previs takes did not render in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

const grid = (p: Page) => p.getByRole('list', { name: 'Takes' });
const card = (p: Page, name: string) => grid(p).getByRole('listitem', { name, exact: true });

describe('what a member looks at first', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    owner = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    owner.setDefaultTimeout(15_000);
    await post(owner, '/setup', OWNER);
    const created = await post(owner, '/projects', { name: 'Night Run', code: 'NIGHT', frameRate: '24/1', resolution: { width: 160, height: 90 } });
    projectId = created.project.id;
    for (const heading of ['INT. DINER - NIGHT', 'EXT. ROOF - DAWN']) {
      const scene = await post(owner, `/projects/${projectId}/scenes`, { heading });
      shots.push((await post(owner, `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: PLAN })).id);
    }
    await post(owner, `/projects/${projectId}/shots/${shots[0]}/takes`, { provider: 'previs', model: 'previs-animatic', count: 2 });
    await post(owner, `/projects/${projectId}/shots/${shots[1]}/takes`, { provider: 'previs', model: 'previs-animatic', count: 1 });
    await rendered(owner, 3);
    const approve = takes['SC001_SH010 TK001'];
    await post(owner, `/projects/${projectId}/takes/${approve}/review`, { state: 'selected' });
    await post(owner, `/projects/${projectId}/takes/${approve}/review`, { state: 'approved' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('lets an invited viewer in: after accepting, they land on the approved take with its poster, and nothing errors or is refused', async () => {
    const invited = await post(owner, `/projects/${projectId}/invitations`, { email: VIEWER.email, role: 'viewer' });
    viewer = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    viewer.setDefaultTimeout(15_000);
    // What the server refused once the viewer had joined (before, "who is signed in?" is rightly answered 401).
    const refused: string[] = [];
    let joined = false;
    viewer.on('response', (r: Response) => {
      if (joined && r.url().startsWith(server.url) && r.status() >= 400) refused.push(`${r.status()} ${r.request().method()} ${r.url().slice(server.url.length)}`);
    });
    await viewer.goto(invited.url);
    await viewer.getByText('You are invited to join').waitFor();
    await viewer.getByLabel('Your name').fill(VIEWER.name);
    await viewer.getByLabel('Password').fill(VIEWER.password);
    joined = true;
    await viewer.getByRole('button', { name: 'Create account and join' }).click();

    const approved = card(viewer, 'SC001_SH010 TK001');
    await approved.waitFor();
    expect(await grid(viewer).getByRole('listitem').count()).toBe(1);
    expect(await approved.locator('[data-slot="state"]').textContent()).toContain('approved');
    // The poster has loaded (a picture, not a broken image).
    await expect.poll(() => approved.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const main = await viewer.locator('main').innerText();
    expect(main).not.toMatch(/may not|USD|Seed|prompt|request/i);
    expect(await viewer.getByRole('alert').count()).toBe(0);
    expect(refused).toEqual([]);
    await viewer.screenshot({ path: '/tmp/backlot-home-viewer.png' });
  });

  it('shows the project’s takes as a grid with posters, states and filters by state, scene and shot', async () => {
    await owner.goto(`${server.url}/projects/${projectId}/takes`);
    await card(owner, 'SC002_SH010 TK001').waitFor();
    expect(
      await grid(owner)
        .getByRole('listitem')
        .evaluateAll((items) => items.map((i) => i.getAttribute('aria-label'))),
    ).toEqual(['SC001_SH010 TK002', 'SC001_SH010 TK001', 'SC002_SH010 TK001']);
    expect(await card(owner, 'SC001_SH010 TK002').locator('[data-slot="state"]').textContent()).toContain('unreviewed');
    expect(await card(owner, 'SC001_SH010 TK002').locator('img').count()).toBe(1);

    await owner.getByLabel('State').selectOption('approved');
    await owner.waitForURL(/state=approved/);
    await expect.poll(() => grid(owner).getByRole('listitem').count()).toBe(1);
    await card(owner, 'SC001_SH010 TK001').waitFor();

    await owner.getByRole('button', { name: 'Clear filters' }).click();
    await owner.getByLabel('Scene').selectOption({ label: 'Scene 2' });
    await expect.poll(() => grid(owner).getByRole('listitem').count()).toBe(1);
    await card(owner, 'SC002_SH010 TK001').waitFor();

    // A filtered view is a shareable address: opened afresh, it shows the same takes.
    await owner.goto(`${server.url}/projects/${projectId}/takes?shot=${shots[0]}`);
    await card(owner, 'SC001_SH010 TK002').waitFor();
    expect(await grid(owner).getByRole('listitem').count()).toBe(2);

    // Keyboard: the first card takes focus with →, Enter opens the take.
    await owner.keyboard.press('ArrowRight');
    await owner.keyboard.press('Enter');
    await owner.waitForURL(`**/takes/${takes['SC001_SH010 TK002']}`);
    await owner.screenshot({ path: '/tmp/backlot-home-grid.png' });
  });

  it("shows each shot's picture: the approved take's poster in the shot list, on the scene card and in the storyboard", async () => {
    const loaded = (img: ReturnType<Page['locator']>) => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0);
    await owner.goto(`${server.url}/projects/${projectId}/shots`);
    const shotList = owner.getByRole('table', { name: 'Shot list' });
    const approved = shotList.getByRole('img', { name: 'SC001_SH010: TK001, approved' });
    await approved.waitFor();
    await expect.poll(() => loaded(approved)).toBe(true);
    // Nothing reviewed in scene 2 yet: its newest take stands in.
    await shotList.getByRole('img', { name: 'SC002_SH010: TK001, unreviewed' }).waitFor();

    await owner.goto(`${server.url}/projects/${projectId}/scenes`);
    const card = owner.getByRole('listitem', { name: 'Scene 1: INT. DINER - NIGHT' });
    await expect.poll(() => loaded(card.getByRole('img', { name: 'Scene 1: TK001, approved' }))).toBe(true);

    await owner.getByRole('link', { name: 'Storyboard' }).first().click();
    const frame = owner.getByRole('listitem', { name: 'Frame 1: SC001_SH010' });
    await expect.poll(() => loaded(frame.getByRole('img', { name: 'SC001_SH010: TK001, approved' }))).toBe(true);
    await owner.screenshot({ path: '/tmp/backlot-home-storyboard.png' });
    // Scene 2 has no selected take: its storyboard keeps the sketch.
    await owner.goto(`${server.url}/projects/${projectId}/shots`);
    await shotList.getByRole('img', { name: 'SC002_SH010: TK001, unreviewed' }).waitFor();
    await owner
      .getByRole('button', { name: 'Storyboard of scene 2' })
      .or(owner.getByRole('link', { name: 'Storyboard of scene 2' }))
      .click();
    const sketch = owner.getByRole('listitem', { name: 'Frame 1: SC002_SH010' });
    await sketch.waitFor();
    expect(await sketch.getByRole('img').count()).toBe(0);
  });

  it('focuses the search with / on Shots and on Scenes, as on Assets, and finds by code or heading', async () => {
    await owner.goto(`${server.url}/projects/${projectId}/shots`);
    const shotList = owner.getByRole('table', { name: 'Shot list' });
    await shotList.getByText('SC002_SH010').waitFor();
    await owner.keyboard.press('/');
    await expect.poll(() => owner.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search shots');
    await owner.keyboard.type('sc002');
    await expect.poll(() => shotList.getByText('SC001_SH010').count()).toBe(0);
    expect(await shotList.getByText('SC002_SH010').count()).toBe(1);
    expect(owner.url()).toContain('q=sc002');
    // Esc clears the search and gives the page its keys back.
    await owner.keyboard.press('Escape');
    await shotList.getByText('SC001_SH010').waitFor();

    await owner.goto(`${server.url}/projects/${projectId}/scenes`);
    const board = owner.getByRole('list', { name: 'Scene board' });
    await board.getByRole('listitem', { name: 'Scene 1: INT. DINER - NIGHT' }).waitFor();
    await owner.keyboard.press('/');
    await expect.poll(() => owner.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search scenes');
    await owner.keyboard.type('roof');
    await expect.poll(() => board.getByRole('listitem').count()).toBe(1);
    await board.getByRole('listitem', { name: 'Scene 2: EXT. ROOF - DAWN' }).waitFor();
  });

  it('keeps "Build the sample project" at hand after the first project, under More', async () => {
    await owner.goto(`${server.url}/projects`);
    await owner.getByRole('table', { name: 'Projects' }).getByRole('link', { name: 'Night Run' }).waitFor();
    const build = owner.getByRole('button', { name: 'Build the sample project' });
    expect(await build.isVisible()).toBe(false);
    await owner.getByText('More', { exact: true }).click();
    await build.waitFor();
    expect(await build.isEnabled()).toBe(true);
  });

  it("lists the viewer's mention on the owner's home, with the unread count beside Home following what is read", async () => {
    const homeLink = owner.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /^Home/ });
    await owner.goto(`${server.url}/projects`);
    // Two rendered takes nobody has reviewed wait for the owner's decision.
    await expect.poll(() => homeLink.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Home, 2 unread');

    await post(viewer, `/projects/${projectId}/takes/${takes['SC001_SH010 TK001']}/notes`, { body: '@Pat can we hold on the counter longer?', visibility: 'client' });
    await owner.goto(`${server.url}/projects`);
    await expect.poll(() => homeLink.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Home, 3 unread');
    await homeLink.click();
    const list = owner.getByRole('list', { name: 'What needs you' });
    const mention = list.getByRole('listitem', { name: 'Unread: Cleo Client mentioned you on SC001_SH010 TK001' });
    await mention.waitFor();
    expect(await mention.innerText()).toContain('@Pat can we hold on the counter longer?');
    await list.getByRole('listitem', { name: 'Unread: SC002_SH010 TK001 is waiting for a decision' }).waitFor();
    await owner.screenshot({ path: '/tmp/backlot-home-owner.png' });

    // Opening the mention goes to its take and marks it read.
    await mention.getByRole('link').click();
    await owner.waitForURL(`**/takes/${takes['SC001_SH010 TK001']}`);
    await expect.poll(() => homeLink.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Home, 2 unread');
    await homeLink.click();
    await list.getByRole('listitem', { name: 'Cleo Client mentioned you on SC001_SH010 TK001' }).waitFor();

    await owner.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => homeLink.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Home');
    await owner.getByText('Nothing unread').waitFor();
  });

  it('is live: a mention written while the owner looks at their home appears there, unread, without a reload', async () => {
    const homeLink = owner.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /^Home/ });
    // The home listens to the project's stream once it is shown.
    const listening = owner.waitForRequest((r) => r.url().endsWith(`/api/v1/projects/${projectId}/events`));
    await owner.goto(`${server.url}/home`);
    await owner.getByText('Nothing unread').waitFor();
    await listening;
    let navigations = 0;
    owner.on('framenavigated', (f) => void (f === owner.mainFrame() && navigations++));

    await post(viewer, `/projects/${projectId}/takes/${takes['SC001_SH010 TK001']}/notes`, { body: '@Pat one more pass on the sound, please.', visibility: 'client' });
    const list = owner.getByRole('list', { name: 'What needs you' });
    // Well within the feed's half-minute reload: it came with the event.
    const fresh = list.getByRole('listitem', { name: 'Unread: Cleo Client mentioned you on SC001_SH010 TK001' });
    await fresh.waitFor({ timeout: 5_000 });
    expect(await fresh.innerText()).toContain('one more pass on the sound');
    await owner.getByText('1 unread').waitFor({ timeout: 5_000 });
    await expect.poll(() => homeLink.getAttribute('aria-label'), { timeout: 5_000 }).toBe('Home, 1 unread');
    expect(navigations).toBe(0);
  });
});

/**
 * A small team's review loop, as issue 12's "done means" tries it, in separate browsers against one
 * real server, on a 1920×1080 project at 24 fps: the owner imports a screenplay (the fixtures'
 * brick-and-steel.fountain) through the preview, locks scene numbering and revises it twice — a
 * changed heading and a new scene lettered 2A in blue, a cut scene kept as 3 OMITTED in pink —
 * then plans a shot and generates two previs takes from the generate panel; a director reviews by
 * mouse, giving the reason the project asks for a rejection, and approves a take; a viewer accepts
 * an invitation in a browser of their own and lands on the approved take; the director draws a
 * client-visible note on that 1080p take, which the viewer finds drawing and all; the viewer's
 * note mentioning the director appears on the director's open home without a reload.
 * Assertions are what each member sees.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { dragOnPicture } from './support/drawing.ts';
import { removeDataDir, ROOT, startServer, type RunningServer } from './support/server.ts';
import { apiCall, importRevision, invitationToken, memberPage, waitForRenders } from './support/team.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(ROOT, '../shared/fixtures');
const OWNER = { name: 'Olive Owner', email: 'olive@example.com', password: 'white pages first' };
const DIRECTOR = { name: 'Dana Director', email: 'dana@example.com', password: 'frame by frame 24' };
const VIEWER = { name: 'Cleo Client', email: 'cleo@example.com', password: 'only the approved one' };
const PLAN = {
  job: 'Brick and Steel raise their beers',
  subjectAction: 'Steel hands Brick a cold beer; they drink',
  camera: { size: 'MS', movement: 'static' },
  reviewCriteria: ['Both men stay in frame'],
  targetFrames: 24,
};

let server: RunningServer;
let browser: Browser;
let owner: Page;
let director: Page;
let viewer: Page;
let dir = '';
let projectId = '';
let shotId = '';
/** Take ids by code. */
const takes: Record<string, string> = {};

const call = (p: Page, method: 'get' | 'post' | 'patch', path: string, data?: unknown) => apiCall(server, p, method, path, data);
const scenesPage = () => `${server.url}/projects/${projectId}/scenes`;
const sceneCard = (p: Page, name: string) => p.getByRole('listitem', { name, exact: true });
const pageBadge = async (p: Page) => (await p.locator('.page-header .take-sub .review').textContent()) ?? '';

describe('a team’s review loop in the web UI', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'backlot-team-'));
    // The white draft is the fixture; the blue and pink drafts are our own edits of it.
    const white = readFileSync(join(FIXTURES, 'fountain/brick-and-steel.fountain'), 'utf8');
    const blue = white
      .replace('INT. TRAILER HOME - DAY', 'INT. TRAILER HOME - NIGHT')
      .replace("EXT. BRICK'S POOL - DAY", "INT. HARDWARE STORE - DAY\n\nDan weighs a crowbar in each hand and buys both.\n\nEXT. BRICK'S POOL - DAY");
    const pool = blue.indexOf("EXT. BRICK'S POOL - DAY");
    const pink = blue.slice(0, pool) + blue.slice(blue.indexOf('.SNIPER SCOPE POV'));
    for (const [name, text] of Object.entries({ 'brick-and-steel.fountain': white, 'brick-and-steel-blue.fountain': blue, 'brick-and-steel-pink.fountain': pink }))
      writeFileSync(join(dir, name), text);

    server = await startServer();
    browser = await launchChromium();
    owner = await memberPage(browser, 20_000);
    await call(owner, 'post', '/setup', OWNER);
    projectId = (await call(owner, 'post', '/projects', { name: 'Brick & Steel', code: 'BRICK', frameRate: '24/1', resolution: { width: 1920, height: 1080 } })).project.id;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports the screenplay, locks numbering and revises it twice: a changed heading and 2A in blue, 3 OMITTED in pink', async () => {
    const o = owner;
    await o.goto(scenesPage());
    await o.getByRole('heading', { name: 'Import a screenplay or add a scene' }).waitFor();
    await importRevision(o, join(dir, 'brick-and-steel.fountain'), '1 (white)');
    await sceneCard(o, "Scene 1: EXT. BRICK'S PATIO - DAY").waitFor();
    await sceneCard(o, 'Scene 2: INT. TRAILER HOME - DAY').waitFor();
    await sceneCard(o, "Scene 3: EXT. BRICK'S POOL - DAY").waitFor();

    await o.getByRole('button', { name: 'Lock numbering' }).click();
    await o.getByRole('dialog', { name: 'Lock scene numbers?' }).getByRole('button', { name: 'Lock numbering' }).click();
    await o.getByText('Numbering locked').waitFor();

    await importRevision(o, join(dir, 'brick-and-steel-blue.fountain'), '2 (blue)');
    await sceneCard(o, 'Scene 2: INT. TRAILER HOME - NIGHT').getByText('blue: heading').waitFor();
    await sceneCard(o, 'Scene 2A: INT. HARDWARE STORE - DAY').getByText('blue: added').waitFor();

    await importRevision(o, join(dir, 'brick-and-steel-pink.fountain'), '3 (pink)');
    const cut = sceneCard(o, "Scene 3: EXT. BRICK'S POOL - DAY (omitted)");
    await cut.getByText('pink: omitted').waitFor();
    // The scenes after it keep their numbers.
    expect(await o.locator('[data-scene-id]').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')).slice(0, 4))).toEqual([
      "Scene 1: EXT. BRICK'S PATIO - DAY",
      'Scene 2: INT. TRAILER HOME - NIGHT',
      'Scene 2A: INT. HARDWARE STORE - DAY',
      "Scene 3: EXT. BRICK'S POOL - DAY (omitted)",
    ]);

    await o.getByRole('link', { name: 'Revisions' }).click();
    const list = o.getByRole('list', { name: 'Revisions, newest first' });
    await list.getByRole('listitem', { name: 'Revision 3 (pink)' }).waitFor();
    expect(await list.locator(':scope > li').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))).toEqual(['Revision 3 (pink)', 'Revision 2 (blue)', 'Revision 1 (white)']);
    expect(await o.getByRole('list', { name: 'Scenes in Revision 3 (pink)' }).getByRole('listitem').allInnerTexts()).toEqual(["3 EXT. BRICK'S POOL - DAY — omitted"]);
  });

  it('plans a shot and generates two previs takes from the generate panel, watched to the end without a reload', async () => {
    const { scenes } = await call(owner, 'get', `/projects/${projectId}/scenes`);
    const patio = scenes.find((s: { number: string }) => s.number === '1');
    shotId = (await call(owner, 'post', `/projects/${projectId}/scenes/${patio.id}/shots`, { plan: PLAN })).id;

    const o = owner;
    await o.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await o.getByRole('heading', { name: 'No takes yet' }).waitFor();
    // A mark on the window survives everything but a reload.
    await o.evaluate(() => Object.assign(window, { __noReload: true }));
    await o.getByRole('button', { name: 'Generate takes' }).first().click();
    const panel = o.getByRole('form', { name: 'Generate' });
    const model = panel.getByLabel('Model');
    const previs = await model.evaluate((s: HTMLSelectElement) => [...s.options].find((x) => x.value.startsWith('previs/') && !x.disabled)?.value);
    await model.selectOption(previs!);
    await panel.getByLabel('Takes').fill('2');
    await panel.getByText('The exact request').waitFor();
    const generate = panel.getByRole('button', { name: 'Generate 2 takes' });
    await expect.poll(() => generate.isEnabled()).toBe(true);
    await generate.click();
    const grid = o.getByRole('list', { name: 'Takes' });
    for (const code of ['TK001', 'TK002']) await grid.getByRole('listitem', { name: code, exact: true }).getByText('succeeded', { exact: true }).waitFor({ timeout: 150_000 });
    expect(await o.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    for (const t of await waitForRenders(server, o, projectId, shotId, 2)) takes[t.code] = t.id;
    const tk001 = await call(o, 'get', `/projects/${projectId}/takes/${takes.TK001}`);
    expect([tk001.media.width, tk001.media.height]).toEqual([1920, 1080]);
  }, 200_000);

  it('lets a director review by mouse: a rejection asks the reason the project requires, and the take is approved', async () => {
    // The owner asks for a reason on every rejection, on the project's settings.
    await owner.goto(`${server.url}/projects/${projectId}/settings`);
    const form = owner.getByRole('form', { name: 'Review settings' });
    await form.getByRole('checkbox', { name: 'Reject' }).check();
    await form.getByRole('button', { name: 'Save review settings' }).click();
    await form.getByText('Review settings saved.').waitFor();

    const invited = await call(owner, 'post', `/projects/${projectId}/invitations`, { email: DIRECTOR.email, role: 'director' });
    director = await memberPage(browser, 20_000);
    await call(director, 'post', '/invitations/accept', { token: invitationToken(invited.url), name: DIRECTOR.name, password: DIRECTOR.password });

    const d = director;
    await d.goto(`${server.url}/projects/${projectId}/takes/${takes.TK002}`);
    const bar = d.getByRole('toolbar', { name: 'Decision' });
    await bar.getByRole('button', { name: 'Reject', exact: true }).click();
    const ask = d.getByRole('dialog', { name: 'Reject: TK002' });
    await ask.getByRole('textbox').fill('Steel is cut off at the right edge');
    await ask.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect.poll(() => pageBadge(d)).toContain('rejected');
    const history = d.getByRole('list', { name: 'Decisions on this take' });
    await expect.poll(() => history.innerText()).toContain('Steel is cut off at the right edge');

    await d.goto(`${server.url}/projects/${projectId}/takes/${takes.TK001}`);
    await bar.getByRole('button', { name: 'Select', exact: true }).click();
    await expect.poll(() => pageBadge(d)).toContain('selected');
    await bar.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => pageBadge(d)).toContain('approved');
    expect((await call(d, 'get', `/projects/${projectId}/takes/${takes.TK001}`)).review).toBe('approved');
  });

  it('lets an invited viewer in, in a browser of their own, landing on the approved take', async () => {
    const invited = await call(owner, 'post', `/projects/${projectId}/invitations`, { email: VIEWER.email, role: 'viewer' });
    viewer = await memberPage(browser, 20_000);
    await viewer.goto(invited.url);
    await viewer.getByText('You are invited to join').waitFor();
    await viewer.getByLabel('Your name').fill(VIEWER.name);
    await viewer.getByLabel('Password').fill(VIEWER.password);
    await viewer.getByRole('button', { name: 'Create account and join' }).click();
    const grid = viewer.getByRole('list', { name: 'Takes' });
    const approved = grid.getByRole('listitem', { name: 'SC001_SH010 TK001', exact: true });
    await approved.waitFor();
    expect(await grid.getByRole('listitem').count()).toBe(1);
    expect(await approved.locator('[data-slot="state"]').textContent()).toContain('approved');
    expect(await viewer.getByRole('alert').count()).toBe(0);
  });

  it('shows the viewer a note the director drew on the 1080p take, drawing and all, in the take’s own frame', async () => {
    const d = director;
    await d.goto(`${server.url}/projects/${projectId}/takes/${takes.TK001}?frame=12`);
    await d.locator('figure.player-review[data-frame="12"]').waitFor();
    const composer = d.getByRole('region', { name: 'Notes' }).getByRole('form', { name: 'New note' });
    await composer.getByRole('checkbox', { name: 'Client-visible' }).check();
    await composer.getByRole('button', { name: 'Draw on the frame' }).click();
    const tools = composer.getByRole('toolbar', { name: 'Drawing' });
    await tools.getByRole('button', { name: 'Box' }).click();
    await dragOnPicture(d, [0.25, 0.25], [0.75, 0.5]);
    await tools.getByText('1 shape').waitFor();
    await composer.getByRole('combobox', { name: 'Note' }).fill('Hold the raised beers a beat longer here.');
    const pinned = (await composer.getByLabel('Pinned at').innerText()).trim();
    await composer.getByRole('button', { name: 'Add note' }).click();
    await d.getByRole('list', { name: 'Note threads' }).getByText('Hold the raised beers').waitFor();
    const [note] = (await call(d, 'get', `/projects/${projectId}/takes/${takes.TK001}/notes`)).notes;
    expect(note.visibility).toBe('client');
    expect(note.frame).toBe(12);
    expect([note.drawing.width, note.drawing.height]).toEqual([1920, 1080]);
    // A quarter of 1920 in, half of it wide, within 1%.
    expect(Math.abs(note.drawing.shapes[0].x - 480)).toBeLessThanOrEqual(19.2);
    expect(Math.abs(note.drawing.shapes[0].w - 960)).toBeLessThanOrEqual(19.2);

    const v = viewer;
    await v.goto(`${server.url}/projects/${projectId}/takes/${takes.TK001}`);
    const thread = v.getByRole('list', { name: 'Note threads' }).getByRole('listitem', { name: `Note by ${DIRECTOR.name}` });
    await thread.getByText('Hold the raised beers a beat longer here.').waitFor();
    await thread.getByRole('button', { name: `Go to ${pinned}` }).click();
    await expect.poll(() => v.locator('svg.drawing-overlay').getAttribute('data-drawings')).toBe('1');
    expect(await v.locator('svg.drawing-overlay g.drawing-note rect').count()).toBe(1);
  });

  it("lists the viewer's mention on the director's open home, without a reload", async () => {
    const d = director;
    const listening = d.waitForRequest((r) => r.url().endsWith(`/api/v1/projects/${projectId}/events`));
    await d.goto(`${server.url}/home`);
    await d.getByRole('heading', { name: 'Home' }).waitFor();
    await listening;
    let navigations = 0;
    d.on('framenavigated', (f) => void (f === d.mainFrame() && navigations++));

    // The viewer answers on the take's page, naming the director.
    const composer = viewer.getByRole('region', { name: 'Notes' }).getByRole('form', { name: 'New note' });
    // The viewer picks the director from the names the field lists (names only: a viewer is not told roles or emails).
    const field = composer.getByRole('combobox', { name: 'Note' });
    await field.click();
    await viewer.keyboard.type('@Da');
    const list = viewer.getByRole('listbox', { name: 'Members' });
    await expect.poll(async () => (await list.getByRole('option').allInnerTexts()).map((t) => t.trim())).toEqual(['Dana Director']);
    await list.getByRole('option', { name: 'Dana Director' }).click();
    await expect.poll(() => field.inputValue()).toBe('@"Dana Director" ');
    await viewer.keyboard.type('yes please, and keep the sun flare.');
    await composer.getByRole('button', { name: 'Add note' }).click();
    await viewer.getByRole('list', { name: 'Note threads' }).getByText('keep the sun flare').waitFor();

    const mention = d.getByRole('list', { name: 'What needs you' }).getByRole('listitem', { name: `Unread: ${VIEWER.name} mentioned you on SC001_SH010 TK001` });
    await mention.waitFor({ timeout: 10_000 });
    expect(await mention.innerText()).toContain('yes please, and keep the sun flare.');
    expect(navigations).toBe(0);
    await d.screenshot({ path: join(tmpdir(), 'backlot-team-loop-home.png') });
  });
});

/**
 * Review in a real browser against a real server, on a tiny project (320×180, 24 fps, 24-frame
 * plans) with four previs takes of one shot: a director triages the grid with the keyboard (picks
 * three, M; then S and A on one) and the badges and the shot follow; a note with a drawing at a
 * frame written by the director is seen, drawing and all at that frame, by the owner in another
 * browser context; two takes compared play in sync (both videos within a frame of each other after
 * play and after pause) and wipe; a viewer sees only the approved take, none of its prompt,
 * request, seed or cost, and only the client-visible note, and neither page asks for anything a
 * viewer is refused; approving a take whose reference lost its clearance is refused naming it,
 * and only the owner may approve it anyway, with a reason.
 * Assertions are what a member sees.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Request, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const DIRECTOR = { name: 'Dana Director', email: 'dana@example.com', password: 'frame by frame 24' };
const VIEWER = { name: 'Cleo Client', email: 'cleo@example.com', password: 'only the approved one' };
const SHOTS = '/tmp/backlot-review';
const PLAN = {
  job: 'Mara reaches the counter',
  subjectAction: 'Mara walks to the counter and sets down the thermos',
  camera: { size: 'MS', movement: 'push-in' },
  reviewCriteria: ['Mara stays in frame', 'The thermos reads'],
  targetFrames: 24,
};
const FRAME = 1 / 24;

let server: RunningServer;
let browser: Browser;
let owner: Page;
let director: Page;
let viewer: Page;
let projectId = '';
let shotId = '';
/** Take ids by code. */
const takes: Record<string, string> = {};
let sceneId = '';

/** Waits until every take of a shot has rendered. */
async function rendered(p: Page, shot: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { takes: list } = await call(p, 'get', `/projects/${projectId}/shots/${shot}/takes`);
    if (list.length && list.every((t: { status: string }) => t.status === 'succeeded')) return list as { id: string; code: string }[];
    if (list.some((t: { status: string }) => ['failed', 'canceled'].includes(t.status))) throw new Error(`a take did not render: ${JSON.stringify(list.map((t: { error: unknown }) => t.error))}`);
    if (Date.now() > deadline) throw new Error('the previs takes did not render in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function call(p: Page, method: 'get' | 'post' | 'put', path: string, data?: unknown) {
  const res = await p.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}
const post = (p: Page, path: string, data: unknown) => call(p, 'post', path, data);

/** Signs a new member in through an invitation, in a browser context of their own. */
async function invite(who: typeof DIRECTOR, role: string): Promise<Page> {
  const invited = await post(owner, `/projects/${projectId}/invitations`, { email: who.email, role });
  const token = new URLSearchParams(new URL(invited.url).hash.slice(1)).get('token');
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(15_000);
  await post(page, '/invitations/accept', { token, name: who.name, password: who.password });
  return page;
}

/**
 * Watches what a page asks the server for: requests still waiting for an answer (the live event
 * stream, which never ends, aside) and those answered 403.
 */
function watchRequests(p: Page) {
  const waiting = new Set<Request>();
  const refused: string[] = [];
  let count = 0;
  const ours = (r: Request) => r.url().startsWith(server.url) && !r.url().endsWith('/events');
  const onRequest = (r: Request) => {
    if (!ours(r)) return;
    count += 1;
    waiting.add(r);
  };
  const onDone = (r: Request) => void waiting.delete(r);
  const onResponse = (r: Response) => {
    if (ours(r.request()) && r.status() === 403) refused.push(`${r.request().method()} ${r.url().slice(server.url.length)}`);
  };
  p.on('request', onRequest);
  p.on('requestfinished', onDone);
  p.on('requestfailed', onDone);
  p.on('response', onResponse);
  return {
    refused,
    count: () => count,
    pending: () => [...waiting].map((r) => r.url().slice(server.url.length)),
    stop() {
      p.off('request', onRequest);
      p.off('requestfinished', onDone);
      p.off('requestfailed', onDone);
      p.off('response', onResponse);
    },
  };
}

const grid = (p: Page) => p.getByRole('list', { name: 'Takes' });
const card = (p: Page, code: string) => grid(p).getByRole('listitem', { name: code, exact: true });
/** The review state a card's badge names (textContent: cards off screen skip layout, so have no innerText). */
const badge = async (p: Page, code: string) => (await card(p, code).locator('.review').textContent()) ?? '';

describe('review in the web UI', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    owner = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    owner.setDefaultTimeout(15_000);
    await post(owner, '/setup', OWNER);
    const created = await post(owner, '/projects', { name: 'Night Run', code: 'NIGHT', frameRate: '24/1', resolution: { width: 320, height: 180 } });
    projectId = created.project.id;
    const scene = await post(owner, `/projects/${projectId}/scenes`, { heading: 'INT. DINER - NIGHT', characters: ['MARA'] });
    sceneId = scene.id;
    shotId = (await post(owner, `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: PLAN })).id;
    director = await invite(DIRECTOR, 'director');
    viewer = await invite(VIEWER, 'viewer');

    const made = await post(director, `/projects/${projectId}/shots/${shotId}/takes`, { provider: 'previs', model: 'previs-animatic', count: 4 });
    for (const t of made.takes) takes[t.code] = t.id;
    await rendered(director, shotId);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('triages a grid of takes with the keyboard: three picked to maybe, then one selected and approved', async () => {
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await card(p, 'TK001').waitFor();
    for (const code of ['TK001', 'TK002', 'TK003', 'TK004']) expect(await badge(p, code)).toContain('unreviewed');

    // Newest first: → focuses TK004, shift+→ twice picks TK003 and TK002 with it.
    await p.locator('body').press('ArrowRight');
    await p.keyboard.press('Shift+ArrowRight');
    await p.keyboard.press('Shift+ArrowRight');
    expect(await p.getByLabel('Triage').innerText()).toContain('3 picked');
    await p.keyboard.press('m');
    for (const code of ['TK004', 'TK003', 'TK002']) await expect.poll(() => badge(p, code)).toContain('maybe');
    expect(await badge(p, 'TK001')).toContain('unreviewed');

    // A plain arrow ends the pick: TK003 alone is selected, then approved.
    await p.keyboard.press('ArrowLeft');
    expect(await p.getByLabel('Triage').innerText()).toMatch(/Focused:\s*TK003/);
    await p.keyboard.press('s');
    await expect.poll(() => badge(p, 'TK003')).toContain('selected');
    await p.keyboard.press('a');
    await expect.poll(() => badge(p, 'TK003')).toContain('approved');
    expect(await badge(p, 'TK003')).toContain('✓');
    expect(await badge(p, 'TK004')).toContain('maybe');
    // The shot follows its approved take, and the best take says why.
    await expect.poll(() => p.locator('.page-sub').innerText()).toMatch(/approved/i);
    await expect.poll(() => p.getByLabel('Best take so far').innerText()).toContain('TK003');
    expect((await call(p, 'get', `/projects/${projectId}/shots/${shotId}`)).status).toBe('approved');

    // The focused take's criteria sit beside the grid: one passes, the rating is 4.
    const criteria = p.getByRole('group', { name: 'Criteria of TK003' });
    await criteria.getByRole('radiogroup', { name: 'Mara stays in frame' }).getByRole('radio', { name: /pass/ }).click();
    await criteria.getByRole('radio', { name: '4 of 5' }).click();
    await expect.poll(() => criteria.getByRole('radio', { name: '4 of 5' }).getAttribute('aria-checked')).toBe('true');
    const saved = await call(p, 'get', `/projects/${projectId}/takes/${takes.TK003}`);
    expect(saved.criteria).toContainEqual({ criterion: 'Mara stays in frame', result: 'pass' });
    expect(saved.rating).toBe(4);
    await p.screenshot({ path: `${SHOTS}-triage.png` });
  });

  it("shows a director's note drawn at a frame to a second member, drawing and all at that frame", async () => {
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK003}?frame=12`);
    const notes = p.getByRole('region', { name: 'Notes' });
    await notes.waitFor();
    const composer = notes.getByRole('form', { name: 'New note' });
    await composer.getByRole('button', { name: 'Draw on the frame' }).click();
    await composer.getByRole('toolbar', { name: 'Drawing' }).getByRole('button', { name: 'Box' }).click();
    // A box around the subject, dragged on the picture.
    const overlay = p.locator('svg.drawing-overlay');
    const box = (await overlay.boundingBox())!;
    await p.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await p.mouse.down();
    await p.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
    await p.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.7, { steps: 4 });
    await p.mouse.up();
    await composer.getByRole('toolbar', { name: 'Drawing' }).getByText('1 shape').waitFor();
    await composer.getByRole('combobox', { name: 'Note' }).fill('The thermos leaves frame here; keep it on the counter. @Pat');
    const pinned = await composer.getByLabel('Pinned at').innerText();
    await composer.getByRole('button', { name: 'Add note' }).click();
    await notes.getByRole('list', { name: 'Note threads' }).getByText('The thermos leaves frame here').waitFor();
    const [note] = (await call(p, 'get', `/projects/${projectId}/takes/${takes.TK003}/notes`)).notes;
    expect(note.frame).toBe(12);
    expect(note.drawing.width).toBe(320);
    expect(note.drawing.shapes).toHaveLength(1);
    expect(note.mentions.map((m: { name: string }) => m.name)).toEqual([OWNER.name]);

    // The owner, in another browser, finds the note, seeks to it and sees the drawing there.
    const o = owner;
    await o.goto(`${server.url}/projects/${projectId}/takes/${takes.TK003}`);
    const thread = o.getByRole('list', { name: 'Note threads' }).getByRole('listitem', { name: `Note by ${DIRECTOR.name}` });
    await thread.waitFor();
    expect(await thread.innerText()).toContain('The thermos leaves frame here');
    await thread.getByRole('button', { name: `Go to ${pinned.trim()}` }).click();
    const seen = o.locator('svg.drawing-overlay');
    await expect.poll(() => seen.getAttribute('data-drawings')).toBe('1');
    const rect = seen.locator('g.drawing-note rect');
    // The count above is set as the drawing is handed to the overlay; its shape is drawn the frame after.
    await expect.poll(() => rect.count()).toBe(1);
    // Drawn in the frame's own pixels: a box from about (96, 54) to (192, 126) in 320×180.
    const shape = note.drawing.shapes[0];
    expect(shape.type).toBe('box');
    expect(shape.x).toBeGreaterThan(80);
    expect(shape.x).toBeLessThan(112);
    expect(shape.w).toBeGreaterThan(80);
    await o.screenshot({ path: `${SHOTS}-note.png` });
  });

  it('mentions members picked by keyboard: @ lists them, arrows move, Enter and Tab pick, Esc closes the list, Ctrl+Enter sends', async () => {
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK002}`);
    const composer = p.getByRole('region', { name: 'Notes' }).getByRole('form', { name: 'New note' });
    const field = composer.getByRole('combobox', { name: 'Note' });
    const list = composer.getByRole('listbox', { name: 'Members' });
    /** The member the list's focus is on, as a screen reader hears it (the field's active descendant). */
    const focused = async () => {
      const id = await field.getAttribute('aria-activedescendant');
      // Read at once: for a moment after the list narrows, react-aria still names an option just removed.
      return id ? p.evaluate((at) => document.getElementById(at)?.firstChild?.textContent?.trim() ?? null, id) : null;
    };
    await field.click();
    await p.keyboard.type('Over to @');
    await list.waitFor();
    expect(await field.getAttribute('aria-expanded')).toBe('true');
    expect((await list.getByRole('option').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['Pat Producer owner', 'Dana Director director', 'Cleo Client viewer']);
    // Typing narrows the list; Enter picks the member the list's focus is on.
    await p.keyboard.type('d');
    await expect.poll(() => list.getByRole('option').allInnerTexts()).toHaveLength(1);
    await expect.poll(focused).toBe('Dana Director');
    await p.keyboard.press('Enter');
    await expect.poll(() => field.inputValue()).toBe('Over to @"Dana Director" ');
    expect(await list.count()).toBe(0);
    expect(await field.getAttribute('aria-expanded')).toBe('false');

    // Arrows move through the list, Tab picks.
    await p.keyboard.type('and @');
    await expect.poll(focused).toBe('Pat Producer');
    await p.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe('Dana Director');
    await p.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe('Cleo Client');
    await p.keyboard.press('ArrowUp');
    await expect.poll(focused).toBe('Dana Director');
    await p.keyboard.press('ArrowUp');
    await expect.poll(focused).toBe('Pat Producer');
    await p.keyboard.press('Tab');
    await expect.poll(() => field.inputValue()).toBe('Over to @"Dana Director" and @"Pat Producer" ');
    // Tab picked rather than leaving the field.
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);

    // Esc closes the list and leaves the text as typed; Enter then writes a new line, as in any text.
    await p.keyboard.type('cc @cl');
    await list.waitFor();
    await p.keyboard.press('Escape');
    await expect.poll(() => list.count()).toBe(0);
    expect(await field.inputValue()).toBe('Over to @"Dana Director" and @"Pat Producer" cc @cl');
    expect(p.url()).toContain(`/takes/${takes.TK002}`);
    await p.keyboard.press('Enter');
    await p.keyboard.type('thanks');
    expect(await field.inputValue()).toBe('Over to @"Dana Director" and @"Pat Producer" cc @cl\nthanks');
    // A click picks too.
    await p.keyboard.type(' @');
    await list.getByRole('option', { name: /Cleo Client/ }).click();
    await expect.poll(() => field.inputValue()).toBe('Over to @"Dana Director" and @"Pat Producer" cc @cl\nthanks @"Cleo Client" ');

    // Ctrl+Enter sends; the mentions are stored with the note, each member once.
    await p.keyboard.press('Control+Enter');
    await p.getByRole('list', { name: 'Note threads' }).getByText('Over to').waitFor();
    const { notes } = await call(p, 'get', `/projects/${projectId}/takes/${takes.TK002}/notes`);
    expect(notes).toHaveLength(1);
    expect(notes[0].mentions.map((m: { name: string }) => m.name)).toEqual([DIRECTOR.name, OWNER.name, VIEWER.name]);
  });

  it('regenerates from a note: the plan beside the note, then a take linked to its parent and to the note', async () => {
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK003}`);
    const thread = p.getByRole('list', { name: 'Note threads' }).getByRole('listitem', { name: `Note by ${DIRECTOR.name}` });
    await thread.getByRole('button', { name: 'Regenerate from this note' }).click();
    // The plan editor opens with the note beside it.
    const beside = p.getByRole('region', { name: 'The note being answered' });
    await beside.getByText('The thermos leaves frame here').waitFor();
    await beside.getByRole('link', { name: 'Generate from this note' }).click();
    const panel = p.getByRole('region', { name: /Regenerate TK003/ });
    await panel.getByLabel('The note this answers').getByText('The thermos leaves frame here').waitFor();
    await panel.getByRole('button', { name: /^Generate/ }).click();
    await card(p, 'TK005').waitFor();
    const [note] = (await call(p, 'get', `/projects/${projectId}/takes/${takes.TK003}/notes`)).notes;
    const made = (await call(p, 'get', `/projects/${projectId}/shots/${shotId}/takes`)).takes.find((t: { code: string }) => t.code === 'TK005');
    expect(made).toMatchObject({ parentTakeId: takes.TK003, sourceNoteId: note.id });
    expect(note.ledTo.map((t: { code: string }) => t.code)).toEqual(['TK005']);
    await rendered(p, shotId);
  }, 120_000);

  it('compares two takes playing in sync, and wipes between them', async () => {
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await card(p, 'TK004').waitFor();
    await p.locator('body').press('ArrowRight');
    await p.keyboard.press('Shift+ArrowRight');
    expect(await p.getByLabel('Triage').innerText()).toContain('2 picked');
    await p.keyboard.press('c');
    await p.waitForURL(/\/compare\?ids=/);
    const videos = p.locator('video.compare-video');
    await expect.poll(() => videos.count()).toBe(2);
    await expect.poll(() => videos.evaluateAll((vs: HTMLVideoElement[]) => vs.every((v) => v.readyState >= 2))).toBe(true);
    await p.getByRole('table', { name: 'Differences' }).waitFor();
    expect(await p.getByRole('table', { name: 'Differences' }).innerText()).toMatch(/seed/i);

    const times = () => videos.evaluateAll((vs: HTMLVideoElement[]) => vs.map((v) => ({ t: v.currentTime, paused: v.paused })));
    await p.getByRole('button', { name: 'Play all' }).click();
    await expect.poll(async () => (await times()).every((v) => !v.paused && v.t > 0.1)).toBe(true);
    const playing = await times();
    expect(Math.abs(playing[0].t - playing[1].t)).toBeLessThan(FRAME);
    await p.getByRole('button', { name: 'Pause all' }).click();
    await expect.poll(async () => (await times()).every((v) => v.paused)).toBe(true);
    await expect
      .poll(async () => {
        const [a, b] = await times();
        return Math.abs(a.t - b.t);
      })
      .toBeLessThan(FRAME);
    // A frame step moves both.
    const before = (await times())[0].t;
    await p.keyboard.press('ArrowLeft');
    await expect
      .poll(async () => {
        const [a, b] = await times();
        return Math.abs(a.t - b.t) < FRAME && Math.abs(before - a.t - FRAME) < FRAME / 2;
      })
      .toBe(true);

    await p.keyboard.press('w');
    await p.waitForURL(/layout=wipe/);
    const divider = p.getByRole('slider', { name: 'Wipe divider' });
    const area = (await p.locator('.wipe').boundingBox())!;
    const handle = (await divider.boundingBox())!;
    await p.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await p.mouse.down();
    await p.mouse.move(area.x + area.width * 0.25, handle.y + handle.height / 2, { steps: 5 });
    await p.mouse.up();
    const at = Number(await divider.getAttribute('aria-valuenow'));
    expect(at).toBeGreaterThan(20);
    expect(at).toBeLessThan(30);
    expect(await p.locator('.wipe-top').evaluate((el) => getComputedStyle(el).clipPath)).toMatch(/inset\(0(px)? 7\d/);
    await p.screenshot({ path: `${SHOTS}-compare.png` });
  });

  it('shows a viewer only the approved take, without prompt, request, seed or cost, and only client-visible notes; nothing the pages ask for is refused', async () => {
    await post(director, `/projects/${projectId}/takes/${takes.TK003}/notes`, { body: 'For the client: this is the one.', frame: 4, visibility: 'client' });
    const v = viewer;
    const asked = watchRequests(v);
    await v.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await card(v, 'TK003').waitFor();
    expect(await grid(v).getByRole('listitem').count()).toBe(1);
    expect(await badge(v, 'TK003')).toContain('approved');
    const gridText = await v.locator('main').innerText();
    expect(gridText).not.toMatch(/USD|Seed|prompt|request/i);

    await v.goto(`${server.url}/projects/${projectId}/takes/${takes.TK003}`);
    const threads = v.getByRole('list', { name: 'Note threads' });
    await threads.getByText('For the client: this is the one.').waitFor();
    expect(await threads.getByRole('listitem').count()).toBe(1);
    expect(await threads.innerText()).not.toContain('The thermos leaves frame here');
    const page = await v.locator('main').innerText();
    expect(page).not.toMatch(/\bSeed\b|The exact request|\bPrompt\b|Estimated|USD/);
    expect(await v.getByLabel('Cost').count()).toBe(0);
    // Viewers write client-visible notes only.
    expect(await v.getByRole('form', { name: 'New note' }).getByRole('checkbox', { name: 'Client-visible' }).isDisabled()).toBe(true);
    await v.screenshot({ path: `${SHOTS}-viewer.png` });
    // Every request the grid and the take page made has answered (the live event stream stays open), and none was refused.
    await expect.poll(() => asked.pending(), { timeout: 15_000 }).toEqual([]);
    asked.stop();
    expect(asked.refused).toEqual([]);
    expect(asked.count()).toBeGreaterThan(5);
  });

  it('refuses to approve a take whose reference lost its clearance, naming it; the owner approves it anyway with a reason', async () => {
    // A diner location, cleared and locked, on a second shot's plan; its take renders; then legal pulls the clearance.
    const media = mkdtempSync(join(tmpdir(), 'backlot-review-'));
    try {
      execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x180', '-frames:v', '1', 'diner.png'], { cwd: media });
      const diner = await post(owner, `/projects/${projectId}/assets`, { kind: 'location', name: 'Silver Spoon Diner' });
      const uploaded = await owner.request.post(`${server.url}/api/v1/projects/${projectId}/assets/${diner.id}/versions`, {
        headers: { origin: server.url },
        multipart: { main: { name: 'diner.png', mimeType: 'image/png', buffer: readFileSync(join(media, 'diner.png')) } },
      });
      expect(uploaded.status()).toBe(201);
      await post(owner, `/projects/${projectId}/assets/${diner.id}/lock`, { version: 1 });
      await post(owner, `/projects/${projectId}/assets/${diner.id}/clearance`, { clearance: 'cleared', reason: 'Location release signed' });
      const second = await post(owner, `/projects/${projectId}/scenes/${sceneId}/shots`, { plan: { ...PLAN, job: 'Mara looks up' } });
      await call(owner, 'put', `/projects/${projectId}/shots/${second.id}/references`, { references: [{ assetId: diner.id, version: 1, role: 'location' }], baseVersion: second.planVersion });
      await post(director, `/projects/${projectId}/shots/${second.id}/takes`, { provider: 'previs', model: 'previs-animatic', count: 1 });
      await rendered(director, second.id);
      await post(owner, `/projects/${projectId}/assets/${diner.id}/clearance`, { clearance: 'uncleared', reason: 'The release was withdrawn' });

      const p = director;
      await p.goto(`${server.url}/projects/${projectId}/shots/${second.id}/takes`);
      await card(p, 'TK001').waitFor();
      await p.locator('body').press('ArrowRight');
      await p.keyboard.press('s');
      await expect.poll(() => badge(p, 'TK001')).toContain('selected');
      await p.keyboard.press('a');
      const refused = p.getByRole('dialog', { name: 'TK001 not approved' });
      await refused.waitFor();
      expect(await refused.getByRole('alert').innerText()).toContain('Silver Spoon Diner');
      // A director may not override; the dialog says who may.
      expect(await refused.getByRole('button', { name: 'Approve anyway' }).count()).toBe(0);
      expect(await refused.innerText()).toMatch(/owner or a producer/);
      await refused.getByRole('button', { name: 'Keep it unapproved' }).click();
      expect(await badge(p, 'TK001')).toContain('selected');

      const o = owner;
      await o.goto(`${server.url}/projects/${projectId}/shots/${second.id}/takes`);
      await card(o, 'TK001').waitFor();
      await o.locator('body').press('ArrowRight');
      await o.keyboard.press('a');
      const asked = o.getByRole('dialog', { name: 'TK001 not approved' });
      await asked.waitFor();
      const anyway = asked.getByRole('button', { name: 'Approve anyway' });
      expect(await anyway.isDisabled()).toBe(true);
      await asked.getByRole('textbox').fill('Renewal of the release is signed; paperwork follows');
      await anyway.click();
      await expect.poll(() => badge(o, 'TK001')).toContain('approved');
      const history = await call(o, 'get', `/projects/${projectId}/takes/${(await rendered(o, second.id))[0].id}/review`);
      expect(history.events.find((e: { override: boolean }) => e.override)).toMatchObject({ to: 'approved', override: true, reason: 'Renewal of the release is signed; paperwork follows' });
      await o.screenshot({ path: `${SHOTS}-override.png` });
    } finally {
      rmSync(media, { recursive: true, force: true });
    }
  });
});

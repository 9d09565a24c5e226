/**
 * Drawn notes at any size, in a real browser against a real server, on a 1920×1080 project at 24
 * fps whose takes are clips that name their own frames (a barcode): a box drawn on a 1080p take,
 * played through its 1280×720 proxy, and on a 9:16 take (pillarboxed in the player), is accepted and
 * lands in the take's own frame coordinates where it was drawn; clicking Pen again puts the pen down
 * (a drag on the picture then neither draws nor starts playback); a drawing shows on the frame it was
 * drawn on and on no other, the note being written included; and the scene's continuity page, at
 * 00:00:00:00, shows frame 0 of its first take and says "F 0", as the player counts (DESIGN.md §7).
 * Assertions are what a member sees.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBarcodeClip, readBarcode } from './support/barcode-clip.ts';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { dragOnPicture, pictureOnPage as pictureOnPageOf } from './support/drawing.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const WIDE = { width: 1920, height: 1080 };
const TALL = { width: 1080, height: 1920 };

let server: RunningServer;
let browser: Browser;
let page: Page;
let media = '';
let projectId = '';
let sceneId = '';
/** Take ids: the 1080p one and the 9:16 one. */
const takes = { wide: '', tall: '' };

async function call(method: 'get' | 'post', path: string, data?: unknown) {
  const res = await page.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

/** Imports a clip of `size` that names its frames as an external take of a new shot. */
async function importClip(name: string, size: { width: number; height: number }, aspect: string): Promise<string> {
  const file = join(media, `${name}.mp4`);
  makeBarcodeClip(file, { rate: '24/1', frames: 24, ...size });
  const shot = await call('post', `/projects/${projectId}/scenes/${sceneId}/shots`, { plan: { job: `Hold on ${name}`, aspect, targetFrames: 24 } });
  const res = await page.request.post(`${server.url}/api/v1/projects/${projectId}/shots/${shot.id}/takes/external`, {
    headers: { origin: server.url },
    multipart: { file: { name: `${name}.mp4`, mimeType: 'video/mp4', buffer: readFileSync(file) }, provider: 'Test bench', model: 'barcode', cost: '0' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

const player = () => page.locator('figure.player-review');
const composer = () => page.getByRole('region', { name: 'Notes' }).getByRole('form', { name: 'New note' });
const tools = () => composer().getByRole('toolbar', { name: 'Drawing' });

/** Opens a take's page at a frame and waits until the player has painted it. */
async function openTake(takeId: string, frame: number) {
  await page.goto(`${server.url}/projects/${projectId}/takes/${takeId}?frame=${frame}`);
  await page.locator(`figure.player-review[data-frame="${frame}"]`).waitFor();
}

/** Where the picture is on this page. */
const pictureOnPage = () => pictureOnPageOf(page);
const drag = (from: [number, number], to: [number, number]) => dragOnPicture(page, from, to);

/** Draws a box on the picture and sends it as a note; returns the note as the server keeps it. */
async function drawBoxNote(takeId: string, text: string) {
  await composer().getByRole('button', { name: 'Draw on the frame' }).click();
  await tools().getByRole('button', { name: 'Box' }).click();
  // From a quarter across and a quarter down to three quarters across and half way down.
  await drag([0.25, 0.25], [0.75, 0.5]);
  await tools().getByText('1 shape').waitFor();
  await composer().getByRole('combobox', { name: 'Note' }).fill(text);
  await composer().getByRole('button', { name: 'Add note' }).click();
  await page.getByRole('list', { name: 'Note threads' }).getByText(text).waitFor();
  expect(await composer().getByRole('alert').count()).toBe(0);
  const { notes } = await call('get', `/projects/${projectId}/takes/${takeId}/notes`);
  return notes.find((n: { body: string }) => n.body === text);
}

/** Within 1% of the frame's width of what was drawn. */
function near(actual: number, expected: number, frameWidth: number) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(frameWidth / 100);
}

describe('drawn notes at any size', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    media = mkdtempSync(join(tmpdir(), 'backlot-drawn-'));
    server = await startServer();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    await call('post', '/setup', OWNER);
    projectId = (await call('post', '/projects', { name: 'Big Night', code: 'BIG', frameRate: '24/1', resolution: WIDE })).project.id;
    sceneId = (await call('post', `/projects/${projectId}/scenes`, { heading: 'INT. STAIRWELL - NIGHT' })).id;
    takes.wide = await importClip('wide', WIDE, '16:9');
    takes.tall = await importClip('tall', TALL, '9:16');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    if (media) rmSync(media, { recursive: true, force: true });
  });

  it('takes a box drawn on a 1080p take played through its 720p proxy, in the take’s 1920×1080 frame where it was drawn', async () => {
    await openTake(takes.wide, 6);
    expect((await pictureOnPage()).video).toEqual({ width: 1280, height: 720 });
    const note = await drawBoxNote(takes.wide, 'Reframe the stair rail');
    expect(note.frame).toBe(6);
    expect([note.drawing.width, note.drawing.height]).toEqual([1920, 1080]);
    const [box] = note.drawing.shapes;
    expect(box.type).toBe('box');
    // A quarter of 1920×1080 in, to three quarters across and half way down.
    near(box.x, 480, 1920);
    near(box.y, 270, 1920);
    near(box.w, 960, 1920);
    near(box.h, 270, 1920);
    // Shown back over the picture where it was drawn: the box's corner a quarter into the picture.
    const drawn = page.locator('svg.drawing-overlay g.drawing-note rect');
    await drawn.waitFor();
    const pic = await pictureOnPage();
    const on = (await drawn.boundingBox())!;
    expect(Math.abs(on.x - (pic.x + pic.width / 4))).toBeLessThan(8);
    expect(Math.abs(on.y - (pic.y + pic.height / 4))).toBeLessThan(8);
  });

  it('takes a box drawn on a 9:16 take, pillarboxed in the player, in the take’s 1080×1920 frame where it was drawn', async () => {
    await openTake(takes.tall, 3);
    const pic = await pictureOnPage();
    // The picture is narrower than the player: bars left and right.
    expect(pic.width).toBeLessThan(pic.height);
    const note = await drawBoxNote(takes.tall, 'Her hand leaves the frame');
    expect(note.frame).toBe(3);
    expect([note.drawing.width, note.drawing.height]).toEqual([1080, 1920]);
    const [box] = note.drawing.shapes;
    // A quarter of 1080×1920 in, to three quarters across and half way down.
    near(box.x, 270, 1080);
    near(box.y, 480, 1080);
    near(box.w, 540, 1080);
    near(box.h, 480, 1080);
  });

  it('puts the pen down when Pen is clicked again: a drag on the picture then neither draws nor plays', async () => {
    await openTake(takes.wide, 10);
    await composer().getByRole('button', { name: 'Draw on the frame' }).click();
    const pen = tools().getByRole('button', { name: 'Pen' });
    await expect.poll(() => pen.getAttribute('aria-pressed')).toBe('true');
    await pen.click();
    await expect.poll(() => pen.getAttribute('aria-pressed')).toBe('false');
    await drag([0.3, 0.3], [0.6, 0.6]);
    // Give a playback that started the time to show: two animation frames and a video frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
    expect(await player().getAttribute('data-state')).toBe('paused');
    expect(await player().getAttribute('data-frame')).toBe('10');
    expect(await page.evaluate(() => document.querySelector('video')!.paused)).toBe(true);
    expect(await tools().getByText(/shape/).count()).toBe(0);
    // A plain click on the picture still plays and pauses.
    await page.locator('video.player-video').click();
    await expect.poll(() => player().getAttribute('data-state')).toBe('playing');
    await page.locator('video.player-video').click();
    await expect.poll(() => player().getAttribute('data-state')).toBe('paused');
  });

  it('shows a drawing on the frame it was drawn on and on no other, the note being written included', async () => {
    await openTake(takes.wide, 6);
    const overlay = page.locator('svg.drawing-overlay');
    await expect.poll(() => overlay.getAttribute('data-drawings')).toBe('1');
    // A stroke of a new note, on frame 6.
    await composer().getByRole('button', { name: 'Draw on the frame' }).click();
    await drag([0.1, 0.8], [0.4, 0.9]);
    await tools().getByText('1 shape').waitFor();
    const draft = overlay.locator('g.drawing-draft > *');
    expect(await draft.count()).toBe(1);
    // One frame later: neither the note's drawing nor the one being written.
    await page.locator('body').press('ArrowRight');
    await page.locator('figure.player-review[data-frame="7"]').waitFor();
    await expect.poll(() => overlay.getAttribute('data-drawings')).toBe('0');
    expect(await draft.count()).toBe(0);
    expect(await overlay.locator('g.drawing-note').count()).toBe(0);
    // Back on frame 6, both again.
    await page.locator('body').press('ArrowLeft');
    await page.locator('figure.player-review[data-frame="6"]').waitFor();
    await expect.poll(() => overlay.getAttribute('data-drawings')).toBe('1');
    expect(await draft.count()).toBe(1);
  });

  it('plays the scene’s continuity from frame 0 of its first take, saying F 0 at 00:00:00:00', async () => {
    await call('post', `/projects/${projectId}/takes/${takes.wide}/review`, { state: 'selected' });
    await page.goto(`${server.url}/projects/${projectId}/scenes/${sceneId}/continuity`);
    const transport = page.getByRole('group', { name: 'Playback' });
    await transport.waitFor();
    expect(await transport.getByLabel('Sequence timecode').innerText()).toBe('00:00:00:00');
    expect(await transport.getByLabel('Frame of the take').innerText()).toBe('F 0');
    // The picture shown is the take's frame 0 (the clip names its frames).
    const video = page.locator('video.continuity-video.is-current');
    await page.waitForFunction(() => (document.querySelector('video.continuity-video.is-current') as HTMLVideoElement | null)?.readyState! >= 2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await readBarcode(await video.screenshot(), WIDE)).toBe(0);
  });
});

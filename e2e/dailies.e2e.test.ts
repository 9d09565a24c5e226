/**
 * Dailies in real browsers against one real server: a producer builds a session from the selects
 * in the web UI and presents it; a director in a browser of their own follows — the three takes of
 * the playlist, a frame, a version switch and a wipe — while adding a timecoded note with a drawing
 * and deciding by key, both kept with the session; a guest on a review link gives a name, sees the
 * takes as a viewer does (no prompt, seed or cost) and leaves a note. Takes are short clips that
 * name their own frames, imported as external takes. Assertions are what each person sees.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBarcodeClip } from './support/barcode-clip.ts';
import { ensureWebBuilt, holdRequests, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';
import { apiCall, invitationToken, memberPage } from './support/team.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const DIRECTOR = { name: 'Dana Director', email: 'dana@example.com', password: 'frame by frame 24' };
const SIZE = { width: 640, height: 360 };

let server: RunningServer;
let browser: Browser;
let presenter: Page;
let attendee: Page;
let media = '';
let projectId = '';
let sessionId = '';
/** The playlist's takes in order ("SH… TK…" as the player names them, and where their proxies are) and the second take of the first shot. */
const takes: { id: string; label: string; proxy: string }[] = [];
let version = { id: '', label: '', proxy: '' };

/** Imports a clip that names its frames as an external take of `shotId`; answers its id, label and proxy's address. */
async function importClip(shotId: string, name: string) {
  const file = join(media, `${name}.mp4`);
  makeBarcodeClip(file, { rate: '24/1', frames: 48, ...SIZE });
  const res = await presenter.request.post(`${server.url}/api/v1/projects/${projectId}/shots/${shotId}/takes/external`, {
    headers: { origin: server.url },
    multipart: { file: { name: `${name}.mp4`, mimeType: 'video/mp4', buffer: readFileSync(file) }, provider: 'Test bench', model: 'barcode', cost: '0' },
  });
  expect(res.status(), await res.text()).toBe(201);
  const take = await res.json();
  return { id: take.id as string, label: `${take.shotCode} ${take.code}`, proxy: new URL(take.media.proxy, server.url).href };
}

/** The picture each page shows: its take and layout (the stage's attributes), and the frame the visible player painted. */
const shownPlayer = (page: Page) => page.locator('.dailies-layer:not(.dailies-layer-ready) figure.player-review');
const showsTake = (page: Page, label: string) => page.locator(`.dailies-stage[data-take="${label}"]`).waitFor();

/** The visible player's picture on the page (the video fitted by object-fit: contain). */
async function pictureOf(page: Page) {
  const { box, video } = await page.locator('.dailies-layer:not(.dailies-layer-ready) video.player-video').evaluate((v: HTMLVideoElement) => {
    const r = v.getBoundingClientRect();
    return { box: { x: r.left, y: r.top, width: r.width, height: r.height }, video: { width: v.videoWidth, height: v.videoHeight } };
  });
  const scale = Math.min(box.width / video.width, box.height / video.height);
  return { x: box.x + (box.width - video.width * scale) / 2, y: box.y + (box.height - video.height * scale) / 2, width: video.width * scale, height: video.height * scale };
}

describe('dailies: a presenter the room follows, decisions and notes in the room, a guest on a link', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    media = mkdtempSync(join(tmpdir(), 'backlot-dailies-'));
    server = await startServer();
    browser = await launchChromium();
    presenter = await memberPage(browser, 20_000);
    await apiCall(server, presenter, 'post', '/setup', OWNER);
    projectId = (await apiCall(server, presenter, 'post', '/projects', { name: 'Night Run', code: 'RUN', frameRate: '24/1', resolution: SIZE })).project.id;
    const sceneId = (await apiCall(server, presenter, 'post', `/projects/${projectId}/scenes`, { heading: 'EXT. BRIDGE - NIGHT' })).id;
    const shots: string[] = [];
    for (const job of ['Runner crosses', 'Car passes', 'Lights go out'])
      shots.push((await apiCall(server, presenter, 'post', `/projects/${projectId}/scenes/${sceneId}/shots`, { plan: { job, aspect: '16:9', targetFrames: 48 } })).id);
    for (const [i, shotId] of shots.entries()) takes.push(await importClip(shotId, `take-${i}`));
    version = await importClip(shots[0], 'take-0-v2');
    // The selects since the last session: the three takes, selected in this order.
    for (const t of takes) await apiCall(server, presenter, 'post', `/projects/${projectId}/takes/${t.id}/review`, { state: 'selected' });
    const invited = await apiCall(server, presenter, 'post', `/projects/${projectId}/invitations`, { email: DIRECTOR.email, role: 'director' });
    attendee = await memberPage(browser, 20_000);
    await apiCall(server, attendee, 'post', '/invitations/accept', { token: invitationToken(invited.url), name: DIRECTOR.name, password: DIRECTOR.password });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    if (media) rmSync(media, { recursive: true, force: true });
  });

  it('builds a session from the selects since the last one, inviting the director, in the web UI', async () => {
    await presenter.goto(`${server.url}/projects/${projectId}/dailies`);
    await presenter.getByText('No dailies yet').waitFor();
    await presenter.getByRole('button', { name: 'New session' }).first().click();
    const dialog = presenter.getByRole('dialog', { name: 'New dailies session' });
    await dialog.getByLabel('Title').fill('Bridge dailies');
    await dialog.getByLabel(DIRECTOR.name).check();
    await dialog.getByRole('button', { name: 'Create session' }).click();
    await presenter.waitForURL(/\/dailies\/[^/]+$/);
    sessionId = presenter.url().split('/').pop()!;
    const playlist = presenter.getByRole('list', { name: 'Playlist' });
    await playlist.getByRole('listitem').nth(2).waitFor();
    const rows = await playlist.getByRole('listitem').allTextContents();
    expect(rows).toHaveLength(3);
    takes.forEach((t, i) => expect(rows[i]).toContain(t.label));
    // Listed with its day, state and counts.
    await presenter.goto(`${server.url}/projects/${projectId}/dailies`);
    const row = presenter.getByRole('row', { name: /Bridge dailies/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([new Date().toISOString().slice(0, 10), 'Bridge dailies', 'open', '3', '2', expect.stringContaining(OWNER.name)]);
  });

  it('the attendee follows the presenter through the three takes, a frame, a version switch and a wipe', async () => {
    await presenter.goto(`${server.url}/projects/${projectId}/dailies/${sessionId}`);
    await showsTake(presenter, takes[0].label);
    await presenter.getByRole('button', { name: 'Present' }).click();
    await presenter.getByText('You are presenting').waitFor();
    await attendee.goto(`${server.url}/projects/${projectId}/dailies/${sessionId}`);
    await attendee.locator(`[data-presenter="${OWNER.name}"]`).waitFor();
    await showsTake(attendee, takes[0].label);
    // Both are in the room.
    for (const page of [presenter, attendee]) for (const name of [OWNER.name, DIRECTOR.name]) await page.getByRole('region', { name: 'Who is here' }).locator(`[data-participant="${name}"]`).waitFor();

    // The attendee's copy of the third take comes slowly: it is still loading when the presenter steps.
    const third = await holdRequests(attendee, takes[2].proxy);
    // Through the playlist by ↓ on the presenter's player.
    for (const t of takes.slice(1)) {
      await presenter.keyboard.press('ArrowDown');
      await showsTake(presenter, t.label);
      await showsTake(attendee, t.label);
    }
    // A frame: the presenter steps to frame 5 of the third take, the attendee's player paints it.
    for (let i = 1; i <= 5; i++) {
      await shownPlayer(presenter)
        .and(presenter.locator(`[data-frame="${i - 1}"]`))
        .waitFor();
      await presenter.keyboard.press('ArrowRight');
    }
    await shownPlayer(presenter).and(presenter.locator('[data-frame="5"]')).waitFor();
    // Told to go to frame 5 while its video loads, the attendee's player paints frame 5 once it has come.
    await attendee.waitForFunction(() => (window as unknown as { __backlotPlayer?: { frame: () => number } }).__backlotPlayer?.frame() === 5);
    expect(
      await shownPlayer(attendee)
        .locator('video')
        .evaluate((v: HTMLVideoElement) => v.readyState),
    ).toBe(0);
    await third.release();
    await shownPlayer(attendee).and(attendee.locator('[data-frame="5"]')).waitFor();

    // Play and stop: the attendee's player plays and stops with the presenter's.
    await presenter.keyboard.press(' ');
    await shownPlayer(attendee).and(attendee.locator('[data-state="playing"]')).waitFor();
    await presenter.keyboard.press('k');
    await shownPlayer(presenter).and(presenter.locator('[data-state="paused"]')).waitFor();
    await shownPlayer(attendee).and(attendee.locator('[data-state="paused"]')).waitFor();

    // Stepping their own player is a private look: the attendee stays on the frame they stepped to
    // while the presenter steps on, and B brings them back to the presenter's frame.
    const at = Number(await shownPlayer(presenter).getAttribute('data-frame'));
    await shownPlayer(attendee)
      .and(attendee.locator(`[data-frame="${at}"]`))
      .waitFor();
    await attendee.keyboard.press('ArrowLeft');
    await attendee.getByText('you are looking privately').waitFor();
    await shownPlayer(attendee)
      .and(attendee.locator(`[data-frame="${at - 1}"]`))
      .waitFor();
    await presenter.keyboard.press('ArrowRight');
    await shownPlayer(presenter)
      .and(presenter.locator(`[data-frame="${at + 1}"]`))
      .waitFor();
    expect(await shownPlayer(attendee).getAttribute('data-frame')).toBe(String(at - 1));
    await attendee.keyboard.press('b');
    await shownPlayer(attendee)
      .and(attendee.locator(`[data-frame="${at + 1}"]`))
      .waitFor();
    expect(await attendee.getByText('you are looking privately').count()).toBe(0);

    // Back to the first take (click in the playlist).
    await presenter.getByRole('list', { name: 'Playlist' }).getByRole('listitem').first().click();
    await showsTake(attendee, takes[0].label);
    // A/B: the third take is kept painted behind the first, and X brings that very player up, no new one loading.
    const ready = presenter.locator('.dailies-layer-ready figure.player-review:not([data-timecode=""])');
    await ready.waitFor({ state: 'attached' });
    await ready.evaluate((el) => el.setAttribute('data-kept', 'yes'));
    await presenter.keyboard.press('x');
    await showsTake(presenter, takes[2].label);
    await shownPlayer(presenter).and(presenter.locator('[data-kept="yes"]')).waitFor();
    await showsTake(attendee, takes[2].label);
    await presenter.keyboard.press('x');
    await showsTake(presenter, takes[0].label);
    await showsTake(attendee, takes[0].label);
    // V shows the first take's other version.
    await presenter.keyboard.press('v');
    await showsTake(presenter, version.label);
    await showsTake(attendee, version.label);

    // C twice: side by side, then a wipe, followed by the attendee.
    await presenter.keyboard.press('c');
    await attendee.locator('.dailies-stage[data-layout="side_by_side"]').waitFor();
    await presenter.keyboard.press('c');
    await attendee.locator('.dailies-stage[data-layout="wipe"]').waitFor();
    await attendee.locator('[data-wipe="50"]').waitFor();
    await attendee.locator('.wipe').waitFor();
    // And back to one take.
    await presenter.keyboard.press('c');
    await attendee.locator('.dailies-stage[data-layout="single"]').waitFor();
  });

  it('the attendee takes a private look, adds a timecoded note with a drawing and decides by key, kept with the session; then snaps back', async () => {
    // A private look at the second take.
    await attendee.getByRole('list', { name: 'Playlist' }).getByRole('listitem').nth(1).click();
    await showsTake(attendee, takes[1].label);
    await attendee.getByText('you are looking privately').waitFor();
    for (let i = 1; i <= 7; i++) {
      await shownPlayer(attendee)
        .and(attendee.locator(`[data-frame="${i - 1}"]`))
        .waitFor();
      await attendee.keyboard.press('ArrowRight');
    }
    await shownPlayer(attendee).and(attendee.locator('[data-frame="7"]')).waitFor();

    const composer = attendee.getByRole('region', { name: 'Notes' }).getByRole('form', { name: 'New note' });
    await composer.getByRole('button', { name: 'Draw on the frame' }).click();
    await composer.getByRole('toolbar', { name: 'Drawing' }).getByRole('button', { name: 'Box' }).click();
    const pic = await pictureOf(attendee);
    await attendee.mouse.move(pic.x + pic.width * 0.25, pic.y + pic.height * 0.25);
    await attendee.mouse.down();
    await attendee.mouse.move(pic.x + pic.width * 0.5, pic.y + pic.height * 0.4, { steps: 4 });
    await attendee.mouse.move(pic.x + pic.width * 0.75, pic.y + pic.height * 0.5, { steps: 4 });
    await attendee.mouse.up();
    await composer.getByRole('toolbar', { name: 'Drawing' }).getByText('1 shape').waitFor();
    await composer.getByRole('combobox', { name: 'Note' }).fill('Runner exits too early');
    await composer.getByRole('button', { name: 'Add note' }).click();
    await attendee.getByRole('list', { name: 'Note threads' }).getByText('Runner exits too early').waitFor();
    const { notes } = await apiCall(server, attendee, 'get', `/projects/${projectId}/takes/${takes[1].id}/notes`);
    const note = notes.find((n: { body: string }) => n.body === 'Runner exits too early');
    expect(note.frame).toBe(7);
    expect(note.drawing.shapes.map((s: { type: string }) => s.type)).toEqual(['box']);

    // M on the player: maybe, by the attendee, in the session (the focus back on the playlist, out of the note).
    await attendee.getByRole('list', { name: 'Playlist' }).getByRole('listitem').nth(1).click();
    await attendee.keyboard.press('m');
    await expect.poll(async () => (await apiCall(server, attendee, 'get', `/projects/${projectId}/takes/${takes[1].id}`)).review, { timeout: 15_000 }).toBe('maybe');

    // The room's log has the note and the decision, on both pages.
    for (const page of [attendee, presenter]) {
      const log = page.getByRole('region', { name: 'Room log' });
      await log.locator('.log-note').first().waitFor();
      await log.locator('.log-decision').first().waitFor();
    }
    const { entries } = await apiCall(server, presenter, 'get', `/projects/${projectId}/dailies/${sessionId}/log`);
    expect(entries.filter((e: { kind: string; takeId: string }) => e.takeId === takes[1].id).map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['note', 'decision']));

    // Snap back: B follows the presenter again, on the first take's other version.
    await attendee.keyboard.press('b');
    await showsTake(attendee, version.label);
    expect(await attendee.getByText('you are looking privately').count()).toBe(0);
  });

  it('a guest on a link sees only what a viewer sees and leaves a note', async () => {
    await presenter.getByRole('button', { name: 'Share with a guest…' }).click();
    const dialog = presenter.getByRole('dialog', { name: 'Share the session with a guest' });
    await dialog.getByLabel('Label').fill('Agency');
    await dialog.getByLabel('Passcode (optional)').fill('bridge-2026');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const shown = presenter.getByRole('dialog', { name: 'Link for Agency' });
    const url = await shown.getByRole('textbox').inputValue();
    expect(url).toContain('/review/');
    await shown.getByRole('button', { name: 'Done' }).click();
    await presenter.getByRole('region', { name: 'Guest review links' }).locator('[data-link="Agency"]').getByText('passcode').waitFor();

    const guest = await memberPage(browser, 20_000);
    await guest.goto(url);
    await guest.getByLabel('Your name').fill('Robin Client');
    await guest.getByLabel('Passcode').fill('wrong-passcode');
    await guest.getByRole('button', { name: 'Open the review' }).click();
    await guest.getByRole('form', { name: 'Join the review' }).getByRole('alert').or(guest.locator('.field-invalid')).first().waitFor();
    await guest.getByLabel('Passcode').fill('bridge-2026');
    await guest.getByRole('button', { name: 'Open the review' }).click();
    await guest.getByText('Robin Client').first().waitFor();
    const playlist = guest.getByRole('list', { name: 'Playlist' });
    await playlist.getByRole('listitem').nth(2).waitFor();
    expect(await playlist.getByRole('listitem').count()).toBe(3);
    // What a viewer sees: no prompt, seed, request or cost, on the page or in what it was sent.
    const text = (await guest.locator('body').innerText()).toLowerCase();
    for (const word of ['prompt', 'seed', 'cost', 'request']) expect(text).not.toContain(word);
    const sent = await (await guest.request.get(`${server.url}/api/v1/guest/dailies`)).json();
    for (const item of sent.items) for (const field of ['prompt', 'seed', 'cost', 'request', 'params']) expect(item.take[field] ?? null).toBeNull();

    await guest.locator(`.dailies-stage[data-take="${takes[0].label}"] figure.player-review[data-frame="0"]`).waitFor();
    const composer = guest.getByRole('region', { name: 'Notes' }).getByRole('form', { name: 'New note' });
    await composer.getByRole('combobox', { name: 'Note' }).fill('Love the bridge light');
    await composer.getByRole('button', { name: 'Add note' }).click();
    await guest.getByRole('list', { name: 'Note threads' }).getByText('Love the bridge light').waitFor();
    // The team sees it under the guest's name, client-visible.
    const { notes } = await apiCall(server, presenter, 'get', `/projects/${projectId}/takes/${takes[0].id}/notes`);
    const note = notes.find((n: { body: string }) => n.body === 'Love the bridge light');
    expect(note.visibility).toBe('client');
    expect(note.author.name).toContain('Robin Client');

    // The guest follows the presenter too, over the link's own stream.
    await guest.locator(`[data-presenter="${OWNER.name}"]`).waitFor();
    await presenter.keyboard.press('ArrowDown');
    await showsTake(presenter, takes[1].label);
    await showsTake(guest, takes[1].label);
    // A frame later by the guest's own hand is a private look on that take; the way back is offered.
    await guest.locator(`.dailies-stage[data-take="${takes[1].label}"] figure.player-review[data-frame="0"]`).waitFor();
    await guest.getByRole('button', { name: 'One frame later' }).click();
    await guest.getByText('you are looking privately').waitFor();
    await guest.locator(`.dailies-stage[data-take="${takes[1].label}"] figure.player-review[data-frame="1"]`).waitFor();
    await guest.getByRole('button', { name: `Back to ${OWNER.name}` }).click();
    await guest.locator(`.dailies-stage[data-take="${takes[1].label}"] figure.player-review[data-frame="0"]`).waitFor();
  });

  it('reorders the playlist with Alt+↓ on the focused take, and the room sees the new order', async () => {
    const first = presenter.getByRole('list', { name: 'Playlist' }).getByRole('listitem').first();
    await first.focus();
    await presenter.keyboard.press('Alt+ArrowDown');
    const order = async (page: Page) => (await page.getByRole('list', { name: 'Playlist' }).getByRole('listitem').allTextContents()).map((t) => takes.findIndex((x) => t.includes(x.label)));
    await expect.poll(() => order(presenter)).toEqual([1, 0, 2]);
    await expect.poll(() => order(attendee)).toEqual([1, 0, 2]);
    const { items } = await apiCall(server, presenter, 'get', `/projects/${projectId}/dailies/${sessionId}`);
    expect(items.map((i: { take: { id: string } }) => i.take.id)).toEqual([takes[1].id, takes[0].id, takes[2].id]);
  });

  it('downloads the session’s notes as CSV, then closes the session for the whole room', async () => {
    const [download] = await Promise.all([presenter.waitForEvent('download'), presenter.getByRole('button', { name: 'Notes as CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('Runner exits too early');
    expect(csv).toContain('Love the bridge light');

    await presenter.getByRole('button', { name: 'Close session' }).click();
    await presenter
      .getByRole('dialog', { name: /Close “Bridge dailies”/ })
      .getByRole('button', { name: 'Close session' })
      .click();
    for (const page of [presenter, attendee]) await page.locator('.dailies-head').getByText('· closed ·').waitFor();
    expect(await presenter.getByRole('button', { name: 'Present' }).count()).toBe(0);
    expect(await presenter.getByRole('button', { name: 'Add takes' }).count()).toBe(0);
  });

  it('after closing, the director opens the report, downloads its PDF, and builds and downloads the review movie', async () => {
    const report = attendee.getByRole('region', { name: 'Report' });
    const [reportPage] = await Promise.all([attendee.context().waitForEvent('page'), report.getByRole('link', { name: 'Open the report' }).click()]);
    await reportPage.getByText('Bridge dailies').first().waitFor();
    await reportPage.close();
    const [pdf] = await Promise.all([attendee.waitForEvent('download'), report.getByRole('link', { name: 'Report as PDF' }).click()]);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const movie = attendee.getByRole('region', { name: 'Review movie' });
    await movie.getByRole('button', { name: 'Build review movie' }).click();
    const link = movie.getByRole('link', { name: 'Download the review movie' });
    await link.waitFor({ timeout: 90_000 });
    const [file] = await Promise.all([attendee.waitForEvent('download'), link.click()]);
    const frames = Number(
      execFileSync('ffprobe', ['-v', 'error', '-count_packets', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', (await file.path())!], {
        encoding: 'utf8',
      }).trim(),
    );
    // Three takes of 48 frames, each after its slate: more than the takes alone, and what the page says.
    expect(frames).toBeGreaterThan(3 * 48);
    await expect.poll(() => movie.textContent()).toContain(`${frames} frames`);
  });
  it("finds the session's decisions in the project's audit log, each saying in which session it was made", async () => {
    await presenter.goto(`${server.url}/projects/${projectId}/audit`);
    const log = presenter.getByRole('table', { name: 'Audit log' });
    const decision = log.getByRole('row').filter({ hasText: `${DIRECTOR.name} marked ${takes[1].label} maybe (was selected) in dailies “Bridge dailies”` });
    await decision.waitFor();
    expect(await decision.innerText()).toContain('take.reviewed');
    await log.getByRole('row').filter({ hasText: 'dailies.closed' }).waitFor();
  });
});

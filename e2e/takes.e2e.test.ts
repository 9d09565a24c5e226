/**
 * Takes in a real browser against a real server: a director opens a planned, complete shot's
 * takes page, asks for three previs takes and watches the cards go from queued to succeeded with
 * their posters on the live event stream, without reloading; scrubs a card's filmstrip; opens a
 * take by keyboard and reads its request, model, seed, cost and continuity. A second shot's plan
 * names a real person's likeness without a consent: the generate panel names the reference in its
 * refusal and Generate stays disabled. Tiny projects (320×180, 24 fps, 24-frame plans) keep the
 * renders quick. On a fresh server, the empty projects page builds the sample project and opens it.
 * Assertions are what a member would see on screen.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const DIRECTOR = { name: 'Dana Director', email: 'dana@example.com', password: 'frame by frame 24' };
const SHOTS = '/tmp/backlot-takes';
const COMPLETE_PLAN = {
  job: 'Mara reaches the counter',
  subjectAction: 'Mara walks to the counter and sets down the thermos',
  camera: { size: 'MS', movement: 'push-in' },
  reviewCriteria: ['Mara stays in frame'],
  targetFrames: 24,
};

let server: RunningServer;
let browser: Browser;
let owner: Page;
let director: Page;
let media = '';
let projectId = '';
let plannedShot = '';
let likenessShot = '';

/** A write through a signed-in browser's cookie, as the web UI makes it (same origin). */
async function call(p: Page, method: 'post' | 'put', path: string, data: unknown) {
  const res = await p.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}
const post = (p: Page, path: string, data: unknown) => call(p, 'post', path, data);

/** The card of a take in the shot's grid. */
const card = (p: Page, code: string) => p.getByRole('list', { name: 'Takes' }).getByRole('listitem', { name: code, exact: true });

describe('takes in the web UI', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    media = mkdtempSync(join(tmpdir(), 'backlot-takes-'));
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x90', '-frames:v', '1', 'mara.png'], { cwd: media });
    server = await startServer();
    browser = await launchChromium();
    owner = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    owner.setDefaultTimeout(15_000);
    await post(owner, '/setup', OWNER);
    const created = await post(owner, '/projects', { name: 'Night Run', code: 'NIGHT', frameRate: '24/1', resolution: { width: 320, height: 180 } });
    projectId = created.project.id;
    const scene = await post(owner, `/projects/${projectId}/scenes`, { heading: 'INT. DINER - NIGHT', characters: ['MARA'] });
    plannedShot = (await post(owner, `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: COMPLETE_PLAN })).id;
    const second = await post(owner, `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: { ...COMPLETE_PLAN, job: 'Mara looks up' } });
    likenessShot = second.id;

    // Mara is a real person's likeness, cleared and locked, but nobody recorded her consent.
    const mara = await post(owner, `/projects/${projectId}/assets`, { kind: 'character', name: 'Mara', flags: ['likeness'] });
    const uploaded = await owner.request.post(`${server.url}/api/v1/projects/${projectId}/assets/${mara.id}/versions`, {
      headers: { origin: server.url },
      multipart: { main: { name: 'mara.png', mimeType: 'image/png', buffer: readFileSync(join(media, 'mara.png')) } },
    });
    expect(uploaded.status()).toBe(201);
    await post(owner, `/projects/${projectId}/assets/${mara.id}/lock`, { version: 1 });
    await post(owner, `/projects/${projectId}/assets/${mara.id}/clearance`, { clearance: 'cleared', reason: 'Cleared by legal' });
    await call(owner, 'put', `/projects/${projectId}/shots/${likenessShot}/references`, { references: [{ assetId: mara.id, version: 1, role: 'character' }], baseVersion: second.planVersion });

    const invited = await post(owner, `/projects/${projectId}/invitations`, { email: DIRECTOR.email, role: 'director' });
    const token = new URLSearchParams(new URL(invited.url).hash.slice(1)).get('token');
    director = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    director.setDefaultTimeout(15_000);
    await post(director, '/invitations/accept', { token, name: DIRECTOR.name, password: DIRECTOR.password });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    if (media) rmSync(media, { recursive: true, force: true });
  });

  it('generates three previs takes and watches them succeed without a reload', async () => {
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/shots/${plannedShot}/takes`);
    await p.getByRole('heading', { name: 'No takes yet' }).waitFor();
    // A mark on the window survives everything but a reload.
    await p.evaluate(() => Object.assign(window, { __noReload: true }));

    await p.getByRole('button', { name: 'Generate takes' }).first().click();
    const panel = p.getByRole('form', { name: 'Generate' });
    const model = panel.getByLabel('Model');
    const previs = await model.evaluate((s: HTMLSelectElement) => [...s.options].find((o) => o.value.startsWith('previs/') && !o.disabled)?.value);
    expect(previs).toBeTruthy();
    await model.selectOption(previs!);
    await panel.getByLabel('Takes').fill('3');
    // The server's check shows the exact request before anything is sent.
    await panel.getByText('The exact request').waitFor();
    const generate = panel.getByRole('button', { name: 'Generate 3 takes' });
    await expect.poll(() => generate.isEnabled()).toBe(true);
    await generate.click();

    for (const code of ['TK001', 'TK002', 'TK003']) await card(p, code).waitFor();
    for (const code of ['TK001', 'TK002', 'TK003']) {
      await card(p, code).getByText('succeeded', { exact: true }).waitFor({ timeout: 90_000 });
      await card(p, code).locator('img').waitFor();
      await expect
        .poll(() =>
          card(p, code)
            .locator('img')
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        )
        .toBe(true);
    }
    expect(await p.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await p.screenshot({ path: `${SHOTS}-grid.png` });

    // The filmstrip follows the pointer across a card.
    const thumb = card(p, 'TK002').locator('.take-thumb');
    const box = (await thumb.boundingBox())!;
    await p.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
    const scrub = card(p, 'TK002').locator('.take-scrub');
    await scrub.waitFor();
    const late = await scrub.evaluate((el) => getComputedStyle(el).backgroundPosition);
    await p.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
    await expect.poll(() => scrub.evaluate((el) => getComputedStyle(el).backgroundPosition)).not.toBe(late);
    expect(await scrub.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('url(');
  });

  it('opens a take by keyboard and shows its request, model, seed, cost and continuity', async () => {
    const p = director;
    await p.mouse.move(0, 0);
    await p.locator('body').press('ArrowRight');
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: /TK003$/, level: 1 }).waitFor();
    await p.locator('video').waitFor();
    const take = await p.getByLabel('Take', { exact: true }).innerText();
    expect(take).toMatch(/Model\s+\S+/);
    expect(take).toMatch(/Provider\s+Previs/);
    expect(take).toMatch(/Seed\s+\d+/);
    expect(await p.getByLabel('Cost').innerText()).toMatch(/Estimated\s+[\d.]+ \w{3}/);
    const request = p.getByLabel('The exact request', { exact: true });
    expect(await request.innerText()).toContain('"method": "POST"');
    const continuity = p.getByRole('table', { name: 'Continuity' });
    expect(await continuity.innerText()).toMatch(/Resolution\s+✓ pass/);
    expect(await continuity.innerText()).toMatch(/Duration/);
    await p.screenshot({ path: `${SHOTS}-take.png` });
  });

  it('names the likeness without consent in a refusal and keeps Generate disabled', async () => {
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/shots/${likenessShot}/takes?generate=1`);
    const refused = p.getByRole('alert', { name: 'Refused' });
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Mara');
    expect(await refused.innerText()).toMatch(/consent/i);
    expect(await refused.getByRole('link', { name: 'Open Mara' }).getAttribute('href')).toMatch(/\/assets\//);
    expect(await p.getByRole('button', { name: /^Generate \d+ takes?$/ }).isDisabled()).toBe(true);
    await p.screenshot({ path: `${SHOTS}-refused.png` });
  });
});

describe('the sample project in the web UI', () => {
  let fresh: RunningServer;
  let sampleBrowser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    fresh = await startServer();
    sampleBrowser = await launchChromium();
  });

  afterAll(async () => {
    await sampleBrowser?.close();
    await fresh?.stop();
    if (fresh) removeDataDir(fresh.dataDir);
  });

  it('builds the sample project from the empty projects page and opens it', async () => {
    const p = await (await sampleBrowser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    p.setDefaultTimeout(15_000);
    const res = await p.request.post(`${fresh.url}/api/v1/setup`, { data: OWNER, headers: { origin: fresh.url } });
    expect(res.ok()).toBe(true);
    await p.goto(`${fresh.url}/projects`);
    await p.getByRole('heading', { name: 'No projects yet' }).waitFor();
    await p.getByRole('button', { name: 'Build the sample project' }).click();
    await p.waitForURL(/\/projects\/[^/]+(\/scenes)?$/, { timeout: 120_000 });
    await p.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Takes' }).click();
    // The project's takes: a grid of the sample's previs takes, already rendered or on their way.
    const takes = p.getByRole('list', { name: 'Takes' });
    await takes.getByRole('listitem').first().waitFor({ timeout: 60_000 });
    await takes.getByRole('link').first().click();
    await p.waitForURL(/\/takes\/[^/]+$/);
    await p.screenshot({ path: `${SHOTS}-sample.png` });
  });
});

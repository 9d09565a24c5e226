/**
 * Rights a producer can act on, in a real browser against a real server: a shot whose approved
 * previs take used a likeness with valid consent reads "ready" in the shot list; editing the
 * consent to a past expiry warns before saving and is refused until corrected; withdrawing it with
 * a reason keeps it on record as withdrawn, and from then on the approved take says it is at risk,
 * with the reason, on its own page and on its card, and the shot list says "not ready: at risk"
 * where it said "ready" (and the CLI's shot list "AT RISK" where it said "yes"). Assertions are
 * what a member sees.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const PLAN = {
  job: 'Mara reaches the counter',
  subjectAction: 'Mara walks to the counter and sets down the thermos',
  camera: { size: 'MS', movement: 'push-in' },
  reviewCriteria: ['Mara stays in frame'],
  targetFrames: 24,
};
const WHY = 'Her agent withdrew the release by letter';

let server: RunningServer;
let browser: Browser;
let owner: Page;
let media = '';
let projectUrl = '';
let projectId = '';
let assetId = '';
let shotId = '';
let takeId = '';
/** The CLI's environment: this server and a token of the owner's. */
let cli: Record<string, string> = {};

async function call(p: Page, method: 'get' | 'post' | 'put', path: string, data?: unknown) {
  const res = await p.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}
const post = (p: Page, path: string, data: unknown) => call(p, 'post', path, data);

/** Waits until the take has rendered (the server's worker makes it). */
async function rendered(p: Page, id: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const take = await call(p, 'get', `/projects/${projectId}/takes/${id}`);
    if (take.status === 'succeeded') return;
    if (['failed', 'canceled'].includes(take.status)) throw new Error(`the take did not render: ${JSON.stringify(take.error)}`);
    if (Date.now() > deadline) throw new Error('the previs take did not render in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

const shotRow = (p: Page) => p.getByRole('table', { name: 'Shot list' }).locator(`[data-shot-id="${shotId}"]`);
const consentItem = (p: Page) => p.getByRole('list', { name: 'Consent records' }).getByRole('listitem', { name: "Mara Lind's consent" });

describe('rights in the web UI', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    media = mkdtempSync(join(tmpdir(), 'backlot-rights-'));
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x90', '-frames:v', '1', 'mara.png'], { cwd: media });
    server = await startServer();
    browser = await launchChromium();
    owner = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    owner.setDefaultTimeout(15_000);
    // A likeness with consent until 2099 on a complete plan, and an approved previs take of it, set up through the API.
    await post(owner, '/setup', OWNER);
    projectId = (await post(owner, '/projects', { name: 'Night Run', code: 'NIGHT', frameRate: '24/1', resolution: { width: 320, height: 180 } })).project.id;
    projectUrl = `${server.url}/projects/${projectId}`;
    assetId = (await post(owner, `/projects/${projectId}/assets`, { kind: 'character', name: 'MARA', flags: ['likeness'] })).id;
    const upload = await owner.request.post(`${server.url}/api/v1/projects/${projectId}/assets/${assetId}/versions`, {
      headers: { origin: server.url },
      multipart: { main: { name: 'mara.png', mimeType: 'image/png', buffer: readFileSync(join(media, 'mara.png')) } },
    });
    expect(upload.status()).toBe(201);
    await post(owner, `/projects/${projectId}/assets/${assetId}/lock`, { version: 1 });
    await post(owner, `/projects/${projectId}/assets/${assetId}/clearance`, { clearance: 'cleared', reason: 'Cast agreement' });
    const consent = await owner.request.post(`${server.url}/api/v1/projects/${projectId}/assets/${assetId}/consents`, {
      headers: { origin: server.url },
      multipart: { person: 'Mara Lind', scope: 'Likeness in Night Run', expiresOn: '2099-12-31' },
    });
    expect(consent.status()).toBe(201);
    const scene = await post(owner, `/projects/${projectId}/scenes`, { heading: 'INT. DINER - NIGHT', characters: ['MARA'] });
    const shot = await post(owner, `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: PLAN });
    shotId = shot.id;
    await call(owner, 'put', `/projects/${projectId}/shots/${shotId}/references`, { references: [{ assetId, version: 1, role: 'character' }], baseVersion: shot.planVersion });
    takeId = (await post(owner, `/projects/${projectId}/shots/${shotId}/takes`, { provider: 'previs', model: 'previs-animatic' })).takes[0].id;
    await rendered(owner, takeId);
    await post(owner, `/projects/${projectId}/takes/${takeId}/review`, { state: 'selected' });
    await post(owner, `/projects/${projectId}/takes/${takeId}/review`, { state: 'approved' });
    cli = { BACKLOT_URL: server.url, BACKLOT_TOKEN: (await post(owner, '/tokens', { name: 'cli' })).secret };
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    if (media) rmSync(media, { recursive: true, force: true });
  });

  it('shows the shot ready while its approved take’s rights hold, and the take without a risk flag', async () => {
    const p = owner;
    await p.goto(`${projectUrl}/shots`);
    await shotRow(p).waitFor();
    expect(await shotRow(p).innerText()).toContain('✓ ready');
    expect(await shotRow(p).innerText()).not.toContain('at risk');
    await p.goto(`${projectUrl}/takes/${takeId}`);
    await p.getByRole('heading', { name: /TK001/, level: 1 }).waitFor();
    expect(await p.getByText('its references are at risk').count()).toBe(0);
    const listed = await backlot(['shots', 'list', '--project', 'NIGHT'], { env: cli });
    expect(listed.stdout).toMatch(/SC001_SH010\s+1\s+approved\s+MS\s+push-in\s+Mara reaches the counter\s+v\d+\s+yes/);
  });

  it('warns before saving a consent edited to a past expiry, and keeps the edit with its reason once corrected', async () => {
    const p = owner;
    await p.goto(`${projectUrl}/assets/${assetId}`);
    await consentItem(p).getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: "Edit Mara Lind's consent for MARA" });
    await dialog.getByLabel('Expires on').fill('2020-01-31');
    // The warning shows as soon as the date is in the past, before anything is sent.
    const warning = dialog.getByRole('alert', { name: 'Expiry in the past' });
    await warning.waitFor();
    expect(await warning.innerText()).toContain('(2020-01-31) is in the past: this consent covers nothing from today');
    await dialog.getByLabel('Why').fill('Addendum extends the release');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    // Not confirmed: the server refuses it in its words, beside the date, and the dialog stays.
    await dialog.getByText('2020-01-31 is in the past, so this consent covers nothing from today').waitFor();
    expect(await consentItem(p).innerText()).toContain('valid');

    await dialog.getByLabel('Expires on').fill('2100-06-30');
    await warning.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await consentItem(p).getByText('Changes (1)').click();
    expect(await consentItem(p).getByRole('list', { name: "Changes to Mara Lind's consent" }).innerText()).toMatch(/expiry 2099-12-31 → 2100-06-30: Addendum extends the release\s+— Pat Producer/);
  });

  it('withdraws the consent with a reason: the approved take says it is at risk on its page and its card, and the shot list no longer says ready', async () => {
    const p = owner;
    const today = new Date().toISOString().slice(0, 10);
    const reason = `Mara Lind withdrew consent for MARA on ${today}: ${WHY}`;
    await p.goto(`${projectUrl}/assets/${assetId}`);
    await consentItem(p).getByRole('button', { name: 'Withdraw', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: "Withdraw Mara Lind's consent" });
    expect(await dialog.innerText()).toContain('SC001_SH010');
    await dialog.getByLabel('Why').fill(WHY);
    await dialog.getByRole('button', { name: 'Withdraw consent' }).click();
    await dialog.waitFor({ state: 'detached' });
    await consentItem(p).getByText('withdrawn', { exact: true }).waitFor();
    expect(await consentItem(p).innerText()).toContain(WHY);
    expect(await consentItem(p).getByRole('button').count()).toBe(0);

    await p.goto(`${projectUrl}/takes/${takeId}`);
    const banner = p.getByRole('status').filter({ hasText: 'its references are at risk' });
    await banner.waitFor();
    expect(await banner.innerText()).toContain(`TK001 is approved, but its references are at risk: ${reason}`);

    await p.goto(`${projectUrl}/shots/${shotId}/takes`);
    const card = p.getByRole('list', { name: 'Takes' }).getByRole('listitem', { name: 'TK001', exact: true });
    await card.locator('.take-risk-flag').waitFor();
    expect(await card.locator('.take-risk-flag').innerText()).toContain(`at risk: ${reason}`);

    await p.goto(`${projectUrl}/shots`);
    await shotRow(p).waitFor();
    const row = await shotRow(p).innerText();
    expect(row).toContain('not ready: at risk');
    expect(row).not.toContain('✓ ready');
    expect(await shotRow(p).locator('.tag-danger').getAttribute('title')).toContain(reason);

    // The CLI says the same.
    const listed = await backlot(['shots', 'list', '--project', 'NIGHT'], { env: cli });
    expect(listed.stdout).toMatch(/Mara reaches the counter\s+v\d+\s+AT RISK/);
    const shown = await backlot(['shot', 'show', 'SC001_SH010', '--project', 'NIGHT'], { env: cli });
    expect(shown.stdout).toContain(`not ready: at risk\n    at risk: ${reason}\n    approved TK001 at risk: ${reason}`);
  });
});

/**
 * The named generators in a real browser against a real server and the fakes of Runway, Luma,
 * Kling and Higgsfield (issue 17's "done means"): an owner adds a key for each in the project's
 * settings — Kling's and Higgsfield's in the two parts their consoles issue — and tests each
 * connection, and prices Higgsfield, which publishes no list price; a director sends one locked
 * shot, planned from a start frame to an end frame, to Runway Gen-4.5, Luma Ray 3.2, Kling 3.0 and
 * Higgsfield DoP Turbo, sees per model what it will not honour and its estimate before anything is
 * sent, and gets four takes with their exact requests, costs and pictures.
 *
 * Every figure is written by hand from the prices of PROVIDERS.md: Gen-4.5 at 12 credits a second
 * of 0.01 USD (5 s: 0.60), Ray 3.2 at 0.72 USD a 540p block of 5 s, 720p counting one and a half
 * (1.08), Kling at 3 credits of 0.14 USD for 5 s in std (0.42), and Higgsfield DoP Turbo at the
 * owner's 0.30 USD a generation: 2.40 in all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHiggsfieldFake, type HiggsfieldFake } from '../apps/server/test/fakes/higgsfield.fake.ts';
import { startKlingFake, type KlingFake } from '../apps/server/test/fakes/kling.fake.ts';
import { startLumaFake, type LumaFake } from '../apps/server/test/fakes/luma.fake.ts';
import { startRunwayFake, type RunwayFake } from '../apps/server/test/fakes/runway.fake.ts';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';
import { apiCall, invitationToken, memberPage } from './support/team.ts';

const OWNER = { name: 'Olu Owner', email: 'olu@example.com', password: 'correct horse battery' };
const DIRECTOR = { name: 'Dee Director', email: 'dee@example.com', password: 'lights camera action 9' };
const RUNWAY_KEY = 'rw-named-e2e-key-4f3e2d1c';
const LUMA_KEY = 'luma-named-e2e-key-0a9b8c7d';
/** Luma issues the Agents API (Ray 3.2) a key of its own. */
const LUMA_AGENTS_KEY = 'luma-agents-named-e2e-6e5f';
const KLING_ACCESS = 'AKnamede2e0123456789';
const KLING_SECRET = 'SKnamede2esecret98765';
const HF_ID = 'hf-named-e2e-id-5151';
const HF_SECRET = 'hf-named-e2e-secret-7272';
const PLAN = {
  job: 'Carry the pier from dawn to dusk',
  subjectAction: 'The tide comes in under the pier.',
  camera: { size: 'WS', movement: 'static' },
  constraints: { mustNotAppear: ['gulls'] },
  reviewCriteria: ['Ends on the dusk still'],
  targetFrames: 130,
};
const FOUR = ['Runway Gen-4.5', 'Luma Ray 3.2', 'Kling 3.0', 'Higgsfield DoP Turbo'];

let runway: RunwayFake;
let luma: LumaFake;
let kling: KlingFake;
let higgsfield: HiggsfieldFake;
let server: RunningServer;
let browser: Browser;
let owner: Page;
let director: Page;
let media = '';
let projectId = '';
let shotId = '';

describe('the named generators, in the browser', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    media = mkdtempSync(join(tmpdir(), 'backlot-named-'));
    // Two stills the shot starts and ends on, told apart by their pictures.
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x180', '-frames:v', '1', 'dawn.png'], { cwd: media });
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'smptebars=size=320x180', '-frames:v', '1', 'dusk.png'], { cwd: media });
    [runway, luma, kling, higgsfield] = await Promise.all([startRunwayFake({ clipSeconds: 1 }), startLumaFake(), startKlingFake({ clipSeconds: 1 }), startHiggsfieldFake()]);
    runway.keys.add(RUNWAY_KEY);
    luma.keys.add(LUMA_KEY);
    luma.keys.add(LUMA_AGENTS_KEY);
    kling.keys.set(KLING_ACCESS, KLING_SECRET);
    higgsfield.credentials.add(`${HF_ID}:${HF_SECRET}`);
    server = await startServer({
      env: {
        BACKLOT_SECRET_KEY: Buffer.alloc(32, 17).toString('base64'),
        BACKLOT_RUNWAY_URL: runway.baseUrl,
        BACKLOT_LUMA_URL: luma.dreamMachineUrl,
        BACKLOT_LUMA_AGENTS_URL: luma.agentsUrl,
        BACKLOT_KLING_URL: kling.baseUrl,
        BACKLOT_HIGGSFIELD_URL: higgsfield.baseUrl,
        BACKLOT_PROVIDER_ALLOW_HOSTS: [runway.host, luma.host, kling.host, higgsfield.host].join(','),
        BACKLOT_POLL_SECONDS: '1',
      },
    });
    browser = await launchChromium();
    owner = await memberPage(browser);
    const call = (method: 'get' | 'post' | 'patch' | 'put', path: string, data?: unknown) => apiCall(server, owner, method, path, data);
    await call('post', '/setup', OWNER);
    projectId = (await call('post', '/projects', { name: 'Pier', code: 'PIER', frameRate: '24/1', currency: 'USD', resolution: { width: 320, height: 180 } })).project.id;
    const at = (path: string) => `/projects/${projectId}${path}`;
    await call('patch', at(''), { budget: '100.00' });
    const still = async (name: string, file: string) => {
      const id = (await call('post', at('/assets'), { kind: 'frame-anchor', name })).id;
      const upload = await owner.request.post(`${server.url}/api/v1${at(`/assets/${id}/versions`)}`, {
        headers: { origin: server.url },
        multipart: { main: { name: file, mimeType: 'image/png', buffer: readFileSync(join(media, file)) } },
      });
      expect(upload.status()).toBe(201);
      await call('post', at(`/assets/${id}/lock`), { version: 1 });
      await call('post', at(`/assets/${id}/clearance`), { clearance: 'cleared', reason: 'Our own still' });
      return id;
    };
    const dawn = await still('Pier at dawn', 'dawn.png');
    const dusk = await still('Pier at dusk', 'dusk.png');
    const scene = await call('post', at('/scenes'), { heading: 'EXT. PIER - DAY' });
    const shot = await call('post', at(`/scenes/${scene.id}/shots`), { plan: PLAN });
    shotId = shot.id;
    await call('put', at(`/shots/${shotId}/references`), {
      references: [
        { assetId: dawn, version: 1, role: 'start-frame' },
        { assetId: dusk, version: 1, role: 'end-frame' },
      ],
      baseVersion: shot.planVersion,
    });
    await call('post', at(`/shots/${shotId}/lock`));
    const invited = await call('post', at('/invitations'), { email: DIRECTOR.email, role: 'director' });
    director = await memberPage(browser, 20_000);
    await apiCall(server, director, 'post', '/invitations/accept', { token: invitationToken(invited.url), name: DIRECTOR.name, password: DIRECTOR.password });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    await Promise.all([runway?.close(), luma?.close(), kling?.close(), higgsfield?.close()]);
    if (media) rmSync(media, { recursive: true, force: true });
  });

  const panel = () => director.getByRole('form', { name: 'Generate across providers' });
  const card = (label: string) => panel().getByRole('listitem', { name: label, exact: true });
  const row = (name: string) => owner.getByRole('row').filter({ hasText: name });

  it('has the owner add the four keys, Kling’s and Higgsfield’s in their two parts, and each accepted by its provider', async () => {
    await owner.goto(`${server.url}/projects/${projectId}/settings/keys`);
    const dialog = owner.getByRole('dialog');
    await owner.getByRole('button', { name: 'Add the Runway key' }).click();
    await dialog.getByLabel('Key', { exact: true }).fill(RUNWAY_KEY);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await row('Runway').getByText('…2d1c').waitFor();
    // Luma's Dream Machine key, and the Agents API's own for Ray 3.2.
    await owner.getByRole('button', { name: 'Add the Luma key' }).click();
    await dialog.getByLabel('Dream Machine key', { exact: true }).fill(LUMA_KEY);
    await dialog.getByLabel('Agents key (Ray 3.2)', { exact: true }).fill(LUMA_AGENTS_KEY);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await row('Luma').getByText('…6e5f').waitFor();
    // Half a Kling key is refused on the part that is missing, and nothing is stored.
    await owner.getByRole('button', { name: 'Add the Kling key' }).click();
    await dialog.getByLabel('Access key', { exact: true }).fill(KLING_ACCESS);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    expect(await dialog.getByRole('alert').innerText()).toBe('is empty; Kling needs its secret key too');
    expect(await dialog.getByLabel('Secret key', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await row('Kling').innerText()).toContain('no key');
    await dialog.getByLabel('Secret key', { exact: true }).fill(KLING_SECRET);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await row('Kling').getByText('…8765').waitFor();
    await owner.getByRole('button', { name: 'Add the Higgsfield key' }).click();
    await dialog.getByLabel('Key ID', { exact: true }).fill(HF_ID);
    await dialog.getByLabel('Key secret', { exact: true }).fill(HF_SECRET);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await row('Higgsfield').getByText('…7272').waitFor();

    for (const name of ['Runway', 'Luma', 'Kling', 'Higgsfield']) {
      await row(name).getByRole('button', { name: 'Test connection' }).click();
      await row(name).getByText(`${name} accepted the key`).waitFor();
    }
    const page = await owner.content();
    for (const secret of [RUNWAY_KEY, LUMA_KEY, LUMA_AGENTS_KEY, KLING_SECRET, HF_SECRET]) expect(page).not.toContain(secret);
  });

  it('has the owner price Higgsfield DoP Turbo, which has no list price, in the catalog', async () => {
    await owner.goto(`${server.url}/projects/${projectId}/spend/prices`);
    const form = owner.getByRole('form', { name: 'Add a price' });
    await form.getByLabel('Provider', { exact: true }).selectOption('higgsfield');
    await form.getByLabel('Model', { exact: true }).fill('dop-turbo');
    await form.getByLabel('Unit', { exact: true }).selectOption('generations');
    await form.getByLabel('Price (USD)', { exact: true }).fill('0.30');
    await form.getByLabel('Source', { exact: true }).fill('Higgsfield invoice, December');
    await form.getByRole('button', { name: 'Add price' }).click();
    const line = owner.getByRole('table', { name: 'Price catalog' }).getByRole('row', { name: 'higgsfield/dop-turbo', exact: true });
    await expect.poll(() => line.locator('[data-col="price"]').textContent()).toBe('0.30');
  });

  it('previews the four models from the start and end frames: what each will not honour, its exact request and estimate, spending nothing', async () => {
    await director.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await director.getByRole('button', { name: 'Generate across providers' }).click();
    for (const label of FOUR) await panel().getByLabel(label, { exact: true }).check();
    await panel().getByLabel('Resolution').selectOption('720p');
    await panel().getByRole('button', { name: 'Preview 4 models' }).click();

    await panel().getByLabel('Combined estimate').getByText('4 takes · 2.40 USD in all').waitFor();
    const estimate = (label: string) => card(label).getByLabel(`${label} estimate`).innerText();
    expect(await estimate('Runway Gen-4.5')).toBe('0.60 USD');
    expect(await estimate('Luma Ray 3.2')).toBe('1.08 USD');
    expect(await estimate('Kling 3.0')).toBe('0.42 USD');
    expect(await estimate('Higgsfield DoP Turbo')).toBe('0.30 USD');

    const honour = (label: string) => card(label).getByRole('list', { name: 'What the model cannot honour' }).innerText();
    // Gen-4.5 and DoP start from a picture but cannot be told where to end; Kling 3.0 and Ray 3.2 take both.
    expect(await honour('Runway Gen-4.5')).toContain('gen4.5 has no place for an end frame reference');
    expect(await honour('Higgsfield DoP Turbo')).toContain('dop-turbo has no place for an end frame reference');
    for (const label of ['Luma Ray 3.2', 'Kling 3.0']) expect(await honour(label)).not.toContain('end frame');
    // 130 frames are 5.417 s; each renders 5 s.
    expect(await honour('Kling 3.0')).toContain('130 frames (5.417 s) asked; kling-v3 renders 3–15 seconds, so the take is 5 s (120 frames)');
    expect(await honour('Luma Ray 3.2')).toContain('130 frames (5.417 s) asked; ray-3.2 renders 5 or 10 seconds, so the take is 5 s (120 frames)');
    // None of the four takes a negative prompt: what must not appear is said in the prompt's words.
    for (const label of FOUR) expect(await honour(label)).toContain('must not appear');

    // The exact request each would send, Backlot's stills named by their stored hash.
    const request = async (label: string) => {
      await card(label).locator('summary').filter({ hasText: 'The exact request' }).click();
      return JSON.parse(await card(label).getByRole('region', { name: 'The exact request' }).innerText()) as { url: string; body: Record<string, unknown> };
    };
    const klingRequest = await request('Kling 3.0');
    expect(klingRequest.url).toMatch(/\/v1\/videos\/image2video$/);
    expect(klingRequest.body).toMatchObject({
      model_name: 'kling-v3',
      mode: 'std',
      duration: '5',
      image: expect.stringMatching(/^backlot-blob:/),
      image_tail: expect.stringMatching(/^backlot-blob:/),
    });
    expect(klingRequest.body.image).not.toBe(klingRequest.body.image_tail);
    const lumaRequest = await request('Luma Ray 3.2');
    expect(lumaRequest.body).toMatchObject({ model: 'ray-3.2', video: { duration: '5s', resolution: '720p', start_frame: { media_type: 'image/png' }, end_frame: { media_type: 'image/png' } } });

    expect((await apiCall(server, director, 'get', `/projects/${projectId}/shots/${shotId}/takes`)).takes).toEqual([]);
    expect((await apiCall(server, director, 'get', `/projects/${projectId}/budgets`)).project).toMatchObject({ held: '0.00', spent: '0.00' });
    expect(runway.creates.length + luma.creates.length + kling.creates.length + higgsfield.creates.length).toBe(0);
  });

  it('confirms, and gets four takes side by side, each sent once with its frames and settled at its price', async () => {
    await panel().getByRole('button', { name: 'Confirm: generate 4 takes' }).click();
    await director.waitForURL(/\/compare\?ids=/);
    await expect.poll(() => director.locator('video.compare-video').count(), { timeout: 150_000, interval: 500 }).toBe(4);
    expect([runway.creates.length, luma.creates.length, kling.creates.length, higgsfield.creates.length]).toEqual([1, 1, 1, 1]);

    // What each provider was sent: the stills themselves, where the model takes them.
    const dawn = readFileSync(join(media, 'dawn.png')).toString('base64');
    const dusk = readFileSync(join(media, 'dusk.png')).toString('base64');
    expect(runway.creates[0].endpoint).toBe('image_to_video');
    expect(runway.creates[0].body.promptImage).toEqual([{ uri: `data:image/png;base64,${dawn}`, position: 'first' }]);
    expect(kling.creates[0]).toMatchObject({ model_name: 'kling-v3', image: dawn, image_tail: dusk });
    // Ray 3.2 went to the Agents API with its own key.
    expect(luma.creates[0].api).toBe('agents');
    expect([...luma.generations.values()].map((g) => `${g.api} ${g.key}`)).toEqual([`agents ${LUMA_AGENTS_KEY}`]);
    expect(luma.creates[0].body).toMatchObject({ video: { start_frame: { data: dawn, media_type: 'image/png' }, end_frame: { data: dusk, media_type: 'image/png' } } });
    const sentToHiggsfield = higgsfield.creates[0].body as { input_images: { image_url: string }[] };
    expect(sentToHiggsfield.input_images).toHaveLength(1);
    expect([...higgsfield.uploads.values()].map((u) => u.bytes.toString('base64'))).toEqual([dawn]);

    // Each take settled: Kling at the 3 credits it reported, the others at their estimates.
    type Listed = { id: string; provider: string; status: string; cost?: { actual: string | null } };
    const takes = (await apiCall(server, director, 'get', `/projects/${projectId}/shots/${shotId}/takes`)).takes as Listed[];
    const byProvider = Object.fromEntries(takes.map((t) => [t.provider, t]));
    expect(Object.keys(byProvider).sort()).toEqual(['higgsfield', 'kling', 'luma', 'runway']);
    for (const t of takes) expect(t.status).toBe('succeeded');
    const actual = async (provider: string) => (await apiCall(server, director, 'get', `/projects/${projectId}/takes/${byProvider[provider].id}`)).cost.actual;
    expect({ runway: await actual('runway'), luma: await actual('luma'), kling: await actual('kling'), higgsfield: await actual('higgsfield') }).toEqual({
      runway: '0.60',
      luma: '1.08',
      kling: '0.42',
      higgsfield: '0.30',
    });
    expect((await apiCall(server, director, 'get', `/projects/${projectId}/budgets`)).project).toMatchObject({ held: '0.00', spent: '2.40' });

    // The Kling take's own page: its exact request with both frames, its cost, its picture.
    await director.goto(`${server.url}/projects/${projectId}/takes/${byProvider.kling.id}`);
    const sent = director.getByRole('region', { name: 'The exact request' });
    expect(await sent.innerText()).toContain('"image_tail"');
    expect(await director.getByLabel('Cost', { exact: true }).innerText()).toMatch(/Actual\s*0\.42 USD/);
    await expect
      .poll(
        () =>
          director
            .locator('video')
            .first()
            .evaluate((v) => (v as HTMLVideoElement).readyState),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
  }, 240_000);
});

/**
 * One plan across several providers in a real browser against a real server and the fakes of
 * ModelArk, Runway, fal, Replicate and ComfyUI (issue 18's "done means"): an owner adds the fal and
 * Replicate keys in the project's settings and starts a ComfyUI workflow from the sample; a director
 * picks Seedance 2.0, Runway Gen-4.5, fal's Seedance 2.0 Fast and the ComfyUI workflow for a locked
 * shot, sees per model what it will not honour and its estimate, and the combined estimate, before
 * anything is sent or held; confirms; and gets the four takes side by side in compare. A push forged
 * to the fal take's webhook address is refused. Last, one provider refusing (Runway's safety check,
 * tripped on purpose by the fake's marker in the prompt) does not hold up the take sent beside it.
 *
 * Every figure is written by hand from the prices: Seedance 2.0 at 2.50 USD a million tokens set in
 * the project (720p, 5 s: 108,900 tokens = 0.27225), Gen-4.5 at 0.01 USD a credit (12 credits a
 * second × 5 s = 0.60), fal's Seedance 2.0 Fast at its list price of 0.0112 USD per 1,000 tokens
 * (1280 × 720 × 5 s × 24 / 1024 = 108,000 tokens = 1.2096), and ComfyUI at this server's 0.0005 USD
 * a GPU-second, 60 GPU-seconds a second of video (5 s = 300 GPU-seconds = 0.15): 2.23185 in all.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComfyFake, type ComfyFake } from '../apps/server/test/fakes/comfyui.fake.ts';
import { startFalFake, type FalFake } from '../apps/server/test/fakes/fal.fake.ts';
import { startReplicateFake, type ReplicateFake } from '../apps/server/test/fakes/replicate.fake.ts';
import { startRunwayFake, type RunwayFake } from '../apps/server/test/fakes/runway.fake.ts';
import { startSeedanceFake, type SeedanceFake } from '../apps/server/test/fakes/seedance.fake.ts';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { freePort, removeDataDir, startServer, type RunningServer } from './support/server.ts';
import { apiCall, memberPage } from './support/team.ts';

const OWNER = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery' };
const DIRECTOR = { name: 'Dora Director', email: 'dora@example.com', password: 'lights camera action 9' };
const ARK_KEY = 'ark-across-e2e-key-5d4c3b2a';
const RUNWAY_KEY = 'rw-across-e2e-key-1a2b3c4d';
const FAL_KEY = 'fal-across-id-77:fal-across-secret-9e8d';
const REPLICATE_TOKEN = 'r8_across0123456789abcdefwxyz';
const SEEDANCE = 'dreamina-seedance-2-0-260128';
const FAL_MODEL = 'bytedance/seedance-2.0/fast';
const WORKFLOW = 'Lighthouse t2v';
const PLAN = {
  job: 'Establish the lighthouse',
  subjectAction: 'The keeper lights the lamp.',
  camera: { size: 'WS', movement: 'push-in' },
  constraints: { mustNotAppear: ['modern cars'] },
  reviewCriteria: ['Lamp lit'],
  targetFrames: 130,
};
/** How the panel names the workflow: its name and version. */
const COMFY = `ComfyUI ${WORKFLOW} (v1)`;
const FOUR = ['Seedance 2.0', 'Runway Gen-4.5', 'fal Seedance 2.0 Fast', COMFY];

let seedance: SeedanceFake;
let runway: RunwayFake;
let fal: FalFake;
let replicate: ReplicateFake;
let comfy: ComfyFake;
let server: RunningServer;
let browser: Browser;
let owner: Page;
let director: Page;
let projectId = '';
let shotId = '';

describe('one plan across several providers, in the browser', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    [seedance, runway, fal, replicate, comfy] = await Promise.all([
      startSeedanceFake({ clipSeconds: 1 }),
      startRunwayFake({ clipSeconds: 1 }),
      startFalFake(),
      startReplicateFake({ clipSeconds: 1 }),
      startComfyFake(),
    ]);
    seedance.keys.add(ARK_KEY);
    runway.keys.add(RUNWAY_KEY);
    fal.keys.add(FAL_KEY);
    replicate.addToken(REPLICATE_TOKEN);
    // fal pushes each take's end to the address this Backlot says it is reached at.
    const port = await freePort();
    server = await startServer({
      port,
      env: {
        BACKLOT_PUBLIC_URL: `http://127.0.0.1:${port}`,
        BACKLOT_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
        BACKLOT_SEEDANCE_URL: seedance.baseUrl,
        BACKLOT_RUNWAY_URL: runway.baseUrl,
        BACKLOT_FAL_URL: fal.baseUrl,
        BACKLOT_FAL_REST_URL: fal.baseUrl,
        BACKLOT_FAL_JWKS_URL: fal.jwksUrl,
        BACKLOT_REPLICATE_URL: replicate.baseUrl,
        BACKLOT_COMFYUI_URL: comfy.baseUrl,
        BACKLOT_COMFYUI_GPU_SECOND_PRICE: '0.0005',
        BACKLOT_PROVIDER_ALLOW_HOSTS: [seedance.host, runway.host, fal.host, replicate.host].join(','),
        BACKLOT_POLL_SECONDS: '1',
      },
    });
    browser = await launchChromium();
    owner = await memberPage(browser);
    const call = (method: 'get' | 'post' | 'patch' | 'put', path: string, data?: unknown) => apiCall(server, owner, method, path, data);
    await call('post', '/setup', OWNER);
    projectId = (await call('post', '/projects', { name: 'Lighthouse', code: 'LH', frameRate: '24/1', currency: 'USD', resolution: { width: 320, height: 180 } })).project.id;
    const at = (path: string) => `/projects/${projectId}${path}`;
    await call('patch', at(''), { budget: '100.00' });
    await call('put', at('/provider-keys/seedance'), { secret: ARK_KEY });
    await call('put', at('/provider-keys/runway'), { secret: RUNWAY_KEY });
    for (const price of [
      { provider: 'seedance', model: SEEDANCE, unit: 'tokens', perQuantity: 1_000_000, price: '2.50', source: 'ModelArk price page' },
      { provider: 'runway', model: 'gen4.5', unit: 'credits', price: '0.01', source: 'Runway: 1 credit is 0.01 USD' },
      { provider: 'previs', model: 'previs-animatic', unit: 'generations', price: '0.50', source: 'Studio rate for previs renders' },
    ])
      await call('post', at('/prices'), price);
    const scene = await call('post', at('/scenes'), { heading: 'EXT. LIGHTHOUSE - DUSK' });
    shotId = (await call('post', at(`/scenes/${scene.id}/shots`), { plan: PLAN })).id;
    await call('post', at(`/shots/${shotId}/lock`));
    const invited = await call('post', at('/invitations'), { email: DIRECTOR.email, role: 'director' });
    director = await memberPage(browser, 20_000);
    await apiCall(server, director, 'post', '/invitations/accept', { token: new URLSearchParams(new URL(invited.url).hash.slice(1)).get('token'), name: DIRECTOR.name, password: DIRECTOR.password });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    await Promise.all([seedance?.close(), runway?.close(), fal?.close(), replicate?.close(), comfy?.close()]);
  });

  const panel = () => director.getByRole('form', { name: 'Generate across providers' });
  const card = (label: string) => panel().getByRole('listitem', { name: label, exact: true });

  it('has the owner add the fal and Replicate keys, each shown by its last four characters and accepted, and start a ComfyUI workflow from the sample', async () => {
    await owner.goto(`${server.url}/projects/${projectId}/settings/keys`);
    // Each in its provider's own word: fal's key, Replicate's API token.
    for (const [name, secret, last4, accepted] of [
      ['fal', FAL_KEY, '…9e8d', 'fal accepted the key'],
      ['Replicate', REPLICATE_TOKEN, '…wxyz', 'Replicate accepted the token'],
    ]) {
      const row = owner.getByRole('row').filter({ hasText: name });
      await owner.getByRole('button', { name: `Add the ${name} key` }).click();
      await owner.getByRole('dialog').getByLabel('Key', { exact: true }).fill(secret);
      await owner.getByRole('button', { name: 'Save key' }).click();
      await row.getByText(last4).waitFor();
      await row.getByRole('button', { name: 'Test connection' }).click();
      await row.getByText(accepted).waitFor();
      expect(await owner.content()).not.toContain(secret);
    }
    await owner.goto(`${server.url}/projects/${projectId}/settings`);
    await owner.getByRole('link', { name: 'ComfyUI workflows' }).click();
    await owner.getByRole('form', { name: 'New ComfyUI workflow' }).getByLabel('Name').fill(WORKFLOW);
    await owner.getByRole('button', { name: 'Start from the sample' }).click();
    await owner.getByRole('heading', { name: `${WORKFLOW} · v1` }).waitFor();
  });

  it('picks four models of four providers and previews what each will not honour and the combined estimate, spending nothing', async () => {
    await director.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await director.getByRole('button', { name: 'Generate across providers' }).click();
    for (const label of FOUR) await panel().getByLabel(label, { exact: true }).check();
    await panel().getByLabel('Resolution').selectOption('720p');
    await panel().getByRole('button', { name: 'Preview 4 models' }).click();

    await panel().getByLabel('Combined estimate').getByText('4 takes · 2.23185 USD in all').waitFor();
    expect(await panel().getByLabel('Combined estimate').innerText()).toContain('100.00 USD left in the budget');
    const estimate = (label: string) => card(label).getByLabel(`${label} estimate`).innerText();
    expect(await estimate('Seedance 2.0')).toBe('0.27225 USD');
    expect(await estimate('Runway Gen-4.5')).toBe('0.60 USD');
    expect(await estimate('fal Seedance 2.0 Fast')).toBe('1.2096 USD');
    expect(await estimate(COMFY)).toBe('0.15 USD');
    // 130 frames are 5.417 s: every one of the four renders whole seconds.
    const honour = (label: string) => card(label).getByRole('list', { name: 'What the model cannot honour' }).innerText();
    expect(await honour('Seedance 2.0')).toContain(`130 frames (5.417 s) asked; ${SEEDANCE} renders 4–15 seconds, so the take is 5 s (120 frames)`);
    expect(await honour('Runway Gen-4.5')).toContain('130 frames (5.417 s) asked; gen4.5 renders 2–10 seconds, so the take is 5 s (120 frames)');
    expect(await honour('fal Seedance 2.0 Fast')).toContain(`130 frames (5.417 s) asked; ${FAL_MODEL} renders 4–15 seconds, so the take is 5 s (120 frames)`);
    // The workflow is named as the owner named it, not by its id.
    expect(await honour(COMFY)).toContain(`130 frames (5.417 s) asked; ${COMFY} renders 1–10 seconds, so the take is 5 s (120 frames)`);
    // fal's Seedance takes no seed; the sample workflow maps one, and a negative prompt, which the others lack.
    expect(await honour('fal Seedance 2.0 Fast')).toContain(`${FAL_MODEL} takes no seed`);
    for (const label of FOUR.slice(0, 3)) expect(await honour(label)).toContain('must not appear');
    expect(await honour(COMFY)).not.toContain('must not appear');
    expect(await honour(COMFY)).not.toContain('seed');
    // Nothing asked of anyone yet: no take, nothing held, nothing sent.
    expect((await apiCall(server, director, 'get', `/projects/${projectId}/shots/${shotId}/takes`)).takes).toEqual([]);
    expect((await apiCall(server, director, 'get', `/projects/${projectId}/budgets`)).project).toMatchObject({ held: '0.00', spent: '0.00' });
    expect(seedance.creates.length + runway.creates.length + fal.creates.length + comfy.creates.size).toBe(0);
  });

  it('confirms, and gets the four takes side by side in compare', async () => {
    await panel().getByRole('button', { name: 'Confirm: generate 4 takes' }).click();
    await director.waitForURL(/\/compare\?ids=/);
    await director.getByRole('heading', { name: 'Compare SC001_SH010 TK001 · SC001_SH010 TK002 · SC001_SH010 TK003 · SC001_SH010 TK004' }).waitFor();
    await expect.poll(() => director.locator('video.compare-video').count(), { timeout: 150_000, interval: 500 }).toBe(4);
    const differs = await director.getByRole('region', { name: 'What differs' }).innerText();
    for (const model of [SEEDANCE, 'gen4.5', FAL_MODEL, 'comfyui']) expect(differs).toContain(model);
    const takes = (await apiCall(server, director, 'get', `/projects/${projectId}/shots/${shotId}/takes`)).takes as { code: string; status: string; provider: string }[];
    expect(takes.map((t) => `${t.code} ${t.provider} ${t.status}`).sort()).toEqual(['TK001 seedance succeeded', 'TK002 runway succeeded', 'TK003 fal succeeded', 'TK004 comfyui succeeded']);
    // One task at each provider, no more.
    expect([seedance.creates.length, runway.creates.length, fal.creates.length, [...comfy.creates.values()].reduce((a, b) => a + b, 0)]).toEqual([1, 1, 1, 1]);
  }, 240_000);

  it("refuses a push forged to the fal take's webhook address, and the take stays as it was", async () => {
    const sent = fal.creates[0];
    expect(sent.webhook).toMatch(new RegExp(`^${server.url}/api/v1/webhooks/takes/`));
    const body = JSON.stringify({ request_id: sent.requestId, gateway_request_id: sent.requestId, status: 'ERROR', error: 'forged', payload: null });
    // Signed, but with a key fal never published.
    const { privateKey } = generateKeyPairSync('ed25519');
    const headers = fal.signedHeaders(sent.requestId, body, { key: privateKey });
    const res = await fetch(sent.webhook!, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('webhook.signature_invalid');
    const takes = (await apiCall(server, director, 'get', `/projects/${projectId}/shots/${shotId}/takes`)).takes as { code: string; status: string }[];
    expect(takes.find((t) => t.code === 'TK003')?.status).toBe('succeeded');
    const secret = new URL(sent.webhook!).pathname.split('/').at(-1)!;
    expect(server.stdout()).toContain('provider webhook refused');
    expect(server.stdout()).not.toContain(secret);
  });

  it('sends again with a prompt Runway refuses at its safety check: the previs take beside it renders, the refused one says why', async () => {
    await director.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await director.getByRole('button', { name: 'Generate across providers' }).click();
    for (const label of ['Runway Gen-4.5', 'Previs animatic']) await panel().getByLabel(label, { exact: true }).check();
    // The fake Runway refuses a prompt carrying this marker at its safety check; previs ignores it.
    await panel().getByLabel('Prompt addition').fill('[fake:safety]');
    await panel().getByRole('button', { name: 'Preview 2 models' }).click();
    await panel().getByLabel('Combined estimate').getByText('2 takes · 1.10 USD in all').waitFor();
    await panel().getByRole('button', { name: 'Confirm: generate 2 takes' }).click();
    await director.waitForURL(/\/compare\?ids=/);
    await expect.poll(() => director.locator('video.compare-video').count(), { timeout: 120_000, interval: 500 }).toBe(1);
    const waiting = director.getByRole('list', { name: 'Takes without a picture yet' });
    await waiting.getByRole('listitem', { name: 'TK005 gen4.5' }).getByText('SAFETY.INPUT.TEXT').waitFor({ timeout: 60_000 });
    expect(await waiting.getByRole('listitem').count()).toBe(1);
    // What was held for the refused take is returned; the five that rendered are settled.
    const takes = (await apiCall(server, director, 'get', `/projects/${projectId}/shots/${shotId}/takes`)).takes as { code: string; status: string }[];
    expect(takes.filter((t) => t.status === 'failed').map((t) => t.code)).toEqual(['TK005']);
    expect(takes.filter((t) => t.status === 'succeeded')).toHaveLength(5);
  }, 240_000);
});

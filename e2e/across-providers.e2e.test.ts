/**
 * One plan across several providers in a real browser against a real server, the fake ModelArk
 * and the fake Runway API: a director picks Seedance 2.0, Runway Gen-4.5 and previs for a locked
 * shot, sees per model what it will not honour and its estimate, and the combined estimate,
 * before anything is sent or held; confirms; and lands in compare, where the takes that render
 * play side by side while Runway's, refused at the provider (its safety check, tripped on
 * purpose by the fake's marker in the prompt), says why without holding up the others.
 * Prices come from the catalog so every figure is written by hand: Seedance 2.0 at 2.50 USD a
 * million tokens (720p, 5 s: 108,900 tokens = 0.27225), Gen-4.5 at 0.01 USD a credit (12 credits
 * a second × 5 s = 0.60), previs at 0.50: 1.37225 in all.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunwayFake, type RunwayFake } from '../apps/server/test/fakes/runway.fake.ts';
import { startSeedanceFake, type SeedanceFake } from '../apps/server/test/fakes/seedance.fake.ts';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';
import { apiCall, memberPage } from './support/team.ts';

const OWNER = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery' };
const DIRECTOR = { name: 'Dora Director', email: 'dora@example.com', password: 'lights camera action 9' };
const ARK_KEY = 'ark-across-e2e-key-5d4c3b2a';
const RUNWAY_KEY = 'rw-across-e2e-key-1a2b3c4d';
const SEEDANCE = 'dreamina-seedance-2-0-260128';
const PLAN = {
  job: 'Establish the lighthouse',
  subjectAction: 'The keeper lights the lamp.',
  camera: { size: 'WS', movement: 'push-in' },
  constraints: { mustNotAppear: ['modern cars'] },
  reviewCriteria: ['Lamp lit'],
  targetFrames: 130,
};

let seedance: SeedanceFake;
let runway: RunwayFake;
let server: RunningServer;
let browser: Browser;
let owner: Page;
let director: Page;
let projectId = '';
let shotId = '';

describe('one plan across several providers, in the browser', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    [seedance, runway] = await Promise.all([startSeedanceFake({ clipSeconds: 1 }), startRunwayFake({ clipSeconds: 1 })]);
    seedance.keys.add(ARK_KEY);
    runway.keys.add(RUNWAY_KEY);
    server = await startServer({
      env: {
        BACKLOT_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
        BACKLOT_SEEDANCE_URL: seedance.baseUrl,
        BACKLOT_RUNWAY_URL: runway.baseUrl,
        BACKLOT_PROVIDER_ALLOW_HOSTS: `${seedance.host},${runway.host}`,
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
    await seedance?.close();
    await runway?.close();
  });

  const panel = () => director.getByRole('form', { name: 'Generate across providers' });
  const card = (label: string) => panel().getByRole('listitem', { name: label, exact: true });

  it('picks three models of three providers and previews what each will not honour and the combined estimate, spending nothing', async () => {
    await director.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await director.getByRole('button', { name: 'Generate across providers' }).click();
    for (const label of ['Seedance 2.0', 'Runway Gen-4.5', 'Previs animatic']) await panel().getByLabel(label, { exact: true }).check();
    await panel().getByLabel('Resolution').selectOption('720p');
    // The fake Runway refuses a prompt carrying this marker at its safety check; the others ignore it.
    await panel().getByLabel('Prompt addition').fill('[fake:safety]');
    await panel().getByRole('button', { name: 'Preview 3 models' }).click();

    await panel().getByLabel('Combined estimate').getByText('3 takes · 1.37225 USD in all').waitFor();
    expect(await panel().getByLabel('Combined estimate').innerText()).toContain('100.00 USD left in the budget');
    expect(await card('Seedance 2.0').getByLabel('Seedance 2.0 estimate').innerText()).toBe('0.27225 USD');
    expect(await card('Runway Gen-4.5').getByLabel('Runway Gen-4.5 estimate').innerText()).toBe('0.60 USD');
    expect(await card('Previs animatic').getByLabel('Previs animatic estimate').innerText()).toBe('0.50 USD');
    // 130 frames are 5.417 s: Seedance and Runway render whole seconds; none takes a negative prompt.
    const honour = (label: string) => card(label).getByRole('list', { name: 'What the model cannot honour' }).innerText();
    expect(await honour('Seedance 2.0')).toContain(`130 frames (5.417 s) asked; ${SEEDANCE} renders 4–15 seconds, so the take is 5 s (120 frames)`);
    expect(await honour('Runway Gen-4.5')).toContain('130 frames (5.417 s) asked; gen4.5 renders 2–10 seconds, so the take is 5 s (120 frames)');
    expect(await honour('Previs animatic')).not.toContain('duration');
    for (const label of ['Seedance 2.0', 'Runway Gen-4.5', 'Previs animatic']) expect(await honour(label)).toContain('must not appear');
    // Nothing asked of anyone yet: no take, nothing held, nothing sent.
    expect((await apiCall(server, director, 'get', `/projects/${projectId}/shots/${shotId}/takes`)).takes).toEqual([]);
    expect((await apiCall(server, director, 'get', `/projects/${projectId}/budgets`)).project).toMatchObject({ held: '0.00', spent: '0.00' });
    expect(seedance.creates.length + runway.creates.length).toBe(0);
  });

  it('confirms, and gets the takes side by side in compare, with the one Runway refused saying why', async () => {
    await panel().getByRole('button', { name: 'Confirm: generate 3 takes' }).click();
    await director.waitForURL(/\/compare\?ids=/);
    await director.getByRole('heading', { name: 'Compare SC001_SH010 TK001 · SC001_SH010 TK002 · SC001_SH010 TK003' }).waitFor();
    // Seedance and previs render and play side by side; Runway's take failed at the provider.
    await expect.poll(() => director.locator('video.compare-video').count(), { timeout: 120_000, interval: 500 }).toBe(2);
    const waiting = director.getByRole('list', { name: 'Takes without a picture yet' });
    await waiting.getByRole('listitem', { name: 'TK002 gen4.5' }).getByText('SAFETY.INPUT.TEXT').waitFor({ timeout: 60_000 });
    expect(await waiting.getByRole('listitem').count()).toBe(1);
    const region = director.getByRole('region', { name: 'What differs' });
    await region.getByText('previs-animatic').first().waitFor();
    const differs = await region.innerText();
    for (const model of [SEEDANCE, 'gen4.5', 'previs-animatic']) expect(differs).toContain(model);
    // What was held for Runway's refused take is returned; the others' is settled or held.
    const takes = (await apiCall(server, director, 'get', `/projects/${projectId}/shots/${shotId}/takes`)).takes as { code: string; status: string }[];
    expect(takes.map((t) => `${t.code} ${t.status}`).sort()).toEqual(['TK001 succeeded', 'TK002 failed', 'TK003 succeeded']);
  }, 240_000);
});

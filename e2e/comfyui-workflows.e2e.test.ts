/**
 * ComfyUI workflows in a real browser against a real server and the fake ComfyUI server (issue 18):
 * a director starts a workflow from the shipped sample, maps the seed to a node the workflow does
 * not have and is refused beside that field with nothing saved, maps it to the sampler and saves
 * version 2, then picks the workflow as the model in the shot's generate panel and gets a take.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComfyFake, type ComfyFake } from '../apps/server/test/fakes/comfyui.fake.ts';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const ADA = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery' };

let fake: ComfyFake;
let server: RunningServer;
let browser: Browser;
let page: Page;
let projectId = '';
let shotId = '';
let workflowId = '';

describe('ComfyUI workflows', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    fake = await startComfyFake();
    server = await startServer({ env: { BACKLOT_COMFYUI_URL: fake.baseUrl, BACKLOT_POLL_SECONDS: '1' } });
    const setup = await fetch(`${server.url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADA) });
    const cookie = setup.headers.get('set-cookie')!.split(';')[0];
    const project = await fetch(`${server.url}/api/v1/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body: JSON.stringify({ name: 'Pier', code: 'PIER', frameRate: '24/1', timecodeMode: 'ndf', resolution: { width: 640, height: 360 }, currency: 'USD', budget: '100' }),
    });
    projectId = (await project.json()).project.id;
    const write = (path: string, method: string, payload: unknown) =>
      fetch(`${server.url}/api/v1/projects/${projectId}${path}`, { method, headers: { 'content-type': 'application/json', cookie, origin: server.url }, body: JSON.stringify(payload) }).then((r) =>
        r.json(),
      );
    await write('', 'PATCH', { generation: { requireLocked: false } });
    const scene = await write('/scenes', 'POST', { heading: 'EXT. PIER - DAWN' });
    shotId = (
      await write(`/scenes/${scene.id}/shots`, 'POST', {
        plan: { job: 'Establish the pier', subjectAction: 'A gull lands on the rail.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Gull readable'], targetFrames: 48 },
      })
    ).id;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: server.url }]);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    await fake?.close();
  });

  it('starts a workflow from the sample, from the settings tab', async () => {
    await page.goto(`${server.url}/projects/${projectId}/settings`);
    await page.getByRole('link', { name: 'ComfyUI workflows' }).click();
    await page.getByText('No ComfyUI workflows yet').waitFor();
    await page.getByRole('form', { name: 'New ComfyUI workflow' }).getByLabel('Name').fill('Pier t2v');
    await page.getByRole('button', { name: 'Start from the sample' }).click();
    await page.getByRole('heading', { name: 'Pier t2v · v1' }).waitFor();
    workflowId = new URL(page.url()).searchParams.get('workflow')!;
    expect(workflowId).toBeTruthy();
    expect(await page.getByLabel('prompt node', { exact: true }).inputValue()).toBe('6');
  });

  it('refuses a seed mapped to a node the workflow does not have, beside that field, and saves nothing', async () => {
    await page.getByLabel('seed node', { exact: true }).fill('99');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByRole('alert').filter({ hasText: 'the workflow has no node 99' }).waitFor();
    const res = await page.request.get(`${server.url}/api/v1/projects/${projectId}/comfyui/workflows/${workflowId}`);
    expect((await res.json()).currentVersion).toBe(1);
  });

  it('refuses a replacement graph that is not JSON, naming the graph', async () => {
    await page.getByLabel('seed node', { exact: true }).fill('3a');
    await page.getByLabel('Replace the graph (optional)').fill('{"6": {');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByRole('alert').filter({ hasText: 'is not JSON' }).waitFor();
    await page.getByLabel('Replace the graph (optional)').fill('');
  });

  it('saves the seed mapped to the sampler as version 2', async () => {
    await page.getByLabel('seed node', { exact: true }).fill('3a');
    await page.getByLabel('seed input', { exact: true }).fill('seed');
    await page.getByLabel('Note').fill('Seed back on the sampler');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByRole('heading', { name: 'Pier t2v · v2' }).waitFor();
    await page.getByRole('cell', { name: 'Seed back on the sampler' }).waitFor();
  });

  it("picks the workflow as the model in the shot's generate panel and gets a take", async () => {
    await page.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await page.getByRole('button', { name: 'Generate takes' }).first().click();
    const panel = page.getByRole('form', { name: 'Generate' });
    await panel.getByLabel('Model').selectOption(`comfyui/${workflowId}`);
    await panel.getByText('The exact request').waitFor();
    const generate = panel.getByRole('button', { name: 'Generate 1 take' });
    await expect.poll(() => generate.isEnabled()).toBe(true);
    await generate.click();
    const card = page.getByRole('list', { name: 'Takes' }).getByRole('listitem', { name: 'TK001', exact: true });
    await card.getByText('succeeded', { exact: true }).waitFor({ timeout: 60_000 });
    expect([...fake.creates.values()].reduce((a, b) => a + b, 0)).toBe(1);
  });
});

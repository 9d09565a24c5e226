/**
 * Messages that say what is true now, in a real browser against a real server on a tiny project
 * (320×180, 24 fps): a field's "is required" goes once something is typed in it, and every field
 * the server refuses is marked, each with its own message; every bad field of the generate panel
 * shows red; three previs renders are said to cost nothing and are counted as three; the line
 * about the takes just asked for follows them from queued to succeeded; and a coverage draft's
 * summary follows its plan as it is edited.
 * Assertions are what a member sees.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const PLAN = {
  job: 'Mara reaches the counter',
  subjectAction: 'Mara walks to the counter and sets down the thermos',
  camera: { size: 'MS', movement: 'push-in' },
  reviewCriteria: ['Mara stays in frame'],
  targetFrames: 12,
};

let server: RunningServer;
let browser: Browser;
let page: Page;
let projectId = '';
let sceneId = '';
let shotId = '';

async function post(path: string, data: unknown) {
  const res = await page.request.post(`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

/** The message shown under a field, or null when it shows none. */
async function fieldError(scope: ReturnType<Page['getByRole']>, label: string): Promise<string | null> {
  const control = scope.getByLabel(label, { exact: true });
  if ((await control.getAttribute('aria-invalid')) !== 'true') return null;
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
  return ids.length ? page.locator(`[id="${ids[0]}"]`).innerText() : '';
}

describe('messages that say what is true now', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    await post('/setup', OWNER);
    projectId = (await post('/projects', { name: 'Night Run', code: 'NIGHT', frameRate: '24/1', resolution: { width: 320, height: 180 } })).project.id;
    sceneId = (await post(`/projects/${projectId}/scenes`, { heading: 'INT. DINER - NIGHT', characters: ['MARA'] })).id;
    shotId = (await post(`/projects/${projectId}/scenes/${sceneId}/shots`, { plan: PLAN })).id;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('marks every field the server refuses, and a field’s "is required" goes once something is typed in it', async () => {
    await page.goto(`${server.url}/projects`);
    await page.getByRole('button', { name: 'New project' }).first().click();
    const form = page.getByRole('form', { name: 'New project' });
    await form.getByRole('button', { name: 'Create project' }).click();
    // Both the name and the code are missing: both are marked, each with its message.
    await expect.poll(() => fieldError(form, 'Name')).toBe('is required');
    expect(await fieldError(form, 'Code')).not.toBeNull();
    await form.getByLabel('Name', { exact: true }).fill('Day Run');
    await expect.poll(() => fieldError(form, 'Name')).toBeNull();
    expect(await form.getByText('is required').count()).toBe(0);
    // The code still says what is wrong with it until it is typed in too.
    expect(await fieldError(form, 'Code')).not.toBeNull();
    await form.getByLabel('Code', { exact: true }).fill('DAY');
    await expect.poll(() => fieldError(form, 'Code')).toBeNull();
  });

  it('shows every bad field of the generate panel red, and says three previs renders cost nothing', async () => {
    await page.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await page.getByRole('button', { name: 'Generate takes' }).first().click();
    const panel = page.getByRole('form', { name: 'Generate' });
    const model = panel.getByLabel('Model');
    const previs = await model.evaluate((s: HTMLSelectElement) => [...s.options].find((o) => o.value.startsWith('previs/') && !o.disabled)?.value);
    await model.selectOption(previs!);
    await panel.getByLabel('Takes').fill('3');
    await panel.getByText('The exact request').waitFor();
    const estimate = panel.getByLabel('Estimate');
    await expect.poll(() => estimate.innerText()).toMatch(/3 takes, at no cost/);
    const words = await panel.innerText();
    expect(words).not.toMatch(/Charged in/);
    expect(words).not.toMatch(/1 previs render/);
    expect(words).toContain('Costs nothing.');

    // Three bad fields at once: each is marked.
    await panel.getByLabel('Length (frames)').fill('0');
    await panel.getByLabel('Seed').fill('abc');
    await panel.getByLabel('Takes').fill('13');
    await expect.poll(() => fieldError(panel, 'Seed')).toBe('must be a whole number');
    await expect.poll(() => fieldError(panel, 'Length (frames)')).not.toBeNull();
    expect(await fieldError(panel, 'Takes')).toBe('must be at most 12');
    // Mended, the marks go.
    await panel.getByLabel('Length (frames)').fill('');
    await panel.getByLabel('Seed').fill('');
    await panel.getByLabel('Takes').fill('3');
    for (const label of ['Length (frames)', 'Seed', 'Takes']) await expect.poll(() => fieldError(panel, label)).toBeNull();
  });

  it('follows the takes just asked for from queued to succeeded', async () => {
    const panel = page.getByRole('form', { name: 'Generate' });
    const generate = panel.getByRole('button', { name: 'Generate 3 takes' });
    await expect.poll(() => generate.isEnabled()).toBe(true);
    await generate.click();
    const line = page.getByLabel('The takes just asked for');
    await line.waitFor();
    expect(await line.innerText()).toMatch(/^TK001–TK003/);
    await expect.poll(() => line.innerText(), { timeout: 90_000 }).toBe('TK001–TK003 succeeded.');
  });

  it('keeps a coverage draft’s summary on the plan as it is edited, and as it was added', async () => {
    await page.goto(`${server.url}/projects/${projectId}/shots`);
    await page.getByRole('button', { name: 'Draft coverage for scene 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Draft coverage for scene 1' });
    await dialog.getByRole('button', { name: 'Draft shots' }).click();
    const draft = dialog.getByRole('list', { name: 'Coverage drafts' }).getByRole('listitem').first();
    await draft.waitFor();
    await draft.getByRole('button', { name: /^Edit / }).click();
    await draft.getByLabel('Shot job').fill('Mara hides the thermos');
    await expect.poll(() => draft.getByLabel('Summary').innerText()).toContain('Mara hides the thermos');
    await draft.getByRole('button', { name: 'Create shot' }).click();
    await draft.getByText('added as').waitFor();
    expect(await draft.getByLabel('Summary').innerText()).toContain('Mara hides the thermos');
  });
});

/**
 * Provider keys in a real browser against a real server and the fake ModelArk: the owner adds the
 * project's Seedance key (a password field; afterwards only its last four characters show), tests
 * the connection, sees a wrong key reported refused; the admin's instance key shows in the project
 * as "the instance's" once the project's own is removed. The page never holds the key.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeedanceFake, type SeedanceFake } from '../apps/server/test/fakes/seedance.fake.ts';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const ADA = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery' };
const GOOD = 'ark-live-key-7f6e5d4c3b2a1908';
const INSTANCE = 'ark-instance-key-aa11bb22cc33';

let fake: SeedanceFake;
let server: RunningServer;
let browser: Browser;
let page: Page;
let projectId = '';
let shotId = '';

describe('provider keys', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    fake = await startSeedanceFake();
    fake.keys.add(GOOD);
    fake.keys.add(INSTANCE);
    server = await startServer({
      env: { BACKLOT_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'), BACKLOT_SEEDANCE_URL: fake.baseUrl, BACKLOT_PROVIDER_ALLOW_HOSTS: fake.host, BACKLOT_POLL_SECONDS: '1' },
    });
    const setup = await fetch(`${server.url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADA) });
    const cookie = setup.headers.get('set-cookie')!.split(';')[0];
    const project = await fetch(`${server.url}/api/v1/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body: JSON.stringify({ name: 'Lighthouse', code: 'LH', frameRate: '24/1', timecodeMode: 'ndf', resolution: { width: 1920, height: 1080 }, currency: 'USD', budget: '100' }),
    });
    projectId = (await project.json()).project.id;
    const write = (path: string, method: string, payload: unknown) =>
      fetch(`${server.url}/api/v1/projects/${projectId}${path}`, { method, headers: { 'content-type': 'application/json', cookie, origin: server.url }, body: JSON.stringify(payload) }).then((r) =>
        r.json(),
      );
    await write('', 'PATCH', { generation: { requireLocked: false } });
    const scene = await write('/scenes', 'POST', { heading: 'EXT. LIGHTHOUSE - DUSK' });
    shotId = (
      await write(`/scenes/${scene.id}/shots`, 'POST', {
        plan: { job: 'Establish the lighthouse', subjectAction: 'The keeper lights the lamp.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Lamp lit'], targetFrames: 120 },
      })
    ).id;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
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

  const row = () => page.getByRole('row').filter({ hasText: 'Seedance' });

  it("adds the project's key in a password field, and afterwards shows only its last four characters", async () => {
    await page.goto(`${server.url}/projects/${projectId}/settings`);
    await page.getByRole('link', { name: 'Provider keys' }).click();
    await row().getByText('no key').waitFor();
    await page.getByRole('button', { name: 'Add the Seedance key' }).click();
    const field = page.getByRole('dialog').getByLabel('Key', { exact: true });
    expect(await field.getAttribute('type')).toBe('password');
    await field.fill('ark-wrong-key-000000');
    await page.getByRole('button', { name: 'Save key' }).click();
    await row().getByText('…0000').waitFor();
    expect(await page.content()).not.toContain('ark-wrong-key-000000');
  });

  it('tests the connection: a wrong key is reported refused, the right one accepted', async () => {
    await row().getByRole('button', { name: 'Test connection' }).click();
    await row().getByText('Seedance refused the key: AuthenticationError (HTTP 401)').waitFor();
    await page.getByRole('button', { name: 'Replace the Seedance key' }).click();
    await page.getByRole('dialog').getByLabel('Key', { exact: true }).fill(GOOD);
    await page.getByRole('button', { name: 'Save key' }).click();
    await row().getByText('…1908').waitFor();
    await row().getByRole('button', { name: 'Test connection' }).click();
    await row().getByText('Seedance accepted the key').waitFor();
    expect(fake.authorizations).toContain(`Bearer ${GOOD}`);
    expect(await page.content()).not.toContain(GOOD);
  });

  it("uses the instance's key once the project's own is removed, and says whose it is", async () => {
    await page.goto(`${server.url}/admin/keys`);
    await page.getByRole('button', { name: 'Add the Seedance key' }).click();
    await page.getByRole('dialog').getByLabel('Key', { exact: true }).fill(INSTANCE);
    await page.getByRole('button', { name: 'Save key' }).click();
    await row().getByText('…cc33').waitFor();

    await page.goto(`${server.url}/projects/${projectId}/settings/keys`);
    await page.getByRole('button', { name: 'Remove the Seedance key' }).click();
    await page.getByRole('button', { name: 'Remove key' }).click();
    await row().getByText("(the instance's)").waitFor();
    expect(await row().getByText('…cc33').isVisible()).toBe(true);
  });

  it('generates a Seedance 2.5 draft from the panel, and renders it as the final from its page', async () => {
    await page.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await page.getByRole('button', { name: 'Generate takes' }).first().click();
    const panel = page.getByRole('form', { name: 'Generate' });
    await panel.getByLabel('Model').selectOption('seedance/dreamina-seedance-2-5-260628');
    await panel.getByLabel(/^Draft/).check();
    await panel.getByText('The exact request').waitFor();
    const generate = panel.getByRole('button', { name: 'Generate 1 take' });
    await expect.poll(() => generate.isEnabled()).toBe(true);
    await generate.click();
    const draftCard = page.getByRole('list', { name: 'Takes' }).getByRole('listitem', { name: 'TK001', exact: true });
    await draftCard.getByText('succeeded', { exact: true }).waitFor({ timeout: 60_000 });
    expect(fake.creates.at(-1)).toMatchObject({ draft: true, resolution: '480p', duration: 5 });

    await draftCard.getByRole('link').first().click();
    await page.waitForURL(/\/takes\/[0-9a-f-]{36}$/);
    const draftUrl = page.url();
    await page.getByRole('button', { name: 'Render the final' }).click();
    await page
      .getByRole('dialog')
      .getByText(/estimated at/)
      .waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Render the final' }).click();
    await page.waitForURL((u) => u.href !== draftUrl && /\/takes\/[0-9a-f-]{36}$/.test(u.pathname));
    // The final's own page (TK002), not the draft's still on screen, and its status there.
    await page.getByRole('heading', { level: 1, name: /TK002$/ }).waitFor();
    await page.locator('.take-sub').getByText('succeeded', { exact: true }).waitFor({ timeout: 60_000 });
    expect(fake.creates.at(-1)).toMatchObject({ resolution: '1080p', draft: false });
    expect(fake.creates.at(-1)?.draft_task).toMatch(/^cgt-/);
  });
});

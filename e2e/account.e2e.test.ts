/**
 * The account page in a real browser against a real server: a password change keeps API tokens
 * unless the box to revoke them is ticked; ticked, the tokens stop working and the list empties.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const ADA = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery' };

let server: RunningServer;
let browser: Browser;
let page: Page;
let cookie = '';

async function createToken(name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: server.url }, body: JSON.stringify({ name }) });
  expect(res.status).toBe(201);
  return (await res.json()).secret;
}

const tokenWorks = async (secret: string) => (await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } })).status === 200;

async function changePassword(from: string, to: string, revokeTokens: boolean) {
  await page.getByLabel('Current password').fill(from);
  await page.getByLabel('New password').fill(to);
  await page.getByLabel('Also revoke my API tokens').setChecked(revokeTokens);
  await page.getByRole('button', { name: 'Change password' }).click();
}

describe('account page', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    const setup = await fetch(`${server.url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADA) });
    cookie = setup.headers.get('set-cookie')!.split(';')[0];
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
  });

  it('changes the password and keeps the API tokens when the box is left clear', async () => {
    const secret = await createToken('render farm');
    await page.goto(`${server.url}/account`);
    await page.getByRole('cell', { name: 'render farm', exact: true }).waitFor();
    await changePassword(ADA.password, 'second password 2', false);
    await page.getByText('Password changed. Your other sessions have ended; your API tokens still work.').waitFor();
    expect(await tokenWorks(secret)).toBe(true);
    expect(await page.getByRole('cell', { name: 'render farm', exact: true }).isVisible()).toBe(true);
  });

  it('revokes every API token with the password change when the box is ticked, and the list shows none', async () => {
    const nightly = await createToken('nightly export');
    await page.reload();
    await page.getByRole('cell', { name: 'nightly export', exact: true }).waitFor();
    await changePassword('second password 2', 'third password 3', true);
    await page.getByText('Password changed. Your other sessions have ended and your API tokens are revoked.').waitFor();
    await page.getByText('No API tokens').waitFor();
    expect(await tokenWorks(nightly)).toBe(false);
    // This session goes on.
    await page.reload();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
  });
});

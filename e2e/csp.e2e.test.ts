/**
 * The web UI under its Content-Security-Policy, in Chromium against a real server: every page,
 * from first run to the admin pages, with the sample project's previs takes playing, reports no
 * `securitypolicyviolation` and logs no CSP error. The collector itself is checked first: an
 * inline script planted in the page is reported.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };

/** What the page reported: `securitypolicyviolation` events and console errors about the policy. */
interface Violation {
  page: string;
  what: string;
}

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
let projectId = '';
const ids = { scene: '', shot: '', takes: [] as string[], asset: '' };

declare global {
  interface Window {
    __violations?: string[];
  }
}

/** Every violation the current document saw, and the console's CSP errors since the last call. */
async function reported(label: string): Promise<Violation[]> {
  const events = await page.evaluate(() => window.__violations ?? []);
  const logged = consoleErrors.splice(0);
  return [...events, ...logged.filter((t) => /content security policy/i.test(t))].map((what) => ({ page: label, what }));
}

/** Waits until the page has loaded its data, its pictures have loaded (or failed) and its videos know their size. */
async function settled() {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.loading').length === 0 &&
      [...document.images].every((i) => i.complete) &&
      [...document.querySelectorAll('video')].every((v) => v.readyState >= 1 || v.error !== null),
    undefined,
    { timeout: 20_000 },
  );
}

/** Opens a page, waits for its main heading and its media, and returns what the policy refused there. */
async function visit(path: string, ready: (p: Page) => Promise<unknown> = (p) => p.getByRole('heading').first().waitFor()): Promise<Violation[]> {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  try {
    await ready(page);
    await settled();
  } catch (err) {
    throw new Error(`${path} did not finish loading: ${(err as Error).message}`);
  }
  return reported(path);
}

/** A JSON call through the browser's session, as the web UI makes it. */
async function api<T>(method: 'get' | 'post', path: string, data?: object): Promise<T> {
  const res = await page.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

describe('the web UI under its Content-Security-Policy', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__violations!.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'}${e.sample ? ` (${e.sample})` : ''} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('sends the policy with the page, and reports what it refuses', async () => {
    const response = await page.goto(`${server.url}/setup`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('button', { name: 'Create admin account' }).waitFor();
    // An inline script is what the policy exists to stop: the collector must see it.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.head.append(s);
    });
    await page.waitForFunction(() => (window.__violations ?? []).length > 0);
    expect(await page.evaluate(() => (window as { __ran?: boolean }).__ran)).toBeUndefined();
    expect((await reported('/setup')).map((v) => v.what).join('\n')).toMatch(/script-src(-elem)? refused inline/);
  });

  it('runs first-run setup, signs out and in again, with no violation', async () => {
    const found: Violation[] = [];
    found.push(...(await visit('/setup', (p) => p.getByRole('button', { name: 'Create admin account' }).waitFor())));
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
    found.push(...(await reported('/projects (empty)')));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    found.push(...(await reported('/sign-in (signed out)')));
    for (const path of ['/forgot-password', '/reset-password', '/invite']) found.push(...(await visit(path)));
    found.push(...(await visit('/sign-in', (p) => p.getByLabel('Email').waitFor())));
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
    found.push(...(await reported('/projects after sign-in')));
    expect(found).toEqual([]);
  });

  it('builds the sample project and waits for its previs takes', async () => {
    const demo = await api<{ projectId: string; takeIds: string[] }>('post', '/demo');
    projectId = demo.projectId;
    ids.takes = demo.takeIds;
    const deadline = Date.now() + 110_000;
    for (;;) {
      const takes = await Promise.all(ids.takes.map((id) => api<{ status: string }>('get', `/projects/${projectId}/takes/${id}`)));
      if (takes.every((t) => t.status === 'succeeded')) break;
      expect(takes.filter((t) => ['failed', 'canceled'].includes(t.status))).toEqual([]);
      expect(Date.now()).toBeLessThan(deadline);
      await page.waitForTimeout(500);
    }
    const { scenes } = await api<{ scenes: { id: string }[] }>('get', `/projects/${projectId}/scenes`);
    ids.scene = scenes[0].id;
    const first = await api<{ shotId: string }>('get', `/projects/${projectId}/takes/${ids.takes[0]}`);
    ids.shot = first.shotId;
    const { assets } = await api<{ assets: { id: string }[] }>('get', `/projects/${projectId}/assets`);
    ids.asset = assets[0].id;
    // A select plays in the scene's continuity; a note with a drawing shows on the player.
    await api('post', `/projects/${projectId}/takes/${ids.takes[0]}/review`, { state: 'selected' });
    const drawing = {
      width: 960,
      height: 540,
      shapes: [
        { type: 'box', x: 100, y: 80, w: 200, h: 120, colour: '#ff3b30', width: 4 },
        { type: 'arrow', from: [500, 400], to: [420, 300], colour: '#ffd60a', width: 3 },
      ],
    };
    await api('post', `/projects/${projectId}/takes/${ids.takes[0]}/notes`, { body: 'Hold on the shutter a beat longer', frame: 6, drawing });
  }, 120_000);

  it('shows every project page, takes playing, with no violation', async () => {
    const base = `/projects/${projectId}`;
    const [t1, t2] = ids.takes;
    const found: Violation[] = [];
    found.push(...(await visit('/projects')));
    const pictures = (p: Page) => p.locator('main img').first().waitFor();
    for (const [path, ready] of [
      [base],
      [`${base}/scenes`],
      [`${base}/scenes?scene=${ids.scene}`],
      [`${base}/scenes/${ids.scene}/storyboard`, (p: Page) => p.getByRole('list', { name: /^Storyboard of scene/ }).waitFor()],
      [`${base}/revisions`, (p: Page) => p.getByRole('heading', { name: 'Script revisions' }).waitFor()],
      [`${base}/shots`],
      [`${base}/shots/${ids.shot}`, pictures],
      [`${base}/shots/${ids.shot}/takes`, pictures],
      [`${base}/takes`, pictures],
      [`${base}/assets`, pictures],
      [`${base}/assets/${ids.asset}`, pictures],
      [`${base}/dailies`],
      [`${base}/audit`],
      [`${base}/settings`],
      [`${base}/settings/members`],
      [`${base}/settings/keys`],
    ] as [string, ((p: Page) => Promise<unknown>)?][]) {
      found.push(...(await visit(path, ready)));
    }
    // The player: the proxy plays, a frame step paints, the filmstrip shows under the pointer.
    found.push(
      ...(await visit(`${base}/takes/${t1}`, async (p) => {
        await p.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
      })),
    );
    await page.locator('video').first().click();
    await page.keyboard.press('ArrowRight');
    found.push(...(await reported('the player after a frame step')));
    // The note field with its list of members open (react-aria).
    await page.getByRole('region', { name: 'Notes' }).getByRole('combobox', { name: 'Note' }).click();
    await page.keyboard.type('@');
    await page.getByRole('listbox', { name: 'Members' }).waitFor();
    found.push(...(await reported('the note field listing members')));
    found.push(...(await visit(`${base}/compare?ids=${t1},${t2}`, (p) => p.waitForFunction(() => document.querySelectorAll('video').length === 2))));
    found.push(...(await visit(`${base}/compare?ids=${t1},${t2}&layout=wipe`, (p) => p.waitForFunction(() => document.querySelectorAll('video').length >= 1))));
    found.push(...(await visit(`${base}/scenes/${ids.scene}/continuity`, (p) => p.waitForFunction(() => document.querySelectorAll('video').length >= 1))));
    expect(found).toEqual([]);
  }, 120_000);

  it('shows the account and admin pages with no violation', async () => {
    const found: Violation[] = [];
    for (const path of ['/account', '/admin/accounts', '/admin/settings', '/admin/keys', '/admin/audit', '/no-such-page']) found.push(...(await visit(path)));
    expect(found).toEqual([]);
  });
});

/**
 * The web UI in a real browser against a real server: first run, sign-in, projects, an invited
 * viewer who sees the project read-only, a role change, closing the project, and the audit chain.
 * Assertions are what a member would see on screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery' };
const VIEWER = { name: 'Vera Viewer', email: 'vera@example.com', password: 'staple gun tripod' };

let server: RunningServer;
let browser: Browser;
let ownerContext: BrowserContext;
let owner: Page;
let viewer: Page;
let projectUrl = '';
let inviteLink = '';

/** The main navigation of the open project, by its link names. */
async function projectNav(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Project' });
  await nav.waitFor();
  return nav.getByRole('link').allInnerTexts();
}

async function openSettings(page: Page) {
  await page.goto(`${projectUrl}/settings`);
  await page.getByRole('heading', { name: 'Details' }).waitFor();
}

describe('web UI', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    ownerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    owner = await ownerContext.newPage();
    owner.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('first run creates the instance admin and lands on the projects', async () => {
    await owner.goto(server.url);
    await owner.waitForURL('**/setup');
    await owner.getByLabel('Your name').fill(OWNER.name);
    await owner.getByLabel('Email').fill(OWNER.email);
    await owner.getByLabel('Password').fill(OWNER.password);
    await owner.getByRole('button', { name: 'Create admin account' }).click();
    await owner.getByRole('heading', { name: 'No projects yet' }).waitFor();
    expect(owner.url()).toBe(`${server.url}/projects`);
    // Setup is over: the first-run page now sends to the projects.
    await owner.goto(`${server.url}/setup`);
    await owner.waitForURL('**/projects');
  });

  it('signs out, refuses a wrong password with the server’s words, and signs in again', async () => {
    await owner.getByRole('button', { name: 'Sign out' }).click();
    await owner.getByText('You are signed out.').waitFor();
    await owner.getByLabel('Email').fill(OWNER.email);
    await owner.getByLabel('Password').fill('not the password');
    await owner.getByLabel('Password').press('Enter');
    await owner.getByText('That email and password do not match an account.').waitFor();
    await owner.getByLabel('Password').fill(OWNER.password);
    await owner.getByRole('button', { name: 'Sign in', exact: true }).click();
    await owner.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
  });

  it('creates a project: a bad code is named beside its field, a good one opens and is listed', async () => {
    await owner.getByRole('button', { name: 'New project' }).first().click();
    const dialog = owner.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Name', { exact: true }).fill('Night Shift');
    await dialog.getByLabel('Code', { exact: true }).fill('night 1');
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await dialog.getByText('must be 2–10 upper-case letters or digits, starting with a letter').waitFor();
    expect(await dialog.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await dialog.getByLabel('Code', { exact: true }).fill('NIGHT');
    await dialog.getByLabel('Code', { exact: true }).press('Enter');
    await owner.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Night Shift').waitFor();
    projectUrl = owner.url().replace(/\/[a-z]+$/, '');

    // A second project, at 23.976 with drop-frame refused by the form's own choices.
    await owner.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Projects' }).click();
    // The shortcut belongs to the projects page: press it once that page shows its list.
    await owner.getByRole('table', { name: 'Projects' }).getByRole('link', { name: 'Night Shift' }).waitFor();
    await owner.keyboard.press('n');
    const second = owner.getByRole('dialog', { name: 'New project' });
    await second.getByLabel('Name', { exact: true }).fill('Dawn Patrol');
    await second.getByLabel('Code', { exact: true }).fill('DAWN');
    await second.getByLabel('Frame rate').selectOption('24000/1001');
    await second.getByLabel('Budget').fill('12500.00');
    await second.getByRole('button', { name: 'Create project' }).click();
    await owner.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Dawn Patrol').waitFor();

    await owner.goto(`${server.url}/projects`);
    const table = owner.getByRole('table', { name: 'Projects' });
    await table.getByRole('link', { name: 'Night Shift' }).waitFor();
    expect(await table.getByText('23.976 fps').count()).toBe(1);
    await owner.screenshot({ path: '/tmp/backlot-projects.png' });

    // Keyboard: "?" lists the page's shortcuts, Esc closes; j moves to a project and Enter opens it.
    await owner.keyboard.press('?');
    await owner.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('Next project').waitFor();
    await owner.keyboard.press('Escape');
    await owner.getByRole('dialog').waitFor({ state: 'detached' });
    await owner.keyboard.press('j');
    await owner.keyboard.press('Enter');
    await owner.getByRole('navigation', { name: 'Project' }).waitFor();
  });

  it('invites a viewer, whose link is copied and opened in another browser to create the account', async () => {
    await owner.goto(`${projectUrl}/settings/members`);
    await owner.getByRole('button', { name: 'Invite member' }).first().click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('Email').fill(VIEWER.email);
    await dialog.getByLabel('Role').selectOption('viewer');
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    await dialog.getByText('This Backlot does not send mail').waitFor();
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    inviteLink = await owner.evaluate(() => navigator.clipboard.readText());
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/invite#token=.+`));
    expect(await dialog.getByLabel('Invitation link').inputValue()).toBe(inviteLink);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await owner.getByRole('table', { name: 'Pending invitations' }).getByText(VIEWER.email).waitFor();

    const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    viewer = await viewerContext.newPage();
    viewer.setDefaultTimeout(10_000);
    await viewer.goto(inviteLink);
    await viewer.getByText('You are invited to join').waitFor();
    expect(await viewer.locator('.auth-intro').innerText()).toContain('Night Shift as viewer');
    await viewer.getByLabel('Your name').fill(VIEWER.name);
    await viewer.getByLabel('Password').fill(VIEWER.password);
    await viewer.getByRole('button', { name: 'Create account and join' }).click();
    await viewer.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Night Shift').waitFor();
  });

  it('shows the viewer the project read-only: no edit, invite, members or audit', async () => {
    expect(await projectNav(viewer)).toEqual(['Takes', 'Dailies', 'Settings']);
    await openSettings(viewer);
    await viewer.getByText('viewer', { exact: true }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await viewer.getByRole('textbox').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Close project' }).count()).toBe(0);
    expect(await viewer.getByRole('link', { name: 'Members' }).count()).toBe(0);

    await viewer.goto(`${projectUrl}/settings/members`);
    await viewer.getByText('Not part of the viewer role').waitFor();
    expect(await viewer.getByRole('button', { name: 'Invite member' }).count()).toBe(0);
    await viewer.goto(`${projectUrl}/audit`);
    await viewer.getByText('you may not read the audit log').waitFor();
  });

  it('lets the owner make the viewer a producer, who then may edit the settings', async () => {
    await owner.goto(`${projectUrl}/settings/members`);
    const changed = owner.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/members/'));
    await owner.getByLabel(`Role of ${VIEWER.name}`).selectOption('producer');
    expect((await changed).status()).toBe(200);
    await owner.reload();
    expect(await owner.getByLabel(`Role of ${VIEWER.name}`).inputValue()).toBe('producer');

    await viewer.reload();
    await openSettings(viewer);
    expect(await projectNav(viewer)).toContain('Audit');
    const budget = viewer.getByLabel('Budget');
    await budget.fill('25000.00');
    await viewer.getByRole('button', { name: 'Save settings' }).click();
    await viewer.getByText('Settings saved.').waitFor();
    expect(await viewer.getByRole('button', { name: 'Close project' }).count()).toBe(0);

    await openSettings(owner);
    await owner.getByLabel('Budget').waitFor();
    expect(await owner.getByLabel('Budget').inputValue()).toBe('25000.00');
    await owner.screenshot({ path: '/tmp/backlot-settings.png', fullPage: true });
  });

  it('closes the project: it leaves the list, shows with "show closed", and is read-only', async () => {
    await owner.getByRole('button', { name: 'Close project' }).click();
    const confirm = owner.getByRole('dialog', { name: 'Close NIGHT?' });
    expect(await confirm.innerText()).toContain('becomes read-only for all its members and leaves the project list');
    await confirm.getByRole('button', { name: 'Close project' }).click();
    await owner.getByText('This project is closed and read-only').waitFor();
    expect(await owner.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    await owner.getByRole('button', { name: 'Reopen project' }).first().waitFor();

    await owner.goto(`${server.url}/projects`);
    const table = owner.getByRole('table', { name: 'Projects' });
    await table.getByRole('link', { name: 'Dawn Patrol' }).waitFor();
    expect(await table.getByRole('link', { name: 'Night Shift' }).count()).toBe(0);
    await owner.getByLabel('Show closed').click();
    await table.getByRole('link', { name: 'Night Shift' }).click();
    await owner.getByText('This project is closed and read-only').waitFor();

    await openSettings(viewer);
    await viewer.getByText('This project is closed and read-only').waitFor();
    expect(await viewer.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Reopen project' }).count()).toBe(0);
  });

  it('lists these changes in the audit log, and the chain verifies', async () => {
    await owner.goto(`${projectUrl}/audit`);
    const log = owner.getByRole('table', { name: 'Audit log' });
    await log.waitFor();
    const text = await log.innerText();
    for (const line of [
      'created NIGHT “Night Shift”',
      `invited ${VIEWER.email} as viewer`,
      'accepted the invitation and joined as viewer',
      'role from viewer to producer',
      'changed budget from 0.00 to 25000.00',
      'closed the project',
    ]) {
      expect(text).toContain(line);
    }
    // Newest first.
    expect(text.indexOf('closed the project')).toBeLessThan(text.indexOf('created NIGHT'));
    await owner.getByRole('button', { name: 'Verify chain' }).click();
    await owner.getByText('Chain intact: all 6 events verified').waitFor();
  });

  it('renames you and makes an API token that scripts use until it is revoked', async () => {
    await owner.goto(`${server.url}/account`);
    await owner.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await owner.getByRole('button', { name: 'Save name' }).click();
    await owner.getByText('Name saved.').waitFor();
    await owner.getByRole('link', { name: 'Ada Lovelace' }).waitFor(); // the account link in the top bar

    await owner.getByRole('button', { name: 'Create token' }).first().click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('Name').fill('edit bay');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const secret = await dialog.getByLabel('Token secret').inputValue();
    expect(secret).toMatch(/^blt_/);
    const asScript = () => fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await (await asScript()).json()).account.name).toBe('Ada Lovelace');
    await dialog
      .getByRole('button')
      .filter({ hasText: /^Done$|^Close$/ })
      .first()
      .click();

    await owner.getByRole('button', { name: 'Revoke edit bay' }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await owner.getByRole('heading', { name: 'No API tokens' }).waitFor();
    expect((await asScript()).status).toBe(401);
  });
});

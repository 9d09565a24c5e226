/**
 * Retention in a real browser against a real server: two previs takes rendered for real, one
 * rejected and one selected, finished long ago. The owner turns retention on in the project's
 * settings, sees the rejected take in the preview, purges it (asked once, with live progress), and
 * finds it shown as purged (its poster, no player) on its page and its card; the select still plays.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';
import { apiCall, memberPage, waitForRenders } from './support/team.ts';

const OWNER = { name: 'Olga Owner', email: 'olga@example.com', password: 'keep what matters 1' };
const PLAN = { job: 'Cover the vault', subjectAction: 'The door swings open.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['door'], targetFrames: 12 };

describe('retention in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: Page;
  let projectId = '';
  let takes: { id: string; code: string }[] = [];
  const screenshots = process.env.BACKLOT_SCREENSHOTS;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    owner = await memberPage(browser);
    await apiCall(server, owner, 'post', '/setup', OWNER);
    projectId = (await apiCall(server, owner, 'post', '/projects', { name: 'Vault', code: 'VLT', frameRate: '24/1', resolution: { width: 320, height: 180 } })).project.id;
    const scene = await apiCall(server, owner, 'post', `/projects/${projectId}/scenes`, { heading: 'INT. VAULT - NIGHT' });
    const shotId = (await apiCall(server, owner, 'post', `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: PLAN })).id;
    await apiCall(server, owner, 'post', `/projects/${projectId}/shots/${shotId}/takes`, { provider: 'previs', model: 'previs-animatic', count: 2 });
    takes = (await waitForRenders(server, owner, projectId, shotId, 2)).sort((a, b) => a.code.localeCompare(b.code));
    await apiCall(server, owner, 'post', `/projects/${projectId}/takes/${takes[0].id}/review`, { state: 'rejected' });
    await apiCall(server, owner, 'post', `/projects/${projectId}/takes/${takes[1].id}/review`, { state: 'selected' });
    // The takes finished long ago: the database is told so, as time would.
    const db = new Database(join(server.dataDir, 'backlot.sqlite'));
    db.pragma('busy_timeout = 5000');
    db.prepare('update takes set finished_at = ? where project_id = ?').run('2026-01-02T09:00:00.000Z', projectId);
    db.close();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('turns retention on, previews, purges with live progress, and shows the take as purged', async () => {
    await owner.goto(`${server.url}/projects/${projectId}/settings`);
    await owner.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Retention' }).click();
    await owner.getByLabel('Allow the media of rejected takes to be purged').check();
    await owner.getByLabel('Older than (days)').fill('30');
    await owner.getByRole('button', { name: 'Save retention' }).click();

    const table = owner.getByRole('table', { name: 'Takes a purge would free' });
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await expect.poll(() => table.textContent()).toContain('SC001_SH010 TK001');
    expect(await table.textContent()).not.toContain('TK002');
    if (screenshots) await owner.screenshot({ path: join(screenshots, 'retention-preview.png'), fullPage: true });

    await owner.getByRole('button', { name: 'Purge 1 take…' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Purge the media of 1 rejected take?' });
    await dialog.getByRole('button', { name: 'Purge media' }).click();
    const status = owner.locator('.retention-progress[role="status"]');
    await expect.poll(() => status.textContent()).toMatch(/^Purged: 1 of 1 takes checked, .+ freed$/);
    await expect.poll(() => owner.getByText('Purged the media of 1 take, freeing').count()).toBe(1);
    // The preview reloads: nothing is left to purge.
    await expect.poll(() => owner.getByText('Nothing to purge now').count()).toBe(1);
    if (screenshots) await owner.screenshot({ path: join(screenshots, 'retention-purged.png'), fullPage: true });

    // The take's page: its poster and the purged state instead of a player.
    await owner.goto(`${server.url}/projects/${projectId}/takes/${takes[0].id}`);
    const purged = owner.locator('.player-purged');
    await expect.poll(() => purged.textContent()).toContain('Media purged');
    await expect.poll(() => purged.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await owner.locator('video').count()).toBe(0);
    if (screenshots) await owner.screenshot({ path: join(screenshots, 'retention-take.png') });

    // The select still plays.
    await owner.goto(`${server.url}/projects/${projectId}/takes/${takes[1].id}`);
    await expect.poll(() => owner.locator('video').count()).toBeGreaterThan(0);

    // The takes grid: the purged take's card says so over its poster.
    await owner.goto(`${server.url}/projects/${projectId}/takes`);
    const card = owner.locator(`[data-take-id="${takes[0].id}"] [data-purged]`);
    await expect.poll(() => card.textContent()).toContain('media purged');
    if (screenshots) await owner.screenshot({ path: join(screenshots, 'retention-grid.png') });
  }, 120_000);
});

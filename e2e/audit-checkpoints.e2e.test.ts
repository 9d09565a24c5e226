/**
 * The instance admin's audit page in a real browser: taking a checkpoint downloads it and shows it
 * as the latest, and "Verify chain" lists every event that does not verify, with the count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

describe('the instance audit page', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.waitForURL('**/setup');
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('takes a checkpoint, downloads it and shows it as the latest', async () => {
    await page.goto(`${server.url}/admin/audit`);
    await page.getByText('No checkpoint yet').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Take checkpoint now' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^backlot-audit-checkpoint-\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved).toMatchObject({ kind: 'backlot.audit-checkpoint', version: 1, takenBy: 'Ada Admin' });
    expect(saved.chains).toEqual([{ chain: 'instance', label: 'instance', count: expect.any(Number), lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);

    await page.getByText(/Latest: .+ by Ada Admin — 1 chain, \d+ events?$/).waitFor();
    const table = page.getByRole('table', { name: 'Latest audit checkpoint' });
    expect(await table.innerText()).toContain(`instance\t${saved.chains[0].count}\t${saved.chains[0].lastHash.slice(0, 12)}…`);
    // The checkpoint is audited in the log below it.
    await page
      .getByRole('table', { name: 'Audit log' })
      .getByText(/^Ada Admin took an audit checkpoint of 1 chain \(\d+ events?\)$/)
      .waitFor();
  });

  it('lists every event that does not verify, with the count', async () => {
    const db = new Database(join(server.dataDir, 'backlot.sqlite'));
    db.prepare("update audit_events set summary = 'nothing happened' where chain = 'instance' and seq = 1").run();
    db.prepare("update audit_events set actor_name = 'Somebody Else' where chain = 'instance' and seq = 2").run();
    db.close();
    await page.reload();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/^2 events do not verify, of \d+\./).waitFor();
    const problems = await page.getByRole('list', { name: 'Events that do not verify' }).getByRole('listitem').allInnerTexts();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^#1: event 1 \(.+\) was changed after it was written$/);
    expect(problems[1]).toMatch(/^#2: event 2 \(.+\) was changed after it was written$/);
  });
});

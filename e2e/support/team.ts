/**
 * Shared setup of the browser tests that play a team on one server: a browser context of each
 * member's own, calls to the API as a member (the page's cookies), invitations, waiting for takes
 * to render, and a screenplay imported through the web UI's preview.
 */
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './server.ts';

/** A member's own browser context (cookies apart from everyone else's) at a desktop size. */
export async function memberPage(browser: Browser, timeout = 15_000): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(timeout);
  return page;
}

/** Calls the API as the member signed in on `page`; throws with the answer when it is not a success. */
export async function apiCall(server: RunningServer, page: Page, method: 'get' | 'post' | 'patch' | 'put', path: string, data?: unknown) {
  const res = await page.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

/** The token an invitation link carries (after #token=). */
export function invitationToken(url: string): string {
  return new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? '';
}

/** Waits until `count` takes of a shot have all rendered; throws naming a take that failed. */
export async function waitForRenders(server: RunningServer, page: Page, projectId: string, shotId: string, count: number, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { takes } = await apiCall(server, page, 'get', `/projects/${projectId}/shots/${shotId}/takes`);
    if (takes.length >= count && takes.every((t: { status: string }) => t.status === 'succeeded')) return takes as { id: string; code: string }[];
    const failed = takes.find((t: { status: string }) => ['failed', 'canceled'].includes(t.status));
    if (failed) throw new Error(`${failed.code} did not render: ${JSON.stringify(failed.error)}`);
    if (Date.now() > deadline) throw new Error('the takes did not render in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** On the Scenes page: opens the import dialog, picks a file and asks for the preview. */
export async function previewImport(page: Page, file: string) {
  await page.getByRole('button', { name: 'Import screenplay' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a screenplay' });
  await dialog.getByLabel('Screenplay file').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
}

/** Previews a screenplay, applies it as the revision named (e.g. "2 (blue)") and closes the report. */
export async function importRevision(page: Page, file: string, revision: string) {
  const name = file.split('/').pop();
  await previewImport(page, file);
  const preview = page.getByRole('dialog', { name: `What importing ${name} will change` });
  await preview.getByRole('button', { name: `Apply as revision ${revision}` }).click();
  await page
    .getByRole('dialog', { name: `Imported ${name}` })
    .getByRole('button', { name: 'Done' })
    .click();
}

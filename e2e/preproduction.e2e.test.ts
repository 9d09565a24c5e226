/**
 * Pre-production in a real browser against a real server: a Fountain screenplay imported through
 * the dialog onto the scene board, coverage drafted and accepted, the shot list reordered and
 * renamed by keys, a plan saved twice with its history and diff, a stale save refused, the plan
 * locked, the storyboard in order with its PDF, and an editor who sees all of it read-only.
 * Assertions are what a member would see on screen.
 */
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, ROOT, startServer, type RunningServer } from './support/server.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(ROOT, '../shared/fixtures');
const SCRIPT = join(FIXTURES, 'fountain/brick-and-steel.fountain');
const OWNER = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery' };
const EDITOR = { name: 'Eddie Editor', email: 'eddie@example.com', password: 'splice and dice 42' };
const SHOTS = '/tmp/backlot-preproduction';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let projectUrl = '';
let projectId = '';
let firstSceneId = '';
let shotUrl = '';

/** A write through the signed-in browser's cookie, as the web UI makes it (same origin). */
async function post(p: Page, path: string, data: unknown) {
  const res = await p.request.post(`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

/** Shot codes of the shot list, top to bottom. */
async function shotCodes(p: Page): Promise<string[]> {
  return p.locator('[data-shot-id] .code-link').allInnerTexts();
}

describe('pre-production in the web UI', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // First run and a project at 23.976, through the API with the browser's own cookie.
    await post(page, '/setup', OWNER);
    const created = await post(page, '/projects', { name: 'Brick & Steel', code: 'BRICK', frameRate: '24000/1001' });
    projectId = created.project.id;
    projectUrl = `${server.url}/projects/${projectId}`;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('imports the screenplay through the dialog: the report, then its scenes on the board in order', async () => {
    await page.goto(`${projectUrl}/scenes`);
    await page.getByRole('heading', { name: 'Import a screenplay or add a scene' }).waitFor();
    await page.getByRole('button', { name: 'Import screenplay' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a screenplay' });
    await dialog.getByLabel('Screenplay file').setInputFiles(SCRIPT);
    await dialog.getByText('brick-and-steel.fountain').waitFor();
    await dialog.getByRole('button', { name: 'Preview changes' }).click();
    const preview = page.getByRole('dialog', { name: 'What importing brick-and-steel.fountain will change' });
    await preview.getByRole('button', { name: 'Apply as revision 1 (white)' }).waitFor();
    expect(await preview.getByRole('region', { name: 'New scenes' }).getByRole('listitem').count()).toBe(8);
    await preview.getByRole('button', { name: 'Apply as revision 1 (white)' }).click();

    const report = page.getByRole('dialog', { name: 'Imported brick-and-steel.fountain' });
    await report.getByRole('region', { name: 'New scenes' }).waitFor();
    const added = report.getByRole('region', { name: 'New scenes' });
    expect(await added.innerText()).toContain("EXT. BRICK'S PATIO - DAY");
    expect(await added.getByRole('listitem').count()).toBe(8);
    expect(await report.getByRole('region', { name: 'New characters' }).innerText()).toMatch(/BRICK.*STEEL|STEEL.*BRICK/);
    expect(await report.innerText()).toContain('BRICK & STEEL FULL RETIRED');
    await report.getByRole('button', { name: 'Done' }).click();

    const cards = page.getByRole('list', { name: 'Scene board' }).getByRole('listitem');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(8);
    expect(await cards.first().getAttribute('aria-label')).toBe("Scene 1: EXT. BRICK'S PATIO - DAY");
    expect(await cards.nth(1).getAttribute('aria-label')).toBe('Scene 2: INT. TRAILER HOME - DAY');
    firstSceneId = (await cards.first().getAttribute('data-scene-id'))!;
  });

  it('moves a scene by keys and omits one with a confirm that names it', async () => {
    const board = page.getByRole('list', { name: 'Scene board' });
    const labels = () => board.getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.split(':')[0]));
    // Scene 8 moves one place earlier with alt+↑, saved through the reorder.
    await board.getByRole('listitem', { name: /^Scene 8:/ }).focus();
    const saved = page.waitForResponse((r) => r.url().endsWith('/scenes/reorder') && r.status() === 200);
    await page.keyboard.press('Alt+ArrowUp');
    await saved;
    expect((await labels()).slice(-2)).toEqual(['Scene 8', 'Scene 7']);
    await page.reload();
    await board.getByRole('listitem').first().waitFor();
    expect((await labels()).slice(-2)).toEqual(['Scene 8', 'Scene 7']);

    // A drag puts scene 4 before scene 2.
    const dropped = page.waitForResponse((r) => r.url().endsWith('/scenes/reorder') && r.status() === 200);
    await board.getByRole('listitem', { name: /^Scene 4:/ }).dragTo(board.getByRole('listitem', { name: /^Scene 2:/ }), { targetPosition: { x: 10, y: 40 } });
    await dropped;
    expect((await labels()).slice(0, 4)).toEqual(['Scene 1', 'Scene 4', 'Scene 2', 'Scene 3']);

    await page.getByRole('button', { name: 'Omit scene 5' }).click();
    const confirm = page.getByRole('dialog', { name: 'Omit scene 5?' });
    expect(await confirm.innerText()).toContain('OPENING TITLES');
    await confirm.getByRole('button', { name: 'Omit scene' }).click();
    await board.getByRole('listitem', { name: 'Scene 5: OPENING TITLES (omitted)' }).waitFor();
    await page.getByRole('button', { name: 'Restore scene 5' }).waitFor();

    // Enter opens the scene beside the board, with its script.
    await board.getByRole('listitem').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: 'Scene 1' }).getByLabel('Script excerpt').waitFor();
    await page.screenshot({ path: `${SHOTS}-scenes.png` });
  });

  it('drafts coverage for the first scene and accepts two drafts as shots', async () => {
    await page.getByRole('button', { name: 'Draft coverage for scene 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Draft coverage for scene 1' });
    await dialog.getByLabel('Use the shot-list assistant').waitFor();
    await dialog.getByRole('button', { name: 'Draft shots' }).click();
    const drafts = dialog.getByRole('list', { name: 'Coverage drafts' }).getByRole('listitem');
    await drafts.first().waitFor();
    expect(await drafts.count()).toBeGreaterThanOrEqual(2);
    for (const i of [0, 1]) {
      await drafts
        .nth(i)
        .getByRole('button', { name: /^Accept / })
        .click();
      await drafts.nth(i).getByText('added as').waitFor();
    }
    expect(await drafts.nth(0).innerText()).toContain('SC001_SH010');
    expect(await drafts.nth(1).innerText()).toContain('SC001_SH020');
    await dialog.getByRole('button', { name: /^(Close|Done)$/ }).click();
    await page.getByRole('list', { name: 'Scene board' }).getByRole('listitem').first().getByText('2 shots').waitFor();
  });

  it('lists the shots by scene; keys reorder, rename (refused in place) and open the plan', async () => {
    await page.goto(`${projectUrl}/shots`);
    await page.getByRole('table', { name: 'Shot list' }).waitFor();
    // A shot typed in by hand for scene 2.
    await page.getByRole('button', { name: 'Add a shot to scene 2' }).click();
    const add = page.getByRole('dialog', { name: 'Add a shot to scene 2' });
    await add.getByLabel('Shot job').fill('Find the Boy Band counting the take');
    await add.getByRole('button', { name: 'Add shot' }).click();
    await page.locator('[data-shot-id]', { hasText: 'SC002_SH010' }).waitFor();
    expect(await shotCodes(page)).toEqual(['SC001_SH010', 'SC001_SH020', 'SC002_SH010']);
    expect(await page.locator('[data-shot-id]', { hasText: 'SC002_SH010' }).innerText()).toContain('missing: subject and action, camera size, camera movement');

    // Alt+↓ moves the focused shot one place later within its scene.
    await page.locator('[data-shot-id]').first().focus();
    const saved = page.waitForResponse((r) => r.url().endsWith('/shots/reorder') && r.status() === 200);
    await page.keyboard.press('Alt+ArrowDown');
    await saved;
    expect(await shotCodes(page)).toEqual(['SC001_SH020', 'SC001_SH010', 'SC002_SH010']);
    await page.reload();
    await page.locator('[data-shot-id]').first().waitFor();
    expect(await shotCodes(page)).toEqual(['SC001_SH020', 'SC001_SH010', 'SC002_SH010']);

    // Rename the second row to a code in use: the server's words appear beside the code.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('e');
    const code = page.getByLabel('New code for SC001_SH010');
    await code.fill('SC001_SH020');
    await code.press('Enter');
    await page.getByText('The code SC001_SH020 is already used by another shot.').waitFor();
    await code.fill('SC001_SH015');
    await code.press('Enter');
    await page.locator('[data-shot-id] .code-link', { hasText: 'SC001_SH015' }).waitFor();
    await page.screenshot({ path: `${SHOTS}-shots.png` });

    await page.locator('[data-shot-id]', { hasText: 'SC001_SH015' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'SC001_SH015' }).waitFor();
    shotUrl = page.url();
    expect(await page.getByRole('navigation', { name: 'Breadcrumbs' }).innerText()).toMatch(/Shots\s*›\s*Scene 1 · EXT\. BRICK'S PATIO - DAY\s*›\s*SC001_SH015/);
  });

  it('saves the plan twice as new versions, shows both durations, and diffs v1 with v3', async () => {
    await page.getByLabel('Shot job').fill('Hold both men so the long beat plays without a cut');
    await page.getByLabel('Note for this version').fill('after the table read');
    await page.getByRole('button', { name: 'Save version 2' }).click();
    await page.getByText('Saved as version 2.').waitFor();

    await page.getByLabel('Size', { exact: true }).selectOption('MCU');
    await page.getByLabel('Add to must not appear').fill('modern cars');
    await page.getByLabel('Add to must not appear').press('Enter');
    await page.getByLabel('Target duration').fill('4');
    await page.getByText('96 frames = 4.004 s at 23.976 fps').waitFor();
    await page.getByLabel('Add to review criteria').fill('both beers stay in frame');
    await page.getByLabel('Add to review criteria').press('Enter');
    await page.getByRole('button', { name: 'Save version 3' }).click();
    await page.getByText('Saved as version 3.').waitFor();
    await page.screenshot({ path: `${SHOTS}-plan.png`, fullPage: true });

    await page.getByRole('link', { name: 'History (3 versions)' }).click();
    const versions = page.getByRole('table', { name: 'Plan versions' });
    await versions.waitFor();
    const rows = await versions.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => /^v\d+/.exec(r)?.[0])).toEqual(['v3', 'v2', 'v1']);
    expect(rows[1]).toContain('after the table read');
    expect(rows[1]).toContain('Shot job');
    expect(rows[0]).toContain(OWNER.name);

    await page.getByLabel('Compare from version').selectOption('1');
    await page.getByLabel('Compare to version').selectOption('3');
    const diff = page.getByRole('table', { name: 'Changes from v1 to v3' });
    await diff.waitFor();
    const text = await diff.innerText();
    expect(text).toContain('Shot job');
    expect(text).toContain('Hold both men so the long beat plays without a cut');
    expect(text).toContain('MCU (medium close-up)');
    expect(text).toContain('Target duration (frames)');
    expect(text).toMatch(/Must not appear\s+—\s+modern cars/);
    expect(new URL(page.url()).search).toContain('from=1');
    await page.screenshot({ path: `${SHOTS}-history.png`, fullPage: true });
  });

  it('refuses to overwrite a version saved meanwhile, and reloads it', async () => {
    await page.goto(shotUrl);
    await page.getByLabel('Shot job').waitFor();
    const other = await context.newPage();
    await other.goto(shotUrl);
    await other.getByLabel('Environment').fill('Sunlit patio, cheap plastic chairs');
    await other.getByRole('button', { name: 'Save version 4' }).click();
    await other.getByText('Saved as version 4.').waitFor();
    await other.close();

    await page.getByLabel('Subject and action').fill('Brick stares at nothing');
    await page.getByRole('button', { name: 'Save version 4' }).click();
    await page.getByText('Someone saved version 4 since you opened this').waitFor();
    await page.getByRole('button', { name: 'Reload version 4' }).click();
    await page.getByRole('button', { name: 'Save version 5' }).waitFor();
    expect(await page.getByLabel('Environment').inputValue()).toBe('Sunlit patio, cheap plastic chairs');
  });

  it('locks the plan: the form is read-only and says who locked it; unlocking asks once', async () => {
    await page.getByRole('button', { name: 'Lock plan' }).click();
    await page.getByText(`Locked by ${OWNER.name}: the plan is read-only until it is unlocked.`).waitFor();
    expect(await page.getByLabel('Shot job').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByLabel('Size', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /^Save version/ }).count()).toBe(0);
    expect(await page.getByLabel('Add to review criteria').count()).toBe(0);

    await page.getByRole('button', { name: 'Unlock plan' }).click();
    const confirm = page.getByRole('dialog', { name: 'Unlock the plan of SC001_SH015?' });
    expect(await confirm.innerText()).toContain("recorded in the project's audit log");
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText(`Locked by ${OWNER.name}`).waitFor();
  });

  it('draws the storyboard in shot order and serves its PDF', async () => {
    await page.goto(`${projectUrl}/scenes/${firstSceneId}/storyboard`);
    const strip = page.getByRole('list', { name: 'Storyboard of scene 1' });
    await strip.waitFor();
    const frames = await strip.getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(frames).toEqual(['Frame 1: SC001_SH020', 'Frame 2: SC001_SH015']);
    expect(await strip.getByRole('listitem').nth(1).innerText()).toContain('MCU');
    await page.screenshot({ path: `${SHOTS}-storyboard.png`, fullPage: true });

    const href = await page.getByRole('link', { name: 'Print to PDF' }).getAttribute('href');
    expect(href).toBe(`/api/v1/projects/${projectId}/scenes/${firstSceneId}/storyboard.pdf`);
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows an editor everything read-only: no add, import, omit, reorder or lock', async () => {
    const invited = await post(page, `/projects/${projectId}/invitations`, { email: EDITOR.email, role: 'editor' });
    const token = new URLSearchParams(new URL(invited.url).hash.slice(1)).get('token');
    const editorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const editor = await editorContext.newPage();
    editor.setDefaultTimeout(10_000);
    await post(editor, '/invitations/accept', { token, name: EDITOR.name, password: EDITOR.password });

    await editor.goto(`${projectUrl}/scenes`);
    const board = editor.getByRole('list', { name: 'Scene board' });
    await board.getByRole('listitem').first().waitFor();
    expect(await editor.getByRole('navigation', { name: 'Project' }).getByRole('link').allInnerTexts()).toEqual(expect.arrayContaining(['Scenes', 'Shots']));
    for (const name of ['Add scene', 'Import screenplay', 'Omit scene 1', 'Draft coverage for scene 1']) {
      expect(await editor.getByRole('button', { name }).count()).toBe(0);
    }
    expect(await board.getByRole('listitem').first().getAttribute('draggable')).toBeNull();

    await editor.goto(`${projectUrl}/shots`);
    await editor.locator('[data-shot-id]').first().waitFor();
    for (const name of ['Add a shot to scene 1', 'Import shot list', 'Rename SC001_SH015']) {
      expect(await editor.getByRole('button', { name }).count()).toBe(0);
    }
    await editor.goto(shotUrl);
    await editor.getByLabel('Shot job').waitFor();
    expect(await editor.getByLabel('Shot job').getAttribute('readonly')).not.toBeNull();
    for (const name of ['Lock plan', 'Unlock plan']) expect(await editor.getByRole('button', { name }).count()).toBe(0);
    await editorContext.close();
  });
});

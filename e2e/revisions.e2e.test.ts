/**
 * Script revisions in a real browser: an owner imports a screenplay through the preview, adds a
 * scene by hand, locks numbering, and re-imports a revised draft. The preview names what will
 * change ("changed: heading", a new scene lettered 3A, nothing omitted); applying it after someone
 * edited a scene is refused and previewed again; once applied, the scene cards show the blue
 * revision and the hand-added scene is still there; locking numbering asks once, saying what it
 * means; the revisions page lists each revision, newest first, dated in its colour with the scenes
 * it touched, and the owner unlocks numbering there. Assertions are what the owner sees.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';
import { previewImport as previewImportIn } from './support/team.ts';

const OWNER = { name: 'Rhea Owner', email: 'rhea@example.com', password: 'pink pages at dawn' };
const DIR = '/tmp/backlot-revisions-e2e';

/** A short screenplay of our own, four scenes without numbers. */
const scene = (heading: string, action: string, who: string, line: string) => `${heading}\n\n${action}\n\n${who}\n${line}\n`;
const SCENES = [
  scene('INT. LAUNDRETTE - NIGHT', 'Drums turn. Nell folds a stranger’s shirts with great care.', 'NELL', 'Somebody has to.'),
  scene('EXT. CANAL PATH - NIGHT', 'Ferdie cycles past with a goose in the basket, unbothered.', 'FERDIE', 'Evening.'),
  scene('INT. SIGNAL BOX - DAWN', 'Levers, rust and a kettle. Nell pulls the wrong one, then the right one.', 'NELL', 'Nobody saw that.'),
  scene('EXT. LEVEL CROSSING - DAY', 'The barrier rises on an empty road. A goose waits, then crosses.', 'FERDIE', 'After you.'),
];
const FIRST = ['Title: Wrong Lever', '', ...SCENES].join('\n');
const REVISED = [
  'Title: Wrong Lever',
  '',
  SCENES[0],
  SCENES[1].replace('EXT. CANAL PATH - NIGHT', 'EXT. TOWPATH BRIDGE - NIGHT'),
  SCENES[2],
  scene('INT. GOOSE SHED - DAY', 'Straw everywhere. The goose has a ledger and it is not amused.', 'FERDIE', 'I can explain.'),
  SCENES[3],
].join('\n');

let server: RunningServer;
let browser: Browser;
let page: Page;
let projectId = '';

async function call(method: 'post' | 'patch', path: string, data: unknown) {
  const res = await page.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

const previewImport = (file: string) => previewImportIn(page, file);

describe('script revisions in the web UI', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, 'wrong-lever.fountain'), FIRST);
    writeFileSync(join(DIR, 'wrong-lever-blue.fountain'), REVISED);
    server = await startServer();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(10_000);
    await call('post', '/setup', OWNER);
    projectId = (await call('post', '/projects', { name: 'Wrong Lever', code: 'LEVER' })).project.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('previews the first import and applies it as the white revision', async () => {
    await page.goto(`${server.url}/projects/${projectId}/scenes`);
    await page.getByRole('heading', { name: 'Import a screenplay or add a scene' }).waitFor();
    await previewImport(join(DIR, 'wrong-lever.fountain'));
    const preview = page.getByRole('dialog', { name: 'What importing wrong-lever.fountain will change' });
    await preview.getByRole('button', { name: 'Apply as revision 1 (white)' }).waitFor();
    expect(await preview.getByRole('region', { name: 'New scenes' }).getByRole('listitem').allInnerTexts()).toEqual([
      '1 INT. LAUNDRETTE - NIGHT',
      '2 EXT. CANAL PATH - NIGHT',
      '3 INT. SIGNAL BOX - DAWN',
      '4 EXT. LEVEL CROSSING - DAY',
    ]);
    // Nothing is on the board until the import is confirmed.
    expect(await page.locator('[data-scene-id]').count()).toBe(0);
    await preview.getByRole('button', { name: 'Apply as revision 1 (white)' }).click();
    const report = page.getByRole('dialog', { name: 'Imported wrong-lever.fountain' });
    await report.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('listitem', { name: 'Scene 4: EXT. LEVEL CROSSING - DAY' }).waitFor();
  });

  it('locks numbering; a revised draft previews a changed heading, a lettered new scene and no omission of the scene added by hand', async () => {
    const scenes = (await (await page.request.get(`${server.url}/api/v1/projects/${projectId}/scenes`)).json()).scenes;
    await call('post', `/projects/${projectId}/scenes`, { heading: 'INT. NELL’S VAN - NIGHT', excerpt: 'Nell eats chips in the dark.', afterSceneId: scenes[0].id });
    await page.reload();
    await page.getByRole('listitem', { name: 'Scene 5: INT. NELL’S VAN - NIGHT' }).waitFor();

    await page.getByRole('button', { name: 'Lock numbering' }).click();
    // Locking asks once, saying what it means.
    const ask = page.getByRole('dialog', { name: 'Lock scene numbers?' });
    expect(await ask.innerText()).toMatch(/between 50 and 51 becomes 50A.*stays in place as “50 OMITTED”/s);
    await ask.getByRole('button', { name: 'Lock numbering' }).click();
    await page.getByText('Numbering locked').waitFor();
    await page.getByRole('button', { name: 'Unlock numbering' }).waitFor();

    await previewImport(join(DIR, 'wrong-lever-blue.fountain'));
    const preview = page.getByRole('dialog', { name: 'What importing wrong-lever-blue.fountain will change' });
    await preview.getByRole('button', { name: 'Apply as revision 2 (blue)' }).waitFor();
    expect(await preview.getByRole('region', { name: 'Changed scenes' }).getByRole('listitem').allInnerTexts()).toEqual(['2 EXT. TOWPATH BRIDGE - NIGHT — changed: heading']);
    expect(await preview.getByRole('region', { name: 'New scenes' }).getByRole('listitem').allInnerTexts()).toEqual(['3A INT. GOOSE SHED - DAY']);
    expect(await preview.getByRole('region', { name: 'To be omitted (no longer in this draft)' }).innerText()).toMatch(/0$/);

    // Meanwhile someone edits a scene: applying this preview is refused, and it can be previewed again.
    await call('patch', `/projects/${projectId}/scenes/${scenes[2].id}`, { beat: 'The wrong lever' });
    await preview.getByRole('button', { name: 'Apply as revision 2 (blue)' }).click();
    await preview.getByText('The scenes changed since this preview, so nothing was imported.').waitFor();
    expect(await page.getByRole('listitem', { name: 'Scene 2: EXT. CANAL PATH - NIGHT' }).count()).toBe(1);
    await preview.getByRole('button', { name: 'Preview again' }).click();
    await preview.getByRole('button', { name: 'Apply as revision 2 (blue)' }).click();
    await page.getByRole('dialog', { name: 'Imported wrong-lever-blue.fountain' }).getByRole('button', { name: 'Done' }).click();

    const changed = page.getByRole('listitem', { name: 'Scene 2: EXT. TOWPATH BRIDGE - NIGHT' });
    await changed.getByText('blue: heading').waitFor();
    await page.getByRole('listitem', { name: 'Scene 3A: INT. GOOSE SHED - DAY' }).getByText('blue: added').waitFor();
    const byHand = page.getByRole('listitem', { name: 'Scene 5: INT. NELL’S VAN - NIGHT' });
    expect(await byHand.getByText('by hand').count()).toBe(1);
    expect(await page.locator('.scene-omitted').count()).toBe(0);
    await page.screenshot({ path: join(DIR, 'board.png') });
  });

  it('lists the revisions newest first, dated, in their colours, with the scenes each touched; the owner unlocks numbering there', async () => {
    await page.getByRole('link', { name: 'Revisions' }).click();
    await page.getByRole('heading', { name: 'Script revisions' }).waitFor();
    const list = page.getByRole('list', { name: 'Revisions, newest first' });
    await list.getByRole('listitem', { name: 'Revision 2 (blue)' }).waitFor();
    expect(await list.locator(':scope > li').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))).toEqual(['Revision 2 (blue)', 'Revision 1 (white)']);
    const blue = list.getByRole('listitem', { name: 'Revision 2 (blue)' });
    const head = await blue.locator('.revision-head').innerText();
    expect(head).toContain(String(new Date().getFullYear()));
    expect(head).toContain('Rhea Owner');
    expect(head).toContain('wrong-lever-blue.fountain');
    expect(head).toContain('1 added · 1 changed · 0 omitted');
    // The customary colour, as a swatch beside the name that says it.
    expect(await blue.locator('.revision-swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(143, 184, 234)');
    const scenesIn = (name: string) =>
      page
        .getByRole('list', { name: `Scenes in ${name}` })
        .getByRole('listitem')
        .allInnerTexts();
    expect((await scenesIn('Revision 2 (blue)')).sort()).toEqual(['2 EXT. TOWPATH BRIDGE - NIGHT — changed: heading', '3A INT. GOOSE SHED - DAY — added']);
    expect(await scenesIn('Revision 1 (white)')).toHaveLength(4);

    // The numbering lock and what it means, then unlocked by the owner.
    const numbering = page.getByRole('group', { name: 'Scene numbering' });
    const said = await numbering.innerText();
    expect(said).toContain('Numbering locked');
    expect(said).toContain('Locked by Rhea Owner');
    expect(said).toContain('50A');
    await page.screenshot({ path: join(DIR, 'revisions.png') });
    await numbering.getByRole('button', { name: 'Unlock numbering' }).click();
    await page.getByRole('dialog', { name: 'Unlock scene numbers?' }).getByRole('button', { name: 'Unlock numbering' }).click();
    await numbering.getByText('Numbering open').waitFor();
    expect((await (await page.request.get(`${server.url}/api/v1/projects/${projectId}/scene-numbering`)).json()).locked).toBe(false);

    // A scene named there opens on the board.
    await page.getByRole('link', { name: '3A INT. GOOSE SHED - DAY' }).click();
    await page.getByRole('listitem', { name: 'Scene 3A: INT. GOOSE SHED - DAY' }).waitFor();
    expect(new URL(page.url()).searchParams.get('scene')).toBeTruthy();
  });
});

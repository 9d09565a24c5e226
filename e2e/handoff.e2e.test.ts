/**
 * The handoff's "done means", in a real browser against a real server: a 23.976 project whose
 * scene 1 has three approved previs takes; the Handoff page shows the package before it is written
 * and downloads it; the OTIO in it, with two shots reordered and trimmed as an editor would, is
 * imported back through the cut dialog, which shows exactly those changes, and Apply makes them.
 * Assertions are what a member sees, then the project's state through the API.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { ROOT, removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const PLAN = {
  job: 'Mara hands over the key',
  subjectAction: 'Mara crosses the bay and hands Jon the key',
  camera: { size: 'MS', movement: 'static' },
  environment: 'Loading bay, sodium lights',
  reviewCriteria: ['The key stays in frame'],
  targetFrames: 24,
};

let server: RunningServer;
let browser: Browser;
let page: Page;
let projectId = '';
let sceneId = '';
const shots: string[] = [];
const takes: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'backlot-handoff-e2e-'));

async function call(method: 'get' | 'post', path: string, data?: unknown) {
  const res = await page.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

/** One entry of a zip file, read with yauzl. */
async function entryOf(zipPath: string, name: string): Promise<Buffer> {
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) => yauzl.open(zipPath, { lazyEntries: true }, (err, z) => (err ? fail(err) : ok(z))));
  return new Promise<Buffer>((ok, fail) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err) return fail(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          zip.close();
          ok(Buffer.concat(chunks));
        });
      });
    });
    zip.on('end', () => fail(new Error(`${name} is not in the package`)));
    zip.readEntry();
  });
}

describe('handoff to editorial and the cut back in', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
    page.setDefaultTimeout(15_000);
    await call('post', '/setup', OWNER);
    projectId = (await call('post', '/projects', { name: 'Handover', code: 'HAND', frameRate: '24000/1001', resolution: { width: 320, height: 180 } })).project.id;
    sceneId = (await call('post', `/projects/${projectId}/scenes`, { heading: 'INT. LOADING BAY - NIGHT' })).id;
    for (let i = 0; i < 3; i += 1) shots.push((await call('post', `/projects/${projectId}/scenes/${sceneId}/shots`, { plan: PLAN })).id);
    for (const shotId of shots) takes.push((await call('post', `/projects/${projectId}/shots/${shotId}/takes`, { provider: 'previs', model: 'previs-animatic' })).takes[0].id);
    const deadline = Date.now() + 120_000;
    for (const id of takes) {
      for (;;) {
        const t = await call('get', `/projects/${projectId}/takes/${id}`);
        if (t.status === 'succeeded') break;
        if (['failed', 'canceled'].includes(t.status) || Date.now() > deadline) throw new Error(`take ${id} did not render (${t.status})`);
        await new Promise((r) => setTimeout(r, 300));
      }
      await call('post', `/projects/${projectId}/takes/${id}/review`, { state: 'selected' });
      await call('post', `/projects/${projectId}/takes/${id}/review`, { state: 'approved' });
    }
    await call('post', `/projects/${projectId}/takes/${takes[0]}/notes`, { body: 'Hold on the key a beat longer', frame: 5 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it("shows scene 1's package before it is written and downloads it", async () => {
    await page.goto(`${server.url}/projects/${projectId}/handoff`);
    await page.getByRole('heading', { name: 'Handoff' }).waitFor();
    await page.getByRole('heading', { name: 'What to hand off' }).waitFor();
    await page.getByLabel(/Scene 1 INT\. LOADING BAY/).check();
    await page.getByText('HAND_SC001.zip', { exact: false }).waitFor();
    const clips = page.getByRole('table', { name: 'Clips' });
    await clips.getByRole('cell', { name: 'HAND_SC001_SH030_TK001' }).waitFor();
    const rows = await clips.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows).toEqual([
      ['1', 'HAND_SC001_SH010_TK001', '001010T1', '01:00:00:00', '0–23', '24', '1'],
      ['2', 'HAND_SC001_SH020_TK001', '001020T1', '01:00:01:00', '0–23', '24', '0'],
      ['3', 'HAND_SC001_SH030_TK001', '001030T1', '01:00:02:00', '0–23', '24', '0'],
    ]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download package' }).click()]);
    expect(download.suggestedFilename()).toBe('HAND_SC001.zip');
    await download.saveAs(join(work, 'HAND_SC001.zip'));
    const otio = JSON.parse((await entryOf(join(work, 'HAND_SC001.zip'), 'HAND_SC001/HAND_SC001.otio')).toString('utf8'));
    const track = otio.tracks.children[0];
    expect(track.children.map((c: { name: string }) => c.name)).toEqual(['HAND_SC001_SH010_TK001', 'HAND_SC001_SH020_TK001', 'HAND_SC001_SH030_TK001']);
    // The editor swaps SH010 and SH020, keeps frames 3–20 of SH010 and 0–11 of SH020.
    const [sh010, sh020, sh030] = track.children;
    sh010.source_range.start_time.value = 3;
    sh010.source_range.duration.value = 18;
    sh020.source_range.duration.value = 12;
    track.children = [sh020, sh010, sh030];
    writeFileSync(join(work, 'HAND_SC001_v2.otio'), JSON.stringify(otio, null, 4));

    // The package's FCPXML passes its version's DTD; its MLT renders with melt to exactly 72 frames (3 × 24).
    const pkg = join(work, 'pkg');
    mkdirSync(join(pkg, 'media'), { recursive: true });
    for (const f of ['HAND_SC001.mlt', 'HAND_SC001.fcpxml', ...[10, 20, 30].map((n) => `media/HAND_SC001_SH0${n}_TK001.mp4`)])
      writeFileSync(join(pkg, f), await entryOf(join(work, 'HAND_SC001.zip'), `HAND_SC001/${f}`));
    execFileSync('xmllint', ['--noout', '--dtdvalid', join(process.env.BACKLOT_FIXTURES_DIR ?? resolve(ROOT, '../shared/fixtures'), 'fcpxml/dtd/FCPXMLv1_11.dtd'), join(pkg, 'HAND_SC001.fcpxml')], {
      stdio: 'pipe',
    });
    const melt = spawnSync('melt', ['-silent', join(pkg, 'HAND_SC001.mlt'), '-consumer', `avformat:${join(work, 'cut.mp4')}`, 'vcodec=libx264', 'preset=ultrafast', 'an=1', 'real_time=-1'], {
      cwd: pkg,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(melt.stderr).not.toMatch(/failed to load/i);
    const frames = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', join(work, 'cut.mp4')], {
      encoding: 'utf8',
    });
    expect(Number(frames.trim())).toBe(72);
    // The director's note is a marker in the MLT.
    expect(readFileSync(join(pkg, 'HAND_SC001.mlt'), 'utf8')).toContain('Hold on the key a beat longer');
  });

  it('imports the cut, shows exactly the two reordered and trimmed shots, and applies them', async () => {
    await page.getByRole('button', { name: 'Import a cut…' }).click();
    const dialog = page.getByRole('dialog', { name: "Import an editor's cut" });
    await dialog.getByLabel('Cut file').setInputFiles(join(work, 'HAND_SC001_v2.otio'));
    const changes = dialog.getByRole('region', { name: 'Changes in the cut' });
    await changes.getByRole('listitem').first().waitFor();
    expect(await changes.getByRole('listitem').allInnerTexts()).toEqual([
      'Scene 1: shots reordered SC001_SH010, SC001_SH020, SC001_SH030 → SC001_SH020, SC001_SH010, SC001_SH030',
      'HAND_SC001_SH020_TK001: trimmed from frames 0–23 to 0–11 (in/out marks)',
      'HAND_SC001_SH010_TK001: trimmed from frames 0–23 to 3–20 (in/out marks)',
    ]);
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.getByText('Applied: shot order and in/out marks now follow the cut.').waitFor();

    const order = (await call('get', `/projects/${projectId}/shots?sceneId=${sceneId}`)).shots.map((s: { id: string }) => s.id);
    expect(order).toEqual([shots[1], shots[0], shots[2]]);
    const marks = async (i: number) => (await call('get', `/projects/${projectId}/takes/${takes[i]}`)).marks;
    expect(await marks(0)).toEqual({ in: 3, out: 20 });
    expect(await marks(1)).toEqual({ in: 0, out: 11 });
    expect(await marks(2)).toEqual({ in: null, out: null });
    // The package now follows the cut.
    await dialog.getByRole('button', { name: 'Close' }).click();
    const clips = page.getByRole('table', { name: 'Clips' });
    await clips.locator('tbody tr').first().getByRole('cell', { name: 'HAND_SC001_SH020_TK001' }).waitFor();
    expect(readFileSync(join(work, 'HAND_SC001_v2.otio'), 'utf8')).toContain('HAND_SC001_SH010_TK001');
  });
});

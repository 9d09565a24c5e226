/**
 * References in a real browser against a real server: a producer (the project's owner) and a
 * director build the library through the UI — a character sheet with front and side views,
 * another character, a location clip and a prop — a text file renamed .png is refused in the
 * server's words, versions are locked, the likenesses are cleared with a reason and their consents
 * recorded (one long expired, confirmed after the form warns of it; one valid for years), references are attached to two shot plans
 * through the picker, and the shot whose character's consent expired is at risk everywhere it is
 * shown. Media is made on the spot with ffmpeg. Assertions are what a member would see on screen.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const PRODUCER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const DIRECTOR = { name: 'Dana Director', email: 'dana@example.com', password: 'frame by frame 24' };
const SHOTS = '/tmp/backlot-references';
const EXPIRED = "Mara Lind's consent for Mara expired on 2020-01-31";

/** Tiny media for the references: test cards as PNG and JPEG, a one-second clip, and a text file posing as a PNG. */
function makeMedia(dir: string) {
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args], { cwd: dir });
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x90', '-frames:v', '1', 'mara-front.png');
  ffmpeg('-f', 'lavfi', '-i', 'smptebars=size=160x90', '-frames:v', '1', 'mara-side.jpg');
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=160x90', '-frames:v', '1', 'jonas.png');
  ffmpeg('-f', 'lavfi', '-i', 'rgbtestsrc=size=160x90', '-frames:v', '1', 'thermos.jpg');
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=24', '-t', '1', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', 'diner.mp4');
  writeFileSync(join(dir, 'notes.png'), 'Call sheet notes, not a picture.\n');
  writeFileSync(join(dir, 'release.pdf'), '%PDF-1.4\n% signed release\n');
}

let server: RunningServer;
let browser: Browser;
let producerContext: BrowserContext;
let directorContext: BrowserContext;
let producer: Page;
let director: Page;
let media = '';
let projectUrl = '';
let projectId = '';
let firstShot = '';
let secondShot = '';

/** A write through the signed-in browser's cookie, as the web UI makes it (same origin). */
async function post(p: Page, path: string, data: unknown) {
  const res = await p.request.post(`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

/** The card of a reference in the library. */
const card = (p: Page, name: string) => p.getByRole('list', { name: 'References' }).getByRole('listitem', { name, exact: true });

/** Adds a reference through the dialog and uploads its first version. */
async function addReference(p: Page, ref: { kind: string; name: string; likeness?: boolean; tags?: string; files: string[]; views?: string[]; drop?: boolean }) {
  await p.getByRole('button', { name: 'Add a reference' }).first().click();
  const add = p.getByRole('dialog', { name: 'Add a reference' });
  await add.getByLabel('Kind').selectOption(ref.kind);
  await add.getByLabel('Name').fill(ref.name);
  if (ref.likeness) await add.getByLabel("A real person's likeness").check();
  if (ref.tags) await add.getByLabel('Tags').fill(ref.tags);
  await add.getByRole('button', { name: 'Add and upload' }).click();
  const upload = p.getByRole('dialog', { name: `Upload ${ref.name}` });
  if (ref.drop) {
    // Dropped on the drop zone, as from a file manager.
    const files = ref.files.map((f) => ({ name: f, type: f.endsWith('.png') ? 'image/png' : 'image/jpeg', data: readFileSync(join(media, f)).toString('base64') }));
    const dataTransfer = await p.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      return dt;
    }, files);
    await upload.locator('.drop-zone').dispatchEvent('drop', { dataTransfer });
  } else {
    await upload.getByLabel(`Files for ${ref.name}`).setInputFiles(ref.files.map((f) => join(media, f)));
  }
  await upload.getByRole('list', { name: 'Files of the new version' }).getByText(ref.files[0]).waitFor();
  if (ref.views) {
    const picked = upload.getByRole('list', { name: 'Files of the new version' });
    for (const [i, view] of ref.views.entries()) expect(await picked.getByLabel(`View of ${ref.files[i]}`).inputValue()).toBe(view);
  }
  await upload.getByRole('button', { name: 'Upload version 1' }).click();
  await upload.waitFor({ state: 'detached' });
  await p.getByText(`${ref.name}: version 1 uploaded.`).waitFor();
  await card(p, ref.name).locator('img').waitFor();
}

/** Opens a reference's page from the library. */
async function openReference(p: Page, name: string) {
  await p.goto(`${projectUrl}/assets`);
  await card(p, name).getByRole('link').click();
  await p.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('references in the web UI', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    media = mkdtempSync(join(tmpdir(), 'backlot-refs-'));
    makeMedia(media);
    server = await startServer();
    browser = await launchChromium();
    producerContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    producer = await producerContext.newPage();
    producer.setDefaultTimeout(10_000);
    // The producer owns the project; a scene with two shots is set up through the API.
    await post(producer, '/setup', PRODUCER);
    const created = await post(producer, '/projects', { name: 'Night Run', code: 'NIGHT', frameRate: '24/1' });
    projectId = created.project.id;
    projectUrl = `${server.url}/projects/${projectId}`;
    const scene = await post(producer, `/projects/${projectId}/scenes`, { heading: 'INT. DINER - NIGHT', characters: ['MARA', 'JONAS'] });
    firstShot = (await post(producer, `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: { job: 'Mara waits at the counter' } })).id;
    secondShot = (await post(producer, `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: { job: 'Jonas pours from the thermos' } })).id;

    const invited = await post(producer, `/projects/${projectId}/invitations`, { email: DIRECTOR.email, role: 'director' });
    const token = new URLSearchParams(new URL(invited.url).hash.slice(1)).get('token');
    directorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    director = await directorContext.newPage();
    director.setDefaultTimeout(10_000);
    await post(director, '/invitations/accept', { token, name: DIRECTOR.name, password: DIRECTOR.password });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    if (media) rmSync(media, { recursive: true, force: true });
  });

  it('starts with an empty library that says how to add the first reference', async () => {
    await producer.goto(`${projectUrl}/assets`);
    await producer.getByRole('heading', { name: 'No references yet' }).waitFor();
    expect(await producer.getByRole('button', { name: 'Add a reference' }).count()).toBe(2);
  });

  it('adds a character sheet with front and side views as one version', async () => {
    await addReference(producer, { kind: 'character', name: 'Mara', likeness: true, tags: 'lead, night', files: ['mara-front.png', 'mara-side.jpg'], views: ['front', 'side'] });
    const mara = card(producer, 'Mara');
    expect(await mara.innerText()).toMatch(/Character\s*·\s*not locked/);
    expect(await mara.innerText()).toContain('not cleared');
    expect(await mara.getByLabel('Tags').innerText()).toMatch(/lead\s*night/);
  });

  it('refuses a text file renamed .png with the server’s words, naming the file; then takes the picture', async () => {
    await director.goto(`${projectUrl}/assets`);
    await card(director, 'Mara').waitFor();
    await director.getByRole('button', { name: 'Add a reference' }).click();
    const add = director.getByRole('dialog', { name: 'Add a reference' });
    await add.getByLabel('Name').fill('Jonas');
    await add.getByLabel("A real person's likeness").check();
    await add.getByRole('button', { name: 'Add and upload' }).click();
    const upload = director.getByRole('dialog', { name: 'Upload Jonas' });
    await upload.getByLabel('Files for Jonas').setInputFiles(join(media, 'notes.png'));
    await upload.getByRole('button', { name: 'Upload version 1' }).click();
    const problem = upload.getByRole('alert');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/^notes\.png was refused: This file is not an image, video or audio file Backlot can read/);
    await director.screenshot({ path: `${SHOTS}-refused.png` });

    await upload.getByRole('button', { name: 'Leave out notes.png' }).click();
    await upload.getByLabel('Files for Jonas').setInputFiles(join(media, 'jonas.png'));
    await upload.getByRole('button', { name: 'Upload version 1' }).click();
    await upload.waitFor({ state: 'detached' });
    await card(director, 'Jonas').locator('img').waitFor();

    await addReference(director, { kind: 'location', name: 'Diner', tags: 'night', files: ['diner.mp4'] });
    await addReference(director, { kind: 'prop', name: 'Thermos', files: ['thermos.jpg'], drop: true });
  });

  it('filters the library by kind, tag and a name searched with /', async () => {
    const p = director;
    const names = () =>
      p
        .getByRole('list', { name: 'References' })
        .getByRole('listitem')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    await p.getByLabel('Kind', { exact: true }).selectOption('character');
    await p.getByText('2 shown').waitFor();
    expect((await names()).sort()).toEqual(['Jonas', 'Mara']);
    await p.getByRole('button', { name: 'Clear filters' }).first().click();
    await p.getByLabel('Tag', { exact: true }).selectOption('night');
    await p.getByText('2 shown').waitFor();
    expect((await names()).sort()).toEqual(['Diner', 'Mara']);
    await p.getByRole('button', { name: 'Clear filters' }).first().click();
    await p.getByText('4 shown').waitFor();
    await p.locator('body').press('/');
    await p.keyboard.type('therm');
    await p.getByText('1 shown').waitFor();
    expect(await names()).toEqual(['Thermos']);
    expect(new URL(p.url()).searchParams.get('q')).toBe('therm');
    await p.getByLabel('Search by name').press('Escape');
    await p.getByText('4 shown').waitFor();
  });

  it('shows each reference large with its versions, and locks a version', async () => {
    const p = director;
    await openReference(p, 'Mara');
    // The sheet shows its front; the side is one click (or v) away.
    await p.getByRole('img', { name: 'front view, mara-front.png' }).waitFor();
    await p.keyboard.press('v');
    await p.getByRole('img', { name: 'side view, mara-side.jpg' }).waitFor();
    const versions = p.getByRole('table', { name: 'Versions' });
    const v1 = await versions.innerText();
    expect(v1).toMatch(/front\s+image\/png\s+840 B|front\s+image\/png/);
    expect(v1).toContain('160×90');
    expect(await versions.getByRole('link', { name: /^Download the original of front v1/ }).getAttribute('href')).toMatch(/\/media\/[0-9a-f]{64}\?download=1$/);
    // A director edits references but does not manage clearance or consent.
    expect(await p.getByRole('button', { name: 'Change clearance' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Record consent' }).count()).toBe(0);
    await p.getByRole('button', { name: 'Lock version 1' }).click();
    await versions.getByText('✓ locked').waitFor();
    await p.getByText(/Character · 1 version · locked v1/).waitFor();

    await openReference(p, 'Diner');
    const video = p.locator('video');
    await video.waitFor();
    // The clip loads and seeks: the server answers byte ranges.
    await p.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 1);
    expect(await video.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(1);
    expect(await p.getByRole('table', { name: 'Versions' }).innerText()).toMatch(/h264[\s\S]*24 fps/);
    await p.getByRole('button', { name: 'Lock version 1' }).click();
    await p.getByRole('table', { name: 'Versions' }).getByText('✓ locked').waitFor();
    for (const name of ['Jonas', 'Thermos']) {
      await openReference(p, name);
      await p.getByRole('button', { name: 'Lock version 1' }).click();
      await p.getByRole('table', { name: 'Versions' }).getByText('✓ locked').waitFor();
    }
  });

  it('clears the likenesses with a reason and records their consents; the expired one puts Mara at risk', async () => {
    const p = producer;
    for (const [name, person, expires] of [
      ['Mara', 'Mara Lind', '2020-01-31'],
      ['Jonas', 'Jonas Berg', '2099-12-31'],
    ] as const) {
      await openReference(p, name);
      await p.getByRole('button', { name: 'Change clearance' }).click();
      const clear = p.getByRole('dialog', { name: `Change the clearance of ${name}` });
      await clear.getByLabel('New clearance').selectOption('cleared');
      await clear.getByRole('button', { name: 'Change to cleared' }).click();
      await clear.getByText('Say why the clearance changes').waitFor();
      await clear.getByLabel('Why').fill(`Release signed by ${person}`);
      await clear.getByRole('button', { name: 'Change to cleared' }).click();
      await clear.waitFor({ state: 'detached' });
      const history = p.getByRole('list', { name: 'Clearance history' });
      expect(await history.innerText()).toMatch(new RegExp(`not cleared → cleared\\s+“Release signed by ${person}”\\s+${PRODUCER.name}`));

      await p.getByRole('button', { name: 'Record consent' }).click();
      const consent = p.getByRole('dialog', { name: `Record consent for ${name}` });
      await consent.getByLabel('Person').fill(person);
      await consent.getByLabel('Scope').fill('Likeness in Night Run and its trailers');
      await consent.getByLabel('Expires on').fill(expires);
      await consent.getByLabel('Signed release').setInputFiles(join(media, 'release.pdf'));
      const pastExpiry = consent.getByRole('alert', { name: 'Expiry in the past' });
      if (expires < new Date().toISOString().slice(0, 10)) {
        // A past expiry warns before saving, and is recorded only once the producer confirms it.
        await pastExpiry.waitFor();
        await consent.getByRole('button', { name: 'Record consent' }).click();
        await consent.getByText(`${expires} is in the past, so this consent covers nothing from today`).waitFor();
        await pastExpiry.getByLabel('Record it as expired').check();
      } else {
        expect(await pastExpiry.count()).toBe(0);
      }
      await consent.getByRole('button', { name: 'Record consent' }).click();
      await consent.waitFor({ state: 'detached' });
      const record = p.getByRole('list', { name: 'Consent records' });
      await record.getByText(person).waitFor();
      expect(await record.innerText()).toContain('release.pdf');
    }
    // Jonas's consent runs to 2099: valid, nothing at risk.
    expect(await p.getByRole('list', { name: 'Consent records' }).innerText()).toContain('valid');
    expect(await p.getByText('At risk.').count()).toBe(0);

    await openReference(p, 'Mara');
    expect(await p.getByRole('list', { name: 'Consent records' }).innerText()).toMatch(/Mara Lind\s*expired/);
    expect(await p.getByRole('alert').filter({ hasText: 'At risk.' }).innerText()).toContain(EXPIRED);
    await p.screenshot({ path: `${SHOTS}-asset.png`, fullPage: true });

    await p.goto(`${projectUrl}/assets`);
    expect(await card(p, 'Mara').innerText()).toContain(`at risk: ${EXPIRED}`);
    expect(await card(p, 'Jonas').innerText()).not.toContain('at risk');
    expect(await card(p, 'Jonas').innerText()).toContain('cleared');
    await p.screenshot({ path: `${SHOTS}-library.png`, fullPage: true });
  });

  it('attaches references to two shot plans through the picker; the shot with Mara is at risk', async () => {
    const p = director;
    const attach = async (name: string, role?: string) => {
      await p.getByRole('button', { name: 'Attach reference' }).click();
      const picker = p.getByRole('dialog', { name: /^Attach a reference to / });
      await picker.getByLabel('Search the references').fill(name);
      await picker.getByRole('radio', { name: new RegExp(`^${name}`) }).waitFor({ state: 'attached' });
      await picker.getByLabel('Search the references').press('Enter');
      expect(await picker.getByLabel('Version').inputValue()).toBe('1');
      if (role) await picker.getByLabel('Role in the shot').selectOption(role);
      if (name === 'Diner') await p.screenshot({ path: `${SHOTS}-picker.png` });
      await picker.getByRole('button', { name: `Attach ${name} v1` }).click();
      await picker.waitFor({ state: 'detached' });
      await p
        .getByRole('list', { name: 'References of the plan' })
        .getByRole('listitem', { name: new RegExp(`^${name} as`) })
        .waitFor();
    };

    await p.goto(`${projectUrl}/shots/${firstShot}`);
    await p.getByText('No references yet.').waitFor();
    await attach('Mara');
    await attach('Diner');
    const refs = p.getByRole('list', { name: 'References of the plan' });
    expect(await refs.getByRole('listitem', { name: 'Mara as character' }).innerText()).toContain(`at risk: ${EXPIRED}`);
    expect(await refs.getByRole('listitem', { name: 'Diner as location' }).innerText()).toMatch(/not cleared yet/);
    expect(await refs.getByRole('listitem', { name: 'Diner as location' }).innerText()).toContain('✓ locked');
    const risk = p.getByRole('alert', { name: 'Shot at risk' });
    expect(await risk.innerText()).toContain(EXPIRED);
    // Each change saved a new plan version.
    await p.getByRole('link', { name: 'History (3 versions)' }).waitFor();
    await p.screenshot({ path: `${SHOTS}-plan.png` });

    await p.goto(`${projectUrl}/shots/${secondShot}`);
    await p.getByText('No references yet.').waitFor();
    await attach('Jonas');
    await attach('Thermos');
    expect(await p.getByRole('alert', { name: 'Shot at risk' }).count()).toBe(0);
    expect(await p.getByRole('list', { name: 'References of the plan' }).innerText()).not.toContain('at risk');

    // Removing one saves another version; it is gone from the list.
    await p.getByRole('button', { name: 'Remove Thermos (prop)' }).click();
    await p.getByRole('link', { name: 'History (4 versions)' }).waitFor();
    await p.getByRole('listitem', { name: 'Thermos as prop' }).waitFor({ state: 'detached' });
    expect(await p.getByRole('list', { name: 'References of the plan' }).getByRole('listitem').count()).toBe(1);

    // The producer saves the plan meanwhile: a change made on the older version is refused, never overwrites.
    const shot = await (await producer.request.get(`${server.url}/api/v1/projects/${projectId}/shots/${secondShot}`)).json();
    const saved = await producer.request.put(`${server.url}/api/v1/projects/${projectId}/shots/${secondShot}/plan`, {
      data: { plan: { ...shot.plan, subjectAction: 'Jonas tops up her cup' }, baseVersion: shot.planVersion },
      headers: { origin: server.url },
    });
    expect(saved.status()).toBe(200);
    await p.getByRole('button', { name: 'Remove Jonas (character)' }).click();
    await p.getByText('Someone saved version 5 since you opened this').waitFor();
    await p.getByRole('button', { name: 'Reload version 5' }).click();
    await p.getByRole('link', { name: 'History (5 versions)' }).waitFor();
    expect(await p.getByLabel('Subject and action').inputValue()).toBe('Jonas tops up her cup');
    expect(await p.getByRole('list', { name: 'References of the plan' }).getByRole('listitem', { name: 'Jonas as character' }).count()).toBe(1);
  });

  it('lists where a reference is used and marks the shot at risk in the shot list', async () => {
    const p = producer;
    await openReference(p, 'Mara');
    const usage = p.getByRole('table', { name: 'Shots using this reference' });
    expect(await usage.innerText()).toMatch(/SC001_SH010\s+Character\s+v1/);
    await usage.getByRole('link', { name: 'SC001_SH010' }).click();
    await p.getByRole('heading', { name: 'SC001_SH010' }).waitFor();

    await p.goto(`${projectUrl}/shots`);
    const rows = p.getByRole('table', { name: 'Shot list' });
    await rows.locator('[data-shot-id]').first().waitFor();
    expect(await rows.locator(`[data-shot-id="${firstShot}"]`).innerText()).toContain('at risk');
    expect(await rows.locator(`[data-shot-id="${firstShot}"] .tag-danger`).getAttribute('title')).toContain(EXPIRED);
    expect(await rows.locator(`[data-shot-id="${secondShot}"]`).innerText()).not.toContain('at risk');
    await p.screenshot({ path: `${SHOTS}-shots.png` });
  });

  it('shows an editor the references read-only, and a viewer none of them', async () => {
    const joinAs = async (role: 'editor' | 'viewer', email: string) => {
      const invited = await post(producer, `/projects/${projectId}/invitations`, { email, role });
      const token = new URLSearchParams(new URL(invited.url).hash.slice(1)).get('token');
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const p = await context.newPage();
      p.setDefaultTimeout(10_000);
      await post(p, '/invitations/accept', { token, name: `Someone ${role}`, password: 'long enough passphrase' });
      return { context, p };
    };

    const { context: editorContext, p: editor } = await joinAs('editor', 'eddie@example.com');
    await editor.goto(`${projectUrl}/assets`);
    await card(editor, 'Mara').waitFor();
    expect(await editor.getByRole('button', { name: 'Add a reference' }).count()).toBe(0);
    await openReference(editor, 'Mara');
    await editor.getByRole('table', { name: 'Versions' }).waitFor();
    for (const name of ['Upload a new version', 'Unlock', 'Lock version 1', 'Change clearance', 'Record consent', 'Edit source and flags', 'Save']) {
      expect(await editor.getByRole('button', { name, exact: true }).count()).toBe(0);
    }
    expect(await editor.getByRole('list', { name: 'Consent records' }).innerText()).toContain('Mara Lind');
    await editor.goto(`${projectUrl}/shots/${firstShot}`);
    await editor.getByRole('list', { name: 'References of the plan' }).getByRole('listitem', { name: 'Mara as character' }).waitFor();
    expect(await editor.getByRole('button', { name: 'Attach reference' }).count()).toBe(0);
    expect(await editor.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await editor.getByRole('alert', { name: 'Shot at risk' }).innerText()).toContain(EXPIRED);
    await editorContext.close();

    const { context: viewerContext, p: viewer } = await joinAs('viewer', 'vic@example.com');
    await viewer.goto(`${projectUrl}/assets`);
    await viewer.getByText('Not part of the viewer role').waitFor();
    expect(await viewer.getByRole('navigation', { name: 'Project' }).getByRole('link').allInnerTexts()).not.toContain('Assets');
    expect(await viewer.locator('.asset-card').count()).toBe(0);
    await viewerContext.close();
  });
});

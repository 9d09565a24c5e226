/**
 * Review by mouse as well as key, in a real browser against a real server, on a tiny project
 * (320×180, 24 fps) with four previs takes of one shot: S on an approved take revokes the approval
 * after the reviewer has clicked about the page (a pick box, a button, the timeline); the take page's
 * decision buttons (each naming its key) decide, Revoke shows on an approved take with the key that
 * does it; a project asking a reason for rejections opens a reason dialog, and the decision history
 * lists who decided what and why; the review state reads as UI.md says (approved with a check mark)
 * on the cards and the take page; two takes picked with the mouse open the comparison, and the take
 * page compares with its neighbour. Assertions are what a member sees.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium } from './support/browser.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

const OWNER = { name: 'Pat Producer', email: 'pat@example.com', password: 'correct horse battery' };
const DIRECTOR = { name: 'Dana Director', email: 'dana@example.com', password: 'frame by frame 24' };
const SHOTS = '/tmp/backlot-decisions';
const PLAN = {
  job: 'Mara reaches the counter',
  subjectAction: 'Mara walks to the counter and sets down the thermos',
  camera: { size: 'MS', movement: 'push-in' },
  environment: 'Chrome counter, neon sign',
  reviewCriteria: ['Mara stays in frame'],
  targetFrames: 24,
};

let server: RunningServer;
let browser: Browser;
let owner: Page;
let director: Page;
let projectId = '';
let shotId = '';
/** Take ids by code. */
const takes: Record<string, string> = {};

async function call(p: Page, method: 'get' | 'post' | 'patch', path: string, data?: unknown) {
  const res = await p.request[method](`${server.url}/api/v1${path}`, { data, headers: { origin: server.url } });
  if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}
const post = (p: Page, path: string, data: unknown) => call(p, 'post', path, data);
const reviewOf = async (code: string) => (await call(director, 'get', `/projects/${projectId}/takes/${takes[code]}`)).review as string;

/** Waits until every take of the shot has rendered. */
async function rendered() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { takes: list } = await call(director, 'get', `/projects/${projectId}/shots/${shotId}/takes`);
    if (list.length && list.every((t: { status: string }) => t.status === 'succeeded')) return;
    if (list.some((t: { status: string }) => ['failed', 'canceled'].includes(t.status))) throw new Error('a take did not render');
    if (Date.now() > deadline) throw new Error('the previs takes did not render in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const grid = (p: Page) => p.getByRole('list', { name: 'Takes' });
const card = (p: Page, code: string) => grid(p).getByRole('listitem', { name: code, exact: true });
/** The review state a card's badge names. */
const badge = async (p: Page, code: string) => (await card(p, code).locator('.review').textContent()) ?? '';
/** The take page's own badge, under its title. */
const pageBadge = async (p: Page) => (await p.locator('.page-header .take-sub .review').textContent()) ?? '';

describe('review by mouse as well as key', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchChromium();
    owner = await newPage();
    await post(owner, '/setup', OWNER);
    const created = await post(owner, '/projects', { name: 'Night Run', code: 'NIGHT', frameRate: '24/1', resolution: { width: 320, height: 180 } });
    projectId = created.project.id;
    const scene = await post(owner, `/projects/${projectId}/scenes`, { heading: 'INT. DINER - NIGHT', characters: ['MARA'] });
    shotId = (await post(owner, `/projects/${projectId}/scenes/${scene.id}/shots`, { plan: PLAN })).id;
    const invited = await post(owner, `/projects/${projectId}/invitations`, { email: DIRECTOR.email, role: 'director' });
    director = await newPage();
    await post(director, '/invitations/accept', { token: new URLSearchParams(new URL(invited.url).hash.slice(1)).get('token'), name: DIRECTOR.name, password: DIRECTOR.password });
    const made = await post(director, `/projects/${projectId}/shots/${shotId}/takes`, { provider: 'previs', model: 'previs-animatic', count: 4 });
    for (const t of made.takes) takes[t.code] = t.id;
    await rendered();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('revokes an approval with S on the take page after the reviewer clicked a box or the timeline', async () => {
    await post(director, `/projects/${projectId}/takes/${takes.TK001}/review`, { state: 'selected' });
    await post(director, `/projects/${projectId}/takes/${takes.TK001}/review`, { state: 'approved' });
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK001}`);
    await expect.poll(() => pageBadge(p)).toContain('approved');
    const timeline = p.getByRole('slider', { name: /timeline/ });
    const box = (await timeline.boundingBox())!;
    await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await p.keyboard.press('s');
    await expect.poll(() => reviewOf('TK001')).toBe('selected');
    await expect.poll(() => pageBadge(p)).toContain('selected');

    // Approved again, then the note's Client-visible box is ticked with the mouse: the keys still decide.
    await p.keyboard.press('a');
    await expect.poll(() => pageBadge(p)).toContain('approved');
    await p.getByRole('form', { name: 'New note' }).getByRole('checkbox', { name: 'Client-visible' }).click();
    await p.keyboard.press('s');
    await expect.poll(() => reviewOf('TK001')).toBe('selected');
    await expect.poll(() => pageBadge(p)).toContain('selected');
  });

  it("revokes with S on the shot's takes opened from an approved take's page; with nothing focused, S says why it did nothing", async () => {
    await post(director, `/projects/${projectId}/takes/${takes.TK001}/review`, { state: 'approved' });
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK001}`);
    await expect.poll(() => pageBadge(p)).toContain('approved');
    await p.getByRole('link', { name: /^All takes of/ }).click();
    await card(p, 'TK001').waitFor();
    await expect.poll(() => p.getByLabel('Triage').innerText()).toMatch(/Focused:\s*TK001/);
    // The bar says how to revoke, and S does it.
    expect(await p.getByRole('toolbar', { name: 'Decide' }).getByRole('button', { name: 'Revoke approval' }).count()).toBe(1);
    await p.keyboard.press('s');
    await expect.poll(() => badge(p, 'TK001')).toContain('selected');
    expect(await reviewOf('TK001')).toBe('selected');

    // Opened afresh, nothing has the focus: S explains rather than doing nothing silently.
    await p.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await card(p, 'TK001').waitFor();
    await p.keyboard.press('s');
    await p.getByText(/No take is focused or picked/).waitFor();
  });

  it('decides with the buttons on the take page, each naming its key; an approved take offers Revoke and says how by key', async () => {
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK002}`);
    const bar = p.getByRole('toolbar', { name: 'Decision' });
    await bar.waitFor();
    for (const [name, key] of [
      ['Reject', 'R'],
      ['Maybe', 'M'],
      ['Select', 'S'],
      ['Approve', 'A'],
    ]) {
      const button = bar.getByRole('button', { name, exact: true });
      expect(await button.innerText()).toContain(key);
      expect(await button.getAttribute('aria-keyshortcuts')).toBe(key);
    }
    // Only a selected take can be approved.
    expect(await bar.getByRole('button', { name: 'Approve', exact: true }).isDisabled()).toBe(true);
    await bar.getByRole('button', { name: 'Maybe', exact: true }).click();
    await expect.poll(() => pageBadge(p)).toContain('maybe');
    await bar.getByRole('button', { name: 'Select', exact: true }).click();
    await expect.poll(() => pageBadge(p)).toContain('selected');
    await bar.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => pageBadge(p)).toContain('approved');
    expect(await reviewOf('TK002')).toBe('approved');

    // Approved: one button, Revoke, and a line that says S does it too.
    const revoke = bar.getByRole('button', { name: 'Revoke approval' });
    expect(await revoke.innerText()).toContain('S');
    expect(await bar.getByRole('button', { name: 'Reject', exact: true }).count()).toBe(0);
    expect(await p.locator('.decision-hint').innerText()).toMatch(/revoke the approval press S/);
    await p.screenshot({ path: `${SHOTS}-approved.png` });
    await revoke.click();
    await expect.poll(() => pageBadge(p)).toContain('selected');
    expect(await reviewOf('TK002')).toBe('selected');
  });

  it('asks a reason where the project requires one, and lists every decision with who, when and why', async () => {
    // The owner chooses, on the project's settings, the decisions that need a reason.
    const o = owner;
    await o.goto(`${server.url}/projects/${projectId}/settings`);
    const form = o.getByRole('form', { name: 'Review settings' });
    await form.getByRole('checkbox', { name: 'Reject' }).check();
    await form.getByRole('checkbox', { name: 'Revoke an approval' }).check();
    await form.getByRole('button', { name: 'Save review settings' }).click();
    await form.getByText('Review settings saved.').waitFor();
    expect((await call(owner, 'get', `/projects/${projectId}`)).project.review).toEqual({ reasonRequiredFor: ['reject', 'revoke'] });
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK003}`);
    const bar = p.getByRole('toolbar', { name: 'Decision' });
    await bar.getByRole('button', { name: 'Reject', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: 'Reject: TK003' });
    await dialog.waitFor();
    const send = dialog.getByRole('button', { name: 'Reject', exact: true });
    expect(await send.isDisabled()).toBe(true);
    // Nothing is sent until the reason is given.
    expect(await reviewOf('TK003')).toBe('unreviewed');
    await dialog.getByRole('textbox').fill('Mara leaves frame at the end');
    await send.click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => pageBadge(p)).toContain('rejected');

    // A key asks the same: M needs no reason, R again would.
    await p.keyboard.press('m');
    await expect.poll(() => pageBadge(p)).toContain('maybe');
    const history = p.getByRole('list', { name: 'Decisions on this take' });
    await expect.poll(() => history.getByRole('listitem').count()).toBe(2);
    const [latest, first] = await history.getByRole('listitem').allInnerTexts();
    expect(latest).toMatch(/rejected\s*→\s*maybe/);
    expect(latest).toContain(DIRECTOR.name);
    expect(first).toMatch(/unreviewed\s*→\s*rejected/);
    expect(first).toContain('Mara leaves frame at the end');
    await p.screenshot({ path: `${SHOTS}-history.png` });
    await call(owner, 'patch', `/projects/${projectId}`, { review: { reasonRequiredFor: [] } });
  });

  it('shows approved with a check mark, not a dot, on the cards and the take page', async () => {
    await post(director, `/projects/${projectId}/takes/${takes.TK004}/review`, { state: 'selected' });
    await post(director, `/projects/${projectId}/takes/${takes.TK004}/review`, { state: 'approved' });
    const p = director;
    const mark = (scope: ReturnType<Page['locator']>) =>
      scope.locator('.review-mark').evaluate((el) => ({ text: el.textContent, background: getComputedStyle(el).backgroundColor, radius: getComputedStyle(el).borderRadius }));
    await p.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await card(p, 'TK004').waitFor();
    const onCard = await mark(card(p, 'TK004').locator('.review'));
    expect(onCard).toEqual({ text: '✓', background: 'rgba(0, 0, 0, 0)', radius: '0px' });
    expect(await badge(p, 'TK004')).toContain('approved');
    // Other states keep their coloured dot and their name.
    const maybe = await mark(card(p, 'TK003').locator('.review'));
    expect(maybe.text).toBe('');
    expect(maybe.radius).toBe('50%');
    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK004}`);
    await expect.poll(() => pageBadge(p)).toContain('approved');
    expect((await mark(p.locator('.page-header .take-sub .review'))).text).toBe('✓');
  });

  it('compares by mouse: two pick boxes then Compare on the grid, and Compare with… on the take page', async () => {
    const p = director;
    await p.goto(`${server.url}/projects/${projectId}/shots/${shotId}/takes`);
    await card(p, 'TK002').waitFor();
    await card(p, 'TK003').getByRole('button', { name: 'Pick TK003' }).click();
    await card(p, 'TK002').getByRole('button', { name: 'Pick TK002' }).click();
    expect(await card(p, 'TK002').getByRole('button', { name: 'Pick TK002' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => p.getByLabel('Triage').innerText()).toContain('2 picked');
    await p.getByRole('button', { name: /^Compare 2/ }).click();
    await p.waitForURL(/\/compare\?ids=/);
    expect(new URL(p.url()).searchParams.get('ids')!.split(',').sort()).toEqual([takes.TK002, takes.TK003].sort());
    await expect.poll(() => p.locator('video.compare-video').count()).toBe(2);

    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK001}`);
    await p.getByText('Compare with…').click();
    await p.getByRole('link', { name: 'Compare with TK004' }).click();
    await p.waitForURL(/\/compare\?ids=/);
    expect(new URL(p.url()).searchParams.get('ids')).toBe(`${takes.TK001},${takes.TK004}`);
    await expect.poll(() => p.locator('video.compare-video').count()).toBe(2);

    // C on a take's page compares it with the take before it.
    await p.goto(`${server.url}/projects/${projectId}/takes/${takes.TK003}`);
    await p.getByText('Compare with…').waitFor();
    await p.keyboard.press('c');
    await p.waitForURL(/\/compare\?ids=/);
    expect(new URL(p.url()).searchParams.get('ids')).toBe(`${takes.TK003},${takes.TK002}`);
  });
});

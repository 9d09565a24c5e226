/** The storyboard prints to a real PDF through headless Chromium, with the scene's shots in order. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShotPlan } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/harness.ts';
import { waitFor } from '../../test/wait.ts';

describeEachDatabase('the storyboard PDF', (h) => {
  it('prints the shots of a scene in order, and members only may fetch it', async () => {
    const owner = await h().person('Stella');
    const viewer = await h().person('Vic');
    const projectId = await h().project(owner, 'BOARD', [[viewer, 'viewer']]);
    const actor = { accountId: owner.id, name: owner.name };
    const scene = await h().container.services.scenes.create(actor, projectId, { heading: "EXT. BRICK'S PATIO - DAY", beat: 'A toast to retirement', excerpt: '', characters: [] });
    for (const [size, job] of [
      ['WS', 'Establish the patio'],
      ['MCU', 'Brick contemplates'],
      ['INSERT', 'The beer bottles sweat'],
    ] as const) {
      await h().container.services.shots.create(actor, projectId, scene.id, { plan: ShotPlan.parse({ job, camera: { size, movement: 'static' } }) });
    }
    const url = `/api/v1/projects/${projectId}/scenes/${scene.id}/storyboard.pdf`;
    const r = await h().as(owner, { method: 'GET', url });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(mkdtempSync(join(tmpdir(), 'backlot-pdf-')), 'board.pdf');
    writeFileSync(file, r.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain("Scene 1 — EXT. BRICK'S PATIO - DAY");
    const order = ['SC001_SH010', 'SC001_SH020', 'SC001_SH030'].map((c) => text.indexOf(c));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Brick contemplates');
    expect((await h().as(viewer, { method: 'GET', url })).statusCode).toBe(403);
    expect((await h().as(undefined, { method: 'GET', url })).statusCode).toBe(401);
  });
  it("shows a shot as its picked take's frame once a take is selected, and the others as drawn from the plan", async () => {
    const owner = await h().person('Sela');
    const projectId = await h().project(owner, 'PICKS');
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 160, height: 90 } } });
    const scene = (await h().as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. DINER - NIGHT' } })).json();
    const plan = { subjectAction: 'June pours coffee.', camera: { size: 'MS', movement: 'static' }, reviewCriteria: ['cup in frame'], targetFrames: 12 };
    const shotIds: string[] = [];
    for (const job of ['June pours', 'The cup fills']) {
      shotIds.push((await h().as(owner, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: { ...plan, job } } })).json().id);
    }
    const made = (await h().as(owner, { method: 'POST', url: url(`/shots/${shotIds[0]}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count: 2 } })).json().takes as {
      id: string;
    }[];
    h().container.startWorker();
    await waitFor(
      async () => (await h().as(owner, { method: 'GET', url: url(`/takes?shotId=${shotIds[0]}`) })).json().takes as { media: unknown }[],
      (takes) => takes.length === 2 && takes.every((t) => t.media !== null),
    );
    const pdfText = async () => {
      const r = await h().as(owner, { method: 'GET', url: url(`/scenes/${scene.id}/storyboard.pdf`) });
      expect(r.statusCode).toBe(200);
      const file = join(mkdtempSync(join(tmpdir(), 'backlot-pdf-')), 'board.pdf');
      writeFileSync(file, r.rawPayload);
      const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), images: images.length };
    };
    // Rendered but not picked: both shots are still drawn from their plans.
    const before = await pdfText();
    expect(before.images).toBe(0);
    expect(before.text).not.toContain('TK00');

    expect((await h().as(owner, { method: 'POST', url: url(`/takes/${made[1].id}/review`), payload: { state: 'selected' } })).statusCode).toBe(200);
    const after = await pdfText();
    expect(after.images).toBe(1);
    expect(after.text).toContain('TK002 selected');
    expect(after.text).toContain('SC001_SH020');
    expect(after.text).toContain('MS');
  });
});

/** The storyboard prints to a real PDF through headless Chromium, with the scene's shots in order. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShotPlan } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/harness.ts';

describeEachDatabase('the storyboard PDF', (h) => {
  it('prints the shots of a scene in order, and members only may fetch it', async () => {
    const owner = await h().person('Stella');
    const viewer = await h().person('Vic');
    const projectId = await h().project(owner, 'BOARD', [[viewer, 'viewer']]);
    const actor = { accountId: owner.id, name: owner.name };
    const scene = await h().container.services.scenes.create(actor, projectId, { heading: "EXT. BRICK'S PATIO - DAY", beat: 'A toast to retirement', excerpt: '', characters: [] });
    for (const [size, job] of [['WS', 'Establish the patio'], ['MCU', 'Brick contemplates'], ['INSERT', 'The beer bottles sweat']] as const) {
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
});

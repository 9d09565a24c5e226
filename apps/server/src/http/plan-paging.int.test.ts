/**
 * Long scripts on SQLite and PostgreSQL: a Fountain import over the scene cap is refused whole,
 * and scene and shot lists come a page at a time (500 unless asked, at most 1000) with the total
 * and the offset of the next page, so no caller sees a large project cut off.
 */
import { randomUUID } from 'node:crypto';
import { ShotPlan } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

/** A screenplay of `n` scenes, numbered 1..n in their headings. */
const screenplay = (n: number) => Array.from({ length: n }, (_, i) => `INT. ROOM ${i + 1} - DAY\n\nA door opens.\n`).join('\n');

describeEachDatabase('long scripts', (h) => {
  let owner: Person;
  let projectId = '';
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const get = (path: string) => h().as(owner, { method: 'GET', url: url(path) });

  it('refuses a screenplay of more than 5,000 scenes, naming the count and the cap, and writes nothing', async () => {
    owner = await h().person('Olga');
    projectId = await h().project(owner, 'LONG');
    const r = await h().as(owner, { method: 'POST', url: url('/import/fountain'), payload: { text: screenplay(5001), fileName: 'epic.fountain' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'screenplay.invalid', field: 'file' });
    expect(r.json().error.message).toContain('5,001 scenes');
    expect(r.json().error.message).toContain('at most 5,000');
    const scenes = await get('/scenes');
    expect(scenes.json()).toMatchObject({ scenes: [], total: 0, next: null });
    const audit = await get('/audit');
    expect(audit.json().events.map((e: { action: string }) => e.action)).not.toContain('screenplay.imported');
  });

  it('pages 1,201 scenes by 500: every scene once, in order', async () => {
    const r = await h().as(owner, { method: 'POST', url: url('/import/fountain'), payload: { text: screenplay(1201) } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().added).toHaveLength(1201);
    const first = (await get('/scenes')).json();
    expect([first.scenes.length, first.total, first.next]).toEqual([500, 1201, 500]);
    expect(first.scenes[0].heading).toBe('INT. ROOM 1 - DAY');
    const second = (await get('/scenes?offset=500')).json();
    expect([second.scenes.length, second.total, second.next]).toEqual([500, 1201, 1000]);
    expect(second.scenes[0].heading).toBe('INT. ROOM 501 - DAY');
    const last = (await get('/scenes?offset=1000')).json();
    expect([last.scenes.length, last.total, last.next]).toEqual([201, 1201, null]);
    expect(last.scenes[200].heading).toBe('INT. ROOM 1201 - DAY');
    const big = (await get('/scenes?limit=1000')).json();
    expect([big.scenes.length, big.next]).toEqual([1000, 1000]);
    const small = (await get('/scenes?limit=2&offset=1199')).json();
    expect(small.scenes.map((s: { heading: string }) => s.heading)).toEqual(['INT. ROOM 1200 - DAY', 'INT. ROOM 1201 - DAY']);
    expect(small.next).toBeNull();
  });

  it('refuses a page larger than 1000, or one that starts before the first', async () => {
    for (const [query, field] of [
      ['limit=1001', 'limit'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=ten', 'limit'],
    ]) {
      const r = await get(`/scenes?${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.json().error, query).toMatchObject({ code: 'request.invalid', field });
      const s = await get(`/shots?${query}`);
      expect(s.statusCode, query).toBe(400);
      expect(s.json().error, query).toMatchObject({ code: 'request.invalid', field });
    }
  });

  it('pages 1,100 shots by 500, in scene order, for the project and for one scene', async () => {
    // 600 shots in scene 1 and 500 in scene 2, stored directly: the shot-list import is not what is tested here.
    const [one, two] = (await get('/scenes?limit=2')).json().scenes as { id: string }[];
    const plan = ShotPlan.parse({});
    const now = new Date().toISOString();
    await h().container.store.transaction(async (tx) => {
      for (const [scene, prefix, count] of [
        [one, 'SC1', 600],
        [two, 'SC2', 500],
      ] as const) {
        for (let i = 0; i < count; i++) {
          const id = randomUUID();
          await tx.shots.insert({
            id,
            projectId,
            sceneId: scene.id,
            code: `${prefix}_SH${String(i + 1).padStart(4, '0')}`,
            position: i,
            status: 'planned',
            planVersion: 1,
            lockedAt: null,
            lockedBy: null,
            createdAt: now,
            updatedAt: now,
          });
          await tx.shots.insertVersion({ shotId: id, version: 1, plan, authorId: owner.id, authorName: owner.name, note: null, createdAt: now });
        }
      }
    });
    const first = (await get('/shots')).json();
    expect([first.shots.length, first.total, first.next]).toEqual([500, 1100, 500]);
    expect(first.shots[0].code).toBe('SC1_SH0001');
    const second = (await get('/shots?offset=500')).json();
    expect([second.shots[0].code, second.shots[99].code, second.shots[100].code, second.next]).toEqual(['SC1_SH0501', 'SC1_SH0600', 'SC2_SH0001', 1000]);
    const last = (await get('/shots?offset=1000')).json();
    expect([last.shots.length, last.shots[0].code, last.shots[99].code, last.next]).toEqual([100, 'SC2_SH0401', 'SC2_SH0500', null]);
    const sceneOne = (await get('/scenes?limit=1')).json().scenes[0];
    expect(sceneOne.shotCount).toBe(600);
    const inScene = (await get(`/shots?sceneId=${sceneOne.id}`)).json();
    expect([inScene.shots.length, inScene.total, inScene.next]).toEqual([500, 600, 500]);
    const rest = (await get(`/shots?sceneId=${sceneOne.id}&offset=500`)).json();
    expect([rest.shots.length, rest.shots[99].code, rest.next]).toEqual([100, 'SC1_SH0600', null]);
  });
});

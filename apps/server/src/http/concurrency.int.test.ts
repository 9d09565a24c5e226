/**
 * A busy team writing to one project at once, over HTTP on SQLite and PostgreSQL: concurrent scene
 * and shot creates, reorders and notes all succeed; numbers and codes come out contiguous; the same
 * code or number asked for at once is one 201 and a 409 naming the conflict for the rest, never a
 * 500; and the project's audit chain verifies with one event per change.
 */
import { expect, it } from 'vitest';
import type { LightMyRequestResponse as Response } from 'fastify';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

const PLAN = {
  job: 'Establish the night shift',
  subjectAction: 'Mara crosses the empty loading bay. She stops at the shutter.',
  camera: { size: 'WS', movement: 'push-in' },
  environment: 'Sodium lights, wet concrete',
  reviewCriteria: ['Mara readable in silhouette'],
  targetFrames: 24,
};

/** How many answers had each status, e.g. {201: 99, 409: 1}. */
function statuses(answers: Response[]): Record<number, number> {
  const tally: Record<number, number> = {};
  for (const a of answers) tally[a.statusCode] = (tally[a.statusCode] ?? 0) + 1;
  return tally;
}

/** The error codes of the answers that were not 2xx. */
const errorCodes = (answers: Response[]) => answers.filter((a) => a.statusCode >= 300).map((a) => a.json().error?.code);

/** `ids` turned left by `n` places: every n gives another order of the same ids. */
const rotate = (ids: string[], n: number) => [...ids.slice(n), ...ids.slice(0, n)];

/** Scene k of 1..n, as the numbers come out when n scenes are added to an empty project. */
const sceneNumbers = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

/** The default codes of a scene's first n shots: steps of ten, SC001_SH010 to SC001_SH1000 for 100. */
const shotCodes = (scene: string, n: number) => Array.from({ length: n }, (_, i) => `${scene}_SH${String((i + 1) * 10).padStart(3, '0')}`);

describeEachDatabase('concurrent writes to one project', (h) => {
  let owner: Person, director: Person;
  let projectId = '';
  let sceneIds: string[] = [];
  let shotIds: string[] = [];
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  /** Owner and director take turns, as two people at two desks. */
  const someone = (i: number) => (i % 2 === 0 ? owner : director);
  const post = (i: number, path: string, payload: object) => h().as(someone(i), { method: 'POST', url: url(path), payload });
  const at = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
  const scenes = async () => (await h().as(owner, { method: 'GET', url: url('/scenes') })).json().scenes as { id: string; number: string; position: number }[];
  const shots = async (sceneId: string) => (await h().as(owner, { method: 'GET', url: url(`/shots?sceneId=${sceneId}`) })).json().shots as { id: string; code: string; position: number }[];

  it('adds 100 scenes at once, numbered 1 to 100 in the order they were added', async () => {
    [owner, director] = await Promise.all([h().person('Olga'), h().person('Dora Keller')]);
    projectId = await h().project(owner, 'BUSY', [[director, 'director']]);
    const answers = await at(100, (i) => post(i, '/scenes', { heading: `INT. ROOM ${i} - NIGHT` }));
    expect(statuses(answers)).toEqual({ 201: 100 });
    expect(answers.map((a) => a.json().number).sort((a, b) => Number(a) - Number(b))).toEqual(sceneNumbers(100));
    const list = await scenes();
    expect(list.map((s) => s.number)).toEqual(sceneNumbers(100));
    expect(list.map((s) => s.position)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    sceneIds = list.map((s) => s.id);
  });

  it('adds 100 shots to one scene at once, with contiguous codes in the order they were added', async () => {
    const answers = await at(100, (i) => post(i, `/scenes/${sceneIds[0]}/shots`, {}));
    expect(statuses(answers)).toEqual({ 201: 100 });
    expect(new Set(answers.map((a) => a.json().code)).size).toBe(100);
    const list = await shots(sceneIds[0]);
    expect(list.map((s) => s.code)).toEqual(shotCodes('SC001', 100));
    expect(list.map((s) => s.position)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    shotIds = list.map((s) => s.id);
  });

  it('takes 30 reorders of the scenes at once, ending in one of the orders asked for', async () => {
    const orders = Array.from({ length: 30 }, (_, k) => rotate(sceneIds, k + 1));
    const answers = await at(30, (i) => post(i, '/scenes/reorder', { ids: orders[i] }));
    expect(statuses(answers)).toEqual({ 200: 30 });
    const list = await scenes();
    expect(list.map((s) => s.position)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(orders.map((o) => o.join())).toContain(list.map((s) => s.id).join());
  });

  it('takes 30 reorders of a scene’s shots at once, ending in one of the orders asked for', async () => {
    const orders = Array.from({ length: 30 }, (_, k) => rotate(shotIds, k + 1));
    const answers = await at(30, (i) => post(i, `/scenes/${sceneIds[0]}/shots/reorder`, { ids: orders[i] }));
    expect(statuses(answers)).toEqual({ 200: 30 });
    const list = await shots(sceneIds[0]);
    expect(list.map((s) => s.position)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(orders.map((o) => o.join())).toContain(list.map((s) => s.id).join());
  });

  it('takes 100 notes on one take at once', async () => {
    const shot = await post(0, `/scenes/${sceneIds[1]}/shots`, { plan: PLAN });
    expect(shot.statusCode).toBe(201);
    const queued = await post(0, `/shots/${shot.json().id}/takes`, { provider: 'previs', model: 'previs-animatic', count: 1 });
    expect(queued.statusCode).toBe(201);
    const takeId = queued.json().takes[0].id as string;
    const answers = await at(100, (i) => post(i, `/takes/${takeId}/notes`, { body: `Note ${i}` }));
    expect(statuses(answers)).toEqual({ 201: 100 });
    const notes = (await h().as(owner, { method: 'GET', url: url(`/takes/${takeId}/notes`) })).json().notes as { body: string }[];
    expect(notes.map((n) => n.body).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `Note ${i}`).sort());
  });

  it('answers 20 creates of one scene number at once with one 201 and 409 scene.number_taken', async () => {
    const answers = await at(20, (i) => post(i, '/scenes', { number: '500', heading: `EXT. ROOF ${i} - DAWN` }));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 19 });
    expect(new Set(errorCodes(answers))).toEqual(new Set(['scene.number_taken']));
  });

  it('answers 20 creates of one shot code at once with one 201 and 409 shot.code_taken', async () => {
    const answers = await at(20, (i) => post(i, `/scenes/${sceneIds[1]}/shots`, { code: 'ROOF_A' }));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 19 });
    expect(new Set(errorCodes(answers))).toEqual(new Set(['shot.code_taken']));
  });

  it('answers 20 creates of one project code at once with one 201 and 409 project.code_taken', async () => {
    const answers = await at(20, (i) => h().as(someone(i), { method: 'POST', url: '/api/v1/projects', payload: { name: `Twin ${i}`, code: 'TWIN' } }));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 19 });
    expect(new Set(errorCodes(answers))).toEqual(new Set(['project.code_taken']));
  });

  it('keeps one verifiable audit chain with one event per change', async () => {
    const verified = (await h().as(owner, { method: 'GET', url: url('/audit/verify') })).json();
    const events: { action: string; seq: number }[] = [];
    for (let before: number | undefined; ; ) {
      const page = (await h().as(owner, { method: 'GET', url: url(`/audit?limit=200${before ? `&before=${before}` : ''}`) })).json().events as { action: string; seq: number }[];
      if (page.length === 0) break;
      events.push(...page);
      before = page[page.length - 1].seq;
    }
    const byAction: Record<string, number> = {};
    for (const e of events) byAction[e.action] = (byAction[e.action] ?? 0) + 1;
    expect(byAction).toEqual({
      'project.created': 1,
      'scene.created': 101,
      'shot.created': 102,
      'scene.reordered': 30,
      'shot.reordered': 30,
      'take.requested': 1,
      'note.created': 100,
    });
    expect(verified).toMatchObject({ ok: true, count: 365 });
  });
});

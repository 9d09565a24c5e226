/**
 * The project's takes grid over HTTP, on SQLite and PostgreSQL: every take in scene and shot order,
 * filtered by review state, scene or shot, a page at a time; a viewer reads only the selected and
 * approved takes, without prompt, seed or cost, and the shots that hold them (DESIGN.md §8).
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { waitFor } from '../../test/wait.ts';

const PLAN = {
  job: 'Establish the night shift',
  subjectAction: 'Mara crosses the empty loading bay.',
  camera: { size: 'WS', movement: 'static' },
  reviewCriteria: ['Mara readable'],
  targetFrames: 12,
};

interface GridTake {
  id: string;
  code: string;
  shotCode: string;
  review: string;
  media: { poster: string } | null;
  seed?: number;
  prompt?: string;
  cost?: unknown;
}
interface GridPage {
  takes: GridTake[];
  shots: { id: string; code: string; sceneId: string; sceneNumber: string }[];
  total: number;
  next: number | null;
}

describeEachDatabase('project takes', (h) => {
  let owner: Person, director: Person, viewer: Person;
  let projectId = '';
  const scenes: string[] = [];
  const shots: string[] = [];
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const grid = async (who: Person, query = '') => {
    const r = await h().as(who, { method: 'GET', url: url(`/takes${query}`) });
    expect(r.statusCode).toBe(200);
    return r.json() as GridPage;
  };
  const codes = (p: GridPage) => p.takes.map((t) => `${t.shotCode} ${t.code}`);

  it('sets up two scenes: two takes of the first shot, one of the second, rendered', async () => {
    [owner, director, viewer] = await Promise.all(['Olga', 'Dora', 'Vera'].map((n) => h().person(n)));
    projectId = await h().project(owner, 'GRID', [
      [director, 'director'],
      [viewer, 'viewer'],
    ]);
    await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 160, height: 90 } } });
    for (const heading of ['INT. LOADING BAY - NIGHT', 'EXT. ROOF - DAWN']) {
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading } })).json();
      scenes.push(scene.id);
      shots.push((await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json().id);
    }
    await h().as(director, { method: 'POST', url: url(`/shots/${shots[0]}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count: 2 } });
    await h().as(director, { method: 'POST', url: url(`/shots/${shots[1]}/takes`), payload: { provider: 'previs', model: 'previs-animatic' } });
    h().container.startWorker();
    await waitFor(
      () => grid(director),
      (p) => p.takes.length === 3 && p.takes.every((t) => t.media !== null),
    );
  });

  it('lists every take to a director in scene and shot order, newest take of a shot first, with posters', async () => {
    const page = await grid(director);
    expect(codes(page)).toEqual(['SC001_SH010 TK002', 'SC001_SH010 TK001', 'SC002_SH010 TK001']);
    expect(page.total).toBe(3);
    expect(page.next).toBeNull();
    expect(page.takes[0].media?.poster).toMatch(new RegExp(`^/api/v1/projects/${projectId}/takes/${page.takes[0].id}/media/[0-9a-f]{64}$`));
    expect(page.shots.map((s) => s.sceneNumber)).toEqual(['1', '2']);
  });

  it('pages: two at a time, the second page starts where the first ended', async () => {
    const first = await grid(director, '?limit=2');
    expect(first.takes).toHaveLength(2);
    expect(first.total).toBe(3);
    expect(first.next).toBe(2);
    const second = await grid(director, '?limit=2&offset=2');
    expect(codes(second)).toEqual(['SC002_SH010 TK001']);
    expect(second.next).toBeNull();
  });

  it('filters by scene, by shot and by review state', async () => {
    expect(codes(await grid(director, `?sceneId=${scenes[1]}`))).toEqual(['SC002_SH010 TK001']);
    expect(codes(await grid(director, `?shotId=${shots[0]}`))).toEqual(['SC001_SH010 TK002', 'SC001_SH010 TK001']);
    const { takes } = await grid(director, `?shotId=${shots[0]}`);
    const tk1 = takes.find((t) => t.code === 'TK001')!;
    await h().as(director, { method: 'POST', url: url(`/takes/${tk1.id}/review`), payload: { state: 'selected' } });
    await h().as(director, { method: 'POST', url: url(`/takes/${tk1.id}/review`), payload: { state: 'approved' } });
    expect(codes(await grid(director, '?state=approved'))).toEqual(['SC001_SH010 TK001']);
    expect(codes(await grid(director, '?state=unreviewed'))).toEqual(['SC001_SH010 TK002', 'SC002_SH010 TK001']);
  });

  it('shows a viewer only the approved take, without prompt, seed or cost, and only the shot that holds it', async () => {
    const page = await grid(viewer);
    expect(codes(page)).toEqual(['SC001_SH010 TK001']);
    expect(page.takes[0].review).toBe('approved');
    expect(page.takes[0].media?.poster).toBeTruthy();
    expect(page.total).toBe(1);
    expect(page.shots.map((s) => s.code)).toEqual(['SC001_SH010']);
    const text = JSON.stringify(page);
    for (const hidden of ['"prompt"', '"seed"', '"cost"', '"request"', '"settings"', '"requestedBy"']) expect(text).not.toContain(hidden);
    // Asking for the unreviewed ones shows none of them.
    expect((await grid(viewer, '?state=unreviewed')).takes).toEqual([]);
    // And the poster it names is one the viewer may fetch.
    const poster = await h().as(viewer, { method: 'GET', url: page.takes[0].media!.poster });
    expect(poster.statusCode).toBe(200);
  });

  it("gives each shot its picture: the approved take's poster, else the newest rendered one; none for a shot whose takes are all rejected", async () => {
    const posters = async (query = '') => {
      const r = await h().as(director, { method: 'GET', url: url(`/shot-posters${query}`) });
      expect(r.statusCode).toBe(200);
      // In scene and shot order.
      return r.json().posters as { shotId: string; sceneId: string; takeCode: string; review: string; why: string; poster: string }[];
    };
    const all = await posters();
    expect(all.map((p) => [p.sceneId, p.shotId, p.takeCode, p.review, p.why])).toEqual([
      [scenes[0], shots[0], 'TK001', 'approved', 'approved'],
      [scenes[1], shots[1], 'TK001', 'unreviewed', 'latest'],
    ]);
    expect(all[0].poster).toMatch(new RegExp(`^/api/v1/projects/${projectId}/takes/[^/]+/media/[0-9a-f]{64}$`));
    expect((await h().as(director, { method: 'GET', url: all[0].poster })).statusCode).toBe(200);
    expect((await posters(`?sceneId=${scenes[1]}`)).map((p) => p.shotId)).toEqual([shots[1]]);

    const [second] = (await grid(director, `?shotId=${shots[1]}`)).takes;
    await h().as(director, { method: 'POST', url: url(`/takes/${second.id}/review`), payload: { state: 'rejected' } });
    expect((await posters()).map((p) => p.shotId)).toEqual([shots[0]]);
    // Pictures go with the plans: a viewer, who reads neither, is refused.
    expect((await h().as(viewer, { method: 'GET', url: url('/shot-posters') })).statusCode).toBe(403);
  });

  it('refuses bad filters naming the field', async () => {
    const bad = await h().as(director, { method: 'GET', url: url('/takes?state=great') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('state');
    const tooMany = await h().as(director, { method: 'GET', url: url('/takes?limit=5000') });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.field).toBe('limit');
  });
});

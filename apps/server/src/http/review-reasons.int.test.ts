/**
 * Reasons a project asks for, over HTTP on SQLite and PostgreSQL: an owner or producer (not a
 * director, editor or viewer: "edit project settings", DESIGN.md §8) names the decisions that need a
 * reason; such a decision without one is refused 400 naming `reason`, and changes nothing; dozens
 * of decisions sent at once on one shot's takes never answer 500 and leave one consistent state.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { waitFor } from '../../test/wait.ts';

const PLAN = {
  job: 'Mara checks the shutter',
  subjectAction: 'Mara tugs the shutter; it holds.',
  camera: { size: 'MS', movement: 'static' },
  environment: 'Sodium lights, wet concrete',
  reviewCriteria: ['The shutter holds'],
  targetFrames: 24,
};

interface TakeJson {
  id: string;
  code: string;
  status: string;
  review: string;
}
interface EventJson {
  from: string;
  to: string;
  reason: string | null;
}

describeEachDatabase('reasons for review decisions', (h) => {
  let owner: Person, producer: Person, director: Person, editor: Person, viewer: Person;
  let projectId = '';
  let shotId = '';
  let tk: Record<string, string> = {};
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const review = (who: Person, takeId: string, payload: object) => h().as(who, { method: 'POST', url: url(`/takes/${takeId}/review`), payload });
  const settings = (who: Person, review: object) => h().as(who, { method: 'PATCH', url: url(''), payload: { review } });
  const takeOf = async (id: string) => (await h().as(director, { method: 'GET', url: url(`/takes/${id}`) })).json() as TakeJson;
  const historyOf = async (id: string) => (await h().as(director, { method: 'GET', url: url(`/takes/${id}/review`) })).json().events as EventJson[];
  const takesOf = async () => (await h().as(director, { method: 'GET', url: url(`/shots/${shotId}/takes`) })).json().takes as TakeJson[];

  it('sets up a shot with four rendered previs takes', async () => {
    [owner, producer, director, editor, viewer] = await Promise.all(['Olga', 'Pablo', 'Dora', 'Eddie', 'Vera'].map((n) => h().person(n)));
    projectId = await h().project(owner, 'REASONS', [
      [producer, 'producer'],
      [director, 'director'],
      [editor, 'editor'],
      [viewer, 'viewer'],
    ]);
    expect((await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 320, height: 180 } } })).statusCode).toBe(200);
    const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. LOADING BAY - NIGHT' } });
    shotId = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: PLAN } })).json().id;
    const asked = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count: 4 } });
    expect(asked.statusCode, asked.body).toBe(201);
    const queued = asked.json().takes as TakeJson[];
    h().container.startWorker();
    await waitFor(
      () => takesOf(),
      (l) => l.length === 4 && l.every((t) => t.status === 'succeeded'),
    );
    tk = Object.fromEntries(queued.map((t) => [t.code, t.id]));
  });

  it('asks no reason by default, and every member reads the setting', async () => {
    for (const who of [owner, director, viewer]) {
      const project = (await h().as(who, { method: 'GET', url: url('') })).json().project;
      expect(project.review).toEqual({ reasonRequiredFor: [] });
    }
    expect((await review(director, tk.TK004, { state: 'maybe' })).statusCode).toBe(200);
  });

  it('lets an owner or a producer choose the decisions that need a reason, not a director, editor or viewer', async () => {
    for (const who of [director, editor, viewer]) {
      const refused = await settings(who, { reasonRequiredFor: ['reject'] });
      expect(refused.statusCode).toBe(403);
    }
    const byProducer = await settings(producer, { reasonRequiredFor: ['revoke', 'reject'] });
    expect(byProducer.statusCode).toBe(200);
    // Kept in the order the decisions are made in, whatever order they were sent in.
    expect(byProducer.json().project.review).toEqual({ reasonRequiredFor: ['reject', 'revoke'] });
    const audit = (await h().as(owner, { method: 'GET', url: url('/audit?limit=5') })).json().events as { action: string; summary: string }[];
    expect(audit.find((e) => e.action === 'project.updated')?.summary).toBe('Pablo changed reasonRequiredFor from none to reject, revoke');
    // The same set again changes nothing, and writes nothing.
    expect((await settings(owner, { reasonRequiredFor: ['reject', 'revoke'] })).statusCode).toBe(200);
    const again = (await h().as(owner, { method: 'GET', url: url('/audit?limit=5') })).json().events as { action: string }[];
    expect(again.filter((e) => e.action === 'project.updated')).toHaveLength(audit.filter((e) => e.action === 'project.updated').length);
  });

  it('refuses a setting that names an unknown decision or one twice, naming the field; nothing changes', async () => {
    const unknown = await settings(owner, { reasonRequiredFor: ['approve', 'unapprove'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('review.reasonRequiredFor.1');
    expect(unknown.json().error.message).toMatch(/must be one of reject, maybe, select, approve, revoke/);
    const twice = await settings(owner, { reasonRequiredFor: ['approve', 'approve'] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.field).toBe('review.reasonRequiredFor');
    expect(twice.json().error.message).toMatch(/twice/);
    const notAList = await settings(owner, { reasonRequiredFor: 'approve' });
    expect(notAList.statusCode).toBe(400);
    expect((await h().as(owner, { method: 'GET', url: url('') })).json().project.review).toEqual({ reasonRequiredFor: ['reject', 'revoke'] });
  });

  it('refuses a rejection without a reason (blank counts as none), naming the field; with one it is kept in the history', async () => {
    for (const body of [{ state: 'rejected' }, { state: 'rejected', reason: '   ' }]) {
      const refused = await review(director, tk.TK001, body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'request.invalid', field: 'reason' });
      expect(refused.json().error.message).toMatch(/reason when rejecting a take.*TK001/);
    }
    expect((await takeOf(tk.TK001)).review).toBe('unreviewed');
    expect(await historyOf(tk.TK001)).toEqual([]);

    const rejected = await review(director, tk.TK001, { state: 'rejected', reason: 'Shutter opens by itself' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().review).toBe('rejected');
    expect((await historyOf(tk.TK001)).map((e) => [e.from, e.to, e.reason])).toEqual([['unreviewed', 'rejected', 'Shutter opens by itself']]);
  });

  it('asks nothing for decisions not named: select and approve pass without a reason; revoking needs one', async () => {
    expect((await review(director, tk.TK002, { state: 'selected' })).statusCode).toBe(200);
    expect((await review(director, tk.TK002, { state: 'approved' })).statusCode).toBe(200);
    const revoke = await review(director, tk.TK002, { state: 'selected' });
    expect(revoke.statusCode).toBe(400);
    expect(revoke.json().error.field).toBe('reason');
    expect(revoke.json().error.message).toMatch(/revoking an approval/);
    expect((await takeOf(tk.TK002)).review).toBe('approved');
    expect((await h().as(director, { method: 'GET', url: url(`/shots/${shotId}`) })).json().status).toBe('approved');

    const revoked = await review(director, tk.TK002, { state: 'selected', reason: 'The logo shows at the end' });
    expect(revoked.json().review).toBe('selected');
    expect((await h().as(director, { method: 'GET', url: url(`/shots/${shotId}`) })).json().status).toBe('in_progress');
    // Asking again for the state a take is already in changes nothing, so it needs no reason.
    expect((await review(director, tk.TK001, { state: 'rejected' })).statusCode).toBe(200);
  });

  it('answers dozens of decisions sent at once on one shot without a 500, and leaves one consistent state', async () => {
    expect((await settings(owner, { reasonRequiredFor: ['approve', 'revoke'] })).statusCode).toBe(200);
    const states = ['rejected', 'maybe', 'selected', 'approved', 'selected', 'maybe'] as const;
    const people = [owner, producer, director];
    const codes = ['TK001', 'TK002', 'TK003', 'TK004'];
    const earlier = new Map<string, number>();
    for (const code of codes) earlier.set(tk[code], (await historyOf(tk[code])).length);
    const sent = Array.from({ length: 48 }, (_, i) => {
      const state = states[i % states.length];
      // Every third approval or revocation comes without its reason.
      const reason = i % 3 === 0 ? undefined : `Decision ${i}`;
      return review(people[i % people.length], tk[codes[i % codes.length]], reason ? { state, reason } : { state });
    });
    const answers = await Promise.all(sent);
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => [200, 400, 409].includes(s))).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    for (const a of answers.filter((x) => x.statusCode === 400)) expect(a.json().error.field).toBe('reason');

    const final = await takesOf();
    const approved = final.filter((t) => t.review === 'approved');
    expect(approved.length).toBeLessThanOrEqual(1);
    const shot = (await h().as(director, { method: 'GET', url: url(`/shots/${shotId}`) })).json();
    expect(shot.status).toBe(approved.length ? 'approved' : 'in_progress');
    for (const take of final) {
      const events = await historyOf(take.id);
      // Each decision starts where the one before it ended, and the last one is the take's state.
      let at = 'unreviewed';
      events.forEach((e, i) => {
        expect(e.from).toBe(at);
        at = e.to;
        // Approvals and revocations made since approve and revoke need a reason all have one.
        if (i >= earlier.get(take.id)! && (e.to === 'approved' || e.from === 'approved')) expect(e.reason).toBeTruthy();
      });
      expect(take.review).toBe(at);
    }
  });
});

/**
 * The project event stream follows the listener's access while it is open, on SQLite and
 * PostgreSQL: a member demoted to viewer stops receiving takes a viewer may not see, and the
 * stream ends when the member is removed, the session signed out or idle too long, the API
 * token revoked, or the account disabled.
 */
import type { TakeEvent } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { createTestClock, DAY } from '../../test/clock.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { waitFor } from '../../test/wait.ts';

const clock = createTestClock(Date.parse('2026-03-01T09:00:00Z'));

const PLAN = {
  job: 'Establish the night shift',
  subjectAction: 'Mara crosses the empty loading bay.',
  camera: { size: 'WS', movement: 'push-in' },
  environment: 'Sodium lights, wet concrete',
  reviewCriteria: ['Mara readable in silhouette'],
  targetFrames: 24,
};

/** An open event stream: what it has delivered so far, and whether the server has ended it. */
interface Listener {
  events: TakeEvent[];
  ended: () => boolean;
  hangUp: () => void;
}

describeEachDatabase(
  'the live event stream re-checks access',
  (h) => {
    let admin: Person, owner: Person;
    let projectId = '';
    let shotId = '';
    /** Queued, unreviewed: only those who generate may see it. */
    let unselected = '';
    /** Selected: every member may see it. */
    let selected = '';
    const url = (path = '') => `/api/v1/projects/${projectId}${path}`;

    async function listen(headers: Record<string, string>): Promise<Listener> {
      const abort = new AbortController();
      const res = await h().app.inject({ method: 'GET', url: url('/events'), headers, payloadAsStream: true, signal: abort.signal });
      expect(res.statusCode).toBe(200);
      const events: TakeEvent[] = [];
      let ended = false;
      void (async () => {
        let buffer = '';
        for await (const chunk of res.stream()) {
          buffer += String(chunk);
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(block);
            if (/^event: take\.changed$/m.test(block) && data) events.push(JSON.parse(data[1]));
          }
        }
      })()
        .catch(() => {})
        .finally(() => (ended = true));
      return { events, ended: () => ended, hangUp: () => abort.abort() };
    }

    const cookieOf = (p: Person) => ({ cookie: `backlot_session=${p.cookie}` });

    /** Announces a change of the take on the project's stream, the way the worker does; `mark` (as its progress) tells this announcement apart. */
    async function announce(takeId: string, mark: number | null = null) {
      await h().container.store.transaction((tx) => tx.outbox.publish({ type: 'take.changed', projectId, takeId, shotId, status: 'queued', progress: mark, at: clock.now().toISOString() }));
    }

    /**
     * Whether the stream delivered the announcement marked `mark`. On SQLite the feed reads the
     * outbox every 200 ms, so a stream opened just after the takes were queued may also be handed
     * those earlier announcements: counting every event of a take would depend on the machine's load.
     */
    const heard = (l: Listener, takeId: string, mark: number) => l.events.some((e) => e.takeId === takeId && e.progress === mark);

    const count = (l: Listener, takeId: string) => l.events.filter((e) => e.takeId === takeId).length;
    const until = (what: () => boolean) => waitFor(async () => what(), Boolean, 15_000);

    it('sets up a project with an unselected and a selected take', async () => {
      admin = await h().person('Admin', { admin: true });
      owner = await h().person('Olga Owner');
      projectId = await h().project(owner, 'LIVE');
      const scene = await h().as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. LOADING BAY - NIGHT' } });
      const shot = await h().as(owner, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: PLAN } });
      shotId = shot.json().id;
      const queued = await h().as(owner, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count: 2 } });
      expect(queued.statusCode).toBe(201);
      [unselected, selected] = queued.json().takes.map((t: { id: string }) => t.id);
      // No worker runs here: mark one take rendered and selected directly, as review would.
      await h().container.store.transaction((tx) => tx.takes.update(selected, { status: 'succeeded', review: 'selected' }));
    });

    async function member(name: string, role: 'director' | 'editor' | 'viewer'): Promise<Person> {
      const p = await h().person(name);
      await h().container.store.transaction((tx) => tx.members.insert({ projectId, accountId: p.id, role, createdAt: clock.now().toISOString() }));
      return p;
    }

    it('filters each event by the role the member has now: a director demoted to viewer no longer hears of unselected takes', async () => {
      const dora = await member('Dora Director', 'director');
      const stream = await listen(cookieOf(dora));
      await announce(unselected, 1);
      await until(() => heard(stream, unselected, 1));

      const demoted = await h().as(owner, { method: 'PATCH', url: url(`/members/${dora.id}`), payload: { role: 'viewer' } });
      expect(demoted.statusCode).toBe(200);
      await announce(unselected, 2);
      await announce(selected, 3);
      // Events come in order: once the later announcement of the selected take is heard, the earlier one was judged.
      await until(() => heard(stream, selected, 3));
      expect(heard(stream, unselected, 2)).toBe(false);
      expect(stream.ended()).toBe(false);
      stream.hangUp();
    });

    it('ends the stream of a member who is removed from the project', async () => {
      const eddie = await member('Eddie Editor', 'editor');
      const stream = await listen(cookieOf(eddie));
      await announce(selected);
      await until(() => count(stream, selected) === 1);
      const removed = await h().as(owner, { method: 'DELETE', url: url(`/members/${eddie.id}`) });
      expect(removed.statusCode).toBe(200);
      await until(stream.ended);
    });

    it('ends the stream of a session that signs out, and leaves the member’s other sessions streaming', async () => {
      const vera = await member('Vera Viewer', 'viewer');
      const laptop = await listen(cookieOf(vera));
      const phoneCookie = vera.cookie;
      await h().signIn(vera);
      const tablet = await listen(cookieOf(vera));
      const out = await h().as({ ...vera, cookie: phoneCookie }, { method: 'POST', url: '/api/v1/auth/sign-out' });
      expect(out.statusCode).toBe(200);
      await until(laptop.ended);
      await announce(selected);
      await until(() => count(tablet, selected) === 1);
      expect(tablet.ended()).toBe(false);
      tablet.hangUp();
    });

    it('ends the stream of an API token when the token is revoked', async () => {
      const scripted = await member('Script Runner', 'director');
      const created = await h().as(scripted, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'render farm' } });
      expect(created.statusCode).toBe(201);
      const stream = await listen({ authorization: `Bearer ${created.json().secret}` });
      await announce(unselected);
      await until(() => count(stream, unselected) === 1);
      const revoked = await h().as(scripted, { method: 'DELETE', url: `/api/v1/tokens/${created.json().token.id}` });
      expect(revoked.statusCode).toBe(200);
      await until(stream.ended);
    });

    it('ends the streams of an account the admin disables, its API tokens’ too', async () => {
      const pat = await member('Pat Producer', 'director');
      const created = await h().as(pat, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'nightly export' } });
      const byToken = await listen({ authorization: `Bearer ${created.json().secret}` });
      const byCookie = await listen(cookieOf(pat));
      const disabled = await h().as(admin, { method: 'PATCH', url: `/api/v1/admin/accounts/${pat.id}`, payload: { disabled: true } });
      expect(disabled.statusCode).toBe(200);
      await until(byToken.ended);
      await until(byCookie.ended);
    });

    it('ends the stream of a session that expires while it is open', async () => {
      const ivy = await member('Ivy Idle', 'viewer');
      const stream = await listen(cookieOf(ivy));
      await announce(selected);
      await until(() => count(stream, selected) === 1);
      clock.advance(15 * DAY); // past BACKLOT_SESSION_IDLE_DAYS (14) without a request
      await until(stream.ended);
    });
  },
  { clock },
);

/**
 * Dailies over HTTP, on SQLite and PostgreSQL: sessions built from the selects since the last
 * session, a saved search or by hand; the playlist added to, moved, reordered and taken from (and
 * dozens of those at once leaving one dense order, never a 500); attendees; closing; the
 * presenter's state on the project's stream; presence; decisions and notes made in a session and
 * the room's log as each role reads it. Expectations are written by hand from the issue and §8.
 */
import type { ProjectEvent } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { projectChain } from '../domain/audit/audit-chain.ts';
import { newTakeRecord } from '../services/generate/take-record.ts';

const PLAN = { job: 'Cover the scene', subjectAction: 'Mara waits.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Mara readable'], targetFrames: 12 };
const SHA = (n: number) => n.toString(16).padStart(64, '0');
const MEDIA = {
  originalSha256: SHA(1),
  proxySha256: SHA(2),
  posterSha256: SHA(3),
  filmstripSha256: SHA(4),
  filmstrip: { columns: 1, rows: 1, tileWidth: 16, tileHeight: 9, frameNumbers: [0] },
  width: 320,
  height: 180,
  frameRate: '24/1',
  frames: 48,
  durationUs: 2_000_000,
  videoCodec: 'h264',
  mediaType: 'video/mp4',
  proxyFrames: 48,
};

interface Item {
  id: string;
  position: number;
  take: { id: string; code: string; shotCode: string; prompt?: string; seed?: unknown; cost?: unknown };
}

describeEachDatabase('dailies sessions', (h) => {
  let owner: Person, producer: Person, director: Person, editor: Person, viewer: Person, viewer2: Person, outsider: Person;
  let projectId = '';
  const shots: string[] = [];
  const label = new Map<string, string>(); // take id → label
  const byLabel = new Map<string, string>(); // label → take id
  let n = 0;
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const labelsOf = (items: Item[]) => items.map((i) => label.get(i.take.id));

  /** A rendered take of a shot with a review state decided at `decidedAt` (a review event, as a decision writes one). */
  async function insertTake(name: string, shot: number, review: string, decidedAt: string | null) {
    const id = `019d0000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
    await h().container.store.transaction(async (tx) => {
      const number = await tx.takes.nextNumber(shots[shot]);
      await tx.takes.insert(
        newTakeRecord(
          {
            id,
            projectId,
            shotId: shots[shot],
            number,
            provider: 'previs',
            model: 'previs-animatic',
            planVersion: 1,
            currency: 'USD',
            requestedBy: director.id,
            requestedByName: director.name,
            status: 'succeeded',
            step: 'done',
            prompt: `secret prompt of ${name}`,
            seed: 42,
            review,
            media: MEDIA,
            finishedAt: '2026-03-01T00:00:00.000Z',
          },
          '2026-03-01T00:00:00.000Z',
        ),
      );
      if (decidedAt)
        await tx.review.insertEvent({
          id: `019d0000-0000-7000-9000-${String(n).padStart(12, '0')}`,
          takeId: id,
          from: 'unreviewed',
          to: review as 'selected',
          actorId: director.id,
          actorName: director.name,
          reason: null,
          override: false,
          at: decidedAt,
        });
    });
    label.set(id, name);
    byLabel.set(name, id);
    return id;
  }

  async function create(who: Person, payload: unknown) {
    return h().as(who, { method: 'POST', url: url('/dailies'), payload: payload as object });
  }
  async function sessionCount() {
    return (await h().as(owner, { method: 'GET', url: url('/dailies') })).json().sessions.length as number;
  }

  it('sets up a project: two scenes of one shot each, takes selected, approved, maybe and unreviewed', async () => {
    [owner, producer, director, editor, viewer, viewer2, outsider] = await Promise.all(['Olga', 'Pete', 'Dora', 'Eddie', 'Vera', 'Vic', 'Oscar'].map((x) => h().person(x)));
    projectId = await h().project(owner, 'DLY', [
      [producer, 'producer'],
      [director, 'director'],
      [editor, 'editor'],
      [viewer, 'viewer'],
      [viewer2, 'viewer'],
    ]);
    for (const heading of ['INT. LOADING BAY - NIGHT', 'EXT. ROOF - DAWN']) {
      const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading } })).json();
      shots.push((await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json().id);
    }
    // Decided in the past (before any session): A1 and A2 on the first shot, B1 and B3 on the second.
    await insertTake('A1', 0, 'selected', '2026-03-01T10:00:00.000Z');
    await insertTake('A2', 0, 'approved', '2026-03-01T11:00:00.000Z');
    await insertTake('A3', 0, 'maybe', '2026-03-01T12:00:00.000Z');
    await insertTake('B1', 1, 'selected', '2026-03-01T09:00:00.000Z');
    await insertTake('B2', 1, 'unreviewed', null);
    await insertTake('B3', 1, 'selected', '2026-03-01T08:00:00.000Z');
    await insertTake('B4', 1, 'rejected', '2026-03-01T08:30:00.000Z');
  });

  it('builds the first session from every select (selected or approved) in scene, shot and take order, its creator attending', async () => {
    const r = await create(director, { title: 'Monday dailies', date: '2026-03-02', attendeeIds: [viewer.id] });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json();
    expect(labelsOf(d.items)).toEqual(['A1', 'A2', 'B1', 'B3']);
    expect(d.items.map((i: Item) => i.position)).toEqual([0, 1, 2, 3]);
    expect(d.session).toMatchObject({ title: 'Monday dailies', date: '2026-03-02', status: 'open', source: 'selects_since_last', itemCount: 4, attendeeCount: 2, createdBy: { name: 'Dora' } });
    expect(d.attendees.map((a: { name: string }) => a.name).sort()).toEqual(['Dora', 'Vera']);
    expect(d.canRun).toBe(true);
  });

  it('builds the next session from the selects decided since the last one began', async () => {
    // B2 is selected after the first session (its decision, now, is later than that session's start).
    const r = await h().as(director, { method: 'POST', url: url(`/takes/${byLabel.get('B2')}/review`), payload: { state: 'selected' } });
    expect(r.statusCode, r.body).toBe(200);
    const next = await create(producer, { title: 'Tuesday dailies', date: '2026-03-03' });
    expect(next.statusCode, next.body).toBe(201);
    expect(labelsOf(next.json().items)).toEqual(['B2']);
  });

  it('builds a session from one of your saved searches, or from takes named by hand', async () => {
    const saved = await h().as(owner, { method: 'POST', url: url('/take-filters'), payload: { name: 'Maybes', query: { state: 'maybe' } } });
    expect(saved.statusCode, saved.body).toBe(201);
    const fromFilter = await create(owner, { title: 'Maybes', source: { kind: 'filter', filterId: saved.json().id } });
    expect(fromFilter.statusCode, fromFilter.body).toBe(201);
    expect(labelsOf(fromFilter.json().items)).toEqual(['A3']);
    // Another member's saved search is not yours.
    const notYours = await create(director, { title: 'x', source: { kind: 'filter', filterId: saved.json().id } });
    expect(notYours.statusCode).toBe(404);
    expect(notYours.json().error).toMatchObject({ code: 'take_filter.not_found', field: 'source.filterId' });

    const byHand = await create(director, { title: 'By hand', source: { kind: 'takes', takeIds: [byLabel.get('B4'), byLabel.get('A1')] } });
    expect(byHand.statusCode, byHand.body).toBe(201);
    expect(labelsOf(byHand.json().items)).toEqual(['B4', 'A1']);
  });

  it('refuses bad input naming the field, and creates nothing', async () => {
    const before = await sessionCount();
    const cases: [unknown, number, string, string][] = [
      [{ title: '' }, 400, 'request.invalid', 'title'],
      [{ title: 'x', date: '2026-02-30' }, 400, 'request.invalid', 'date'],
      [{ title: 'x', source: { kind: 'takes', takeIds: [byLabel.get('A1'), byLabel.get('A1')] } }, 400, 'request.invalid', 'source.takeIds.1'],
      [{ title: 'x', source: { kind: 'takes', takeIds: ['019d0000-0000-7000-8000-999999999999'] } }, 404, 'take.not_found', 'source.takeIds.0'],
      [{ title: 'x', attendeeIds: [outsider.id] }, 422, 'dailies.not_member', 'attendeeIds.0'],
      [{ title: 'x', source: { kind: 'everything' } }, 400, 'request.invalid', 'source.kind'],
    ];
    for (const [payload, status, code, field] of cases) {
      const r = await create(director, payload);
      expect(r.statusCode, `${JSON.stringify(payload)}: ${r.body}`).toBe(status);
      expect(r.json().error).toMatchObject({ code, field });
    }
    expect(await sessionCount()).toBe(before);
    // A viewer attends; creating is for those who run dailies.
    expect((await create(viewer, { title: 'x' })).statusCode).toBe(403);
  });

  it('shows a viewer only the sessions they are invited to, each take as a viewer sees it', async () => {
    const mine = (await h().as(viewer, { method: 'GET', url: url('/dailies') })).json().sessions.map((s: { title: string }) => s.title);
    expect(mine).toEqual(['Monday dailies']);
    expect((await h().as(viewer2, { method: 'GET', url: url('/dailies') })).json().sessions).toEqual([]);
    const monday = (await h().as(owner, { method: 'GET', url: url('/dailies') })).json().sessions.find((s: { title: string }) => s.title === 'Monday dailies');
    const seen = await h().as(viewer, { method: 'GET', url: url(`/dailies/${monday.id}`) });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canRun).toBe(false);
    for (const item of seen.json().items as Item[]) {
      expect(item.take.prompt).toBeUndefined();
      expect(item.take.seed).toBeUndefined();
      expect(item.take.cost).toBeUndefined();
    }
    // The crew reads the prompt.
    expect((await h().as(director, { method: 'GET', url: url(`/dailies/${monday.id}`) })).json().items[0].take.prompt).toBe('secret prompt of A1');
    expect((await h().as(viewer2, { method: 'GET', url: url(`/dailies/${monday.id}`) })).statusCode).toBe(404);
    // Inviting viewer2 lets them in.
    const set = await h().as(director, { method: 'PUT', url: url(`/dailies/${monday.id}/attendees`), payload: { accountIds: [viewer.id, viewer2.id] } });
    expect(set.statusCode, set.body).toBe(200);
    expect(
      set
        .json()
        .attendees.map((a: { name: string }) => a.name)
        .sort(),
    ).toEqual(['Dora', 'Vera', 'Vic']);
    expect((await h().as(viewer2, { method: 'GET', url: url(`/dailies/${monday.id}`) })).statusCode).toBe(200);
  });

  it('adds, moves, reorders and removes items; a stale order is a 409 and changes nothing', async () => {
    const s = (await create(director, { title: 'Playlist', source: { kind: 'takes', takeIds: ['A1', 'A2', 'B1'].map((l) => byLabel.get(l)) } })).json();
    const base = `/dailies/${s.session.id}/items`;
    const items = (r: { json(): { items: Item[] } }) => labelsOf(r.json().items);
    const add = await h().as(director, { method: 'POST', url: url(base), payload: { takeIds: [byLabel.get('B3'), byLabel.get('A3')], position: 1 } });
    expect(add.statusCode, add.body).toBe(201);
    expect(items(add)).toEqual(['A1', 'B3', 'A3', 'A2', 'B1']);
    const ids = new Map((add.json().items as Item[]).map((i) => [label.get(i.take.id)!, i.id]));
    const again = await h().as(director, { method: 'POST', url: url(base), payload: { takeIds: [byLabel.get('A2')] } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'dailies.take_in_playlist', field: 'takeIds.0' });

    const move = await h().as(director, { method: 'PATCH', url: url(`${base}/${ids.get('B1')}`), payload: { position: 0 } });
    expect(move.statusCode, move.body).toBe(200);
    expect(items(move)).toEqual(['B1', 'A1', 'B3', 'A3', 'A2']);
    const toEnd = await h().as(director, { method: 'PATCH', url: url(`${base}/${ids.get('A1')}`), payload: { position: 99 } });
    expect(items(toEnd)).toEqual(['B1', 'B3', 'A3', 'A2', 'A1']);

    const order = ['A2', 'A1', 'A3', 'B3', 'B1'].map((l) => ids.get(l));
    const reorder = await h().as(director, { method: 'POST', url: url(`${base}/reorder`), payload: { itemIds: order } });
    expect(reorder.statusCode, reorder.body).toBe(200);
    expect(items(reorder)).toEqual(['A2', 'A1', 'A3', 'B3', 'B1']);
    const stale = await h().as(director, { method: 'POST', url: url(`${base}/reorder`), payload: { itemIds: order.slice(1) } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'dailies.playlist_stale', field: 'itemIds' });
    const twice = await h().as(director, { method: 'POST', url: url(`${base}/reorder`), payload: { itemIds: [...order.slice(0, 4), order[0]] } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.field).toBe('itemIds.4');

    const removed = await h().as(director, { method: 'DELETE', url: url(`${base}/${ids.get('A3')}`) });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(items(removed)).toEqual(['A2', 'A1', 'B3', 'B1']);
    expect(removed.json().items.map((i: Item) => i.position)).toEqual([0, 1, 2, 3]);
    // An editor attends; the playlist is for those who run dailies.
    expect((await h().as(editor, { method: 'PATCH', url: url(`${base}/${ids.get('B1')}`), payload: { position: 0 } })).statusCode).toBe(403);
    const after = await h().as(director, { method: 'GET', url: url(`/dailies/${s.session.id}`) });
    expect(labelsOf(after.json().items)).toEqual(['A2', 'A1', 'B3', 'B1']);
  });

  it('takes dozens of moves, adds and reorders at once without a 500, leaving one dense order of every item', async () => {
    // More takes to add: twelve on the second shot.
    const extra: string[] = [];
    for (let i = 0; i < 12; i++) extra.push(await insertTake(`X${i}`, 1, 'selected', '2026-03-01T07:00:00.000Z'));
    const s = (await create(director, { title: 'Busy', source: { kind: 'takes', takeIds: ['A1', 'A2', 'A3', 'B1', 'B2', 'B3'].map((l) => byLabel.get(l)) } })).json();
    const base = `/dailies/${s.session.id}/items`;
    const itemIds: string[] = s.items.map((i: Item) => i.id);
    const calls = [
      ...extra.map((takeId, i) => h().as(i % 2 ? director : producer, { method: 'POST', url: url(base), payload: { takeIds: [takeId], position: i % 4 } })),
      ...Array.from({ length: 24 }, (_, i) => h().as(owner, { method: 'PATCH', url: url(`${base}/${itemIds[i % itemIds.length]}`), payload: { position: (i * 7) % 9 } })),
      ...Array.from({ length: 8 }, (_, i) => h().as(director, { method: 'POST', url: url(`${base}/reorder`), payload: { itemIds: i % 2 ? [...itemIds].reverse() : itemIds } })),
    ];
    const answers = await Promise.all(calls);
    const statuses = answers.map((a) => a.statusCode);
    expect(
      statuses.filter((x) => x >= 500),
      answers
        .filter((a) => a.statusCode >= 500)
        .map((a) => a.body)
        .join('\n'),
    ).toEqual([]);
    // Adds and moves always apply; a reorder is refused (409) once the playlist grew meanwhile.
    expect(statuses.slice(0, 12 + 24).every((x) => x === 200 || x === 201)).toBe(true);
    expect(statuses.slice(36).every((x) => x === 200 || x === 409)).toBe(true);
    const final = (await h().as(director, { method: 'GET', url: url(`/dailies/${s.session.id}`) })).json();
    expect(final.items.map((i: Item) => i.position)).toEqual(Array.from({ length: 18 }, (_, i) => i));
    expect(final.items.map((i: Item) => i.take.id).sort()).toEqual([...['A1', 'A2', 'A3', 'B1', 'B2', 'B3'].map((l) => byLabel.get(l)!), ...extra].sort());
  });

  it('sends the presenter’s state to the project’s stream, numbered, and logs what was played', async () => {
    const monday = (await h().as(owner, { method: 'GET', url: url('/dailies') })).json().sessions.find((x: { title: string }) => x.title === 'Monday dailies');
    const d = (await h().as(director, { method: 'GET', url: url(`/dailies/${monday.id}`) })).json();
    const [first, second] = d.items as Item[];
    const seen: ProjectEvent[] = [];
    const stop = h().container.events.subscribe(projectId, (e) => seen.push(e));
    try {
      const present = (payload: object) => h().as(director, { method: 'POST', url: url(`/dailies/${monday.id}/presenter`), payload });
      const a = await present({ itemId: first.id, playing: false, frame: 0 });
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json()).toMatchObject({ seq: 1, itemId: first.id, takeId: first.take.id, playing: false, frame: 0, layout: 'single', presenter: { name: 'Dora' } });
      const b = await present({ itemId: first.id, playing: true, frame: 12 });
      expect(b.json().seq).toBe(2);
      const c = await present({ itemId: second.id, playing: true, frame: 0, layout: 'wipe', compareItemId: first.id, wipe: 0.25 });
      expect(c.json()).toMatchObject({ seq: 3, layout: 'wipe', compareItemId: first.id, wipe: 0.25 });
      // Bad input names the field and moves nothing.
      const noCompare = await present({ itemId: second.id, playing: true, frame: 0, layout: 'wipe' });
      expect(noCompare.statusCode).toBe(400);
      expect(noCompare.json().error.field).toBe('compareItemId');
      const notOnIt = await present({ itemId: '019d0000-0000-7000-8000-999999999999', playing: true, frame: 0 });
      expect(notOnIt.statusCode).toBe(404);
      expect(notOnIt.json().error).toMatchObject({ code: 'dailies.item_not_found', field: 'itemId' });
      expect((await present({ itemId: first.id, playing: true, frame: -1 })).json().error.field).toBe('frame');
      // A viewer attends and may not present.
      expect((await h().as(viewer, { method: 'POST', url: url(`/dailies/${monday.id}/presenter`), payload: { itemId: first.id, playing: true, frame: 0 } })).statusCode).toBe(403);

      await waitFor(() => seen.filter((e) => e.type === 'dailies.presenter').length >= 3);
      const states = seen.flatMap((e) => (e.type === 'dailies.presenter' ? [e.state] : []));
      expect(states.map((x) => [x.seq, x.frame, x.playing, x.layout])).toEqual([
        [1, 0, false, 'single'],
        [2, 12, true, 'single'],
        [3, 0, true, 'wipe'],
      ]);
      const again = (await h().as(viewer, { method: 'GET', url: url(`/dailies/${monday.id}`) })).json();
      expect(again.presenter.seq).toBe(3);
    } finally {
      stop();
    }
    const log = (await h().as(director, { method: 'GET', url: url(`/dailies/${monday.id}/log`) })).json().entries;
    expect(log.filter((e: { kind: string }) => e.kind === 'played').map((e: { summary: string }) => e.summary)).toEqual([
      `Dora showed ${first.take.shotCode} ${first.take.code} at frame 0`,
      `Dora played ${first.take.shotCode} ${first.take.code} from frame 12`,
      `Dora showed ${second.take.shotCode} ${second.take.code} at frame 0`,
    ]);
  });

  it('keeps who is in the room, with joins and leaves in the log', async () => {
    const monday = (await h().as(owner, { method: 'GET', url: url('/dailies') })).json().sessions.find((x: { title: string }) => x.title === 'Monday dailies');
    const presence = (who: Person, kind: string) => h().as(who, { method: 'POST', url: url(`/dailies/${monday.id}/presence`), payload: { kind } });
    expect((await presence(viewer, 'join')).json().participants.map((p: { name: string }) => p.name)).toEqual(['Vera']);
    expect((await presence(director, 'join')).json().participants.map((p: { name: string }) => p.name)).toEqual(['Vera', 'Dora']);
    expect((await presence(viewer, 'heartbeat')).statusCode).toBe(200);
    expect((await presence(viewer, 'leave')).json().participants.map((p: { name: string }) => p.name)).toEqual(['Dora']);
    // Not invited (and not running dailies): the session is not there for them.
    expect((await presence(editor, 'join')).statusCode).toBe(404);
    const log = (await h().as(director, { method: 'GET', url: url(`/dailies/${monday.id}/log`) })).json().entries;
    expect(log.filter((e: { kind: string }) => e.kind === 'joined' || e.kind === 'left').map((e: { summary: string }) => e.summary)).toEqual(['Vera joined', 'Dora joined', 'Vera left']);
  });

  it('attributes decisions and notes made in the session to it: a viewer’s log says what changed, never who decided or internal notes', async () => {
    const monday = (await h().as(owner, { method: 'GET', url: url('/dailies') })).json().sessions.find((x: { title: string }) => x.title === 'Monday dailies');
    const b3 = byLabel.get('B3')!;
    const decide = await h().as(director, { method: 'POST', url: url(`/takes/${b3}/review`), payload: { state: 'approved', reason: 'Best light', sessionId: monday.id } });
    expect(decide.statusCode, decide.body).toBe(200);
    const note = await h().as(director, { method: 'POST', url: url(`/takes/${b3}/notes`), payload: { body: 'Trim the head', frame: 4, sessionId: monday.id } });
    expect(note.statusCode, note.body).toBe(201);
    const clientNote = await h().as(viewer, { method: 'POST', url: url(`/takes/${b3}/notes`), payload: { body: 'Love it', visibility: 'client', sessionId: monday.id } });
    expect(clientNote.statusCode, clientNote.body).toBe(201);
    const unknown = await h().as(director, { method: 'POST', url: url(`/takes/${b3}/notes`), payload: { body: 'x', sessionId: '019d0000-0000-7000-8000-999999999999' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'dailies.not_found', field: 'sessionId' });

    const shotCode = (await h().as(director, { method: 'GET', url: url(`/takes/${b3}`) })).json().shotCode;
    const crew = (await h().as(director, { method: 'GET', url: url(`/dailies/${monday.id}/log`) })).json().entries.filter((e: { kind: string }) => ['decision', 'note'].includes(e.kind));
    expect(crew.map((e: { kind: string; who: string; summary: string }) => [e.kind, e.who, e.summary])).toEqual([
      ['decision', 'Dora', `Dora approved ${shotCode} TK003: Best light`],
      ['note', 'Dora', `Dora wrote a note on ${shotCode} TK003 at 00:00:00:04`],
      ['note', 'Vera', `Vera wrote a note on ${shotCode} TK003`],
    ]);
    const viewers = (await h().as(viewer, { method: 'GET', url: url(`/dailies/${monday.id}/log`) })).json().entries.filter((e: { kind: string }) => ['decision', 'note'].includes(e.kind));
    expect(viewers.map((e: { kind: string; who?: string; summary: string }) => [e.kind, e.who, e.summary])).toEqual([
      ['decision', undefined, `${shotCode} TK003: selected → approved`],
      ['note', 'Vera', `Vera wrote a note on ${shotCode} TK003`],
    ]);
    // The decision and its session are in the audit log.
    const audit = await h().container.store.read.audit.page(projectChain(projectId), undefined, 100);
    expect((audit.find((e) => e.action === 'take.approved')?.data as { sessionId?: string } | undefined)?.sessionId).toBe(monday.id);
  });

  it('closes a session: read-only from then on, and decisions can no longer name it', async () => {
    const s = (await create(director, { title: 'To close', source: { kind: 'takes', takeIds: [byLabel.get('A1')] } })).json();
    const closed = await h().as(director, { method: 'POST', url: url(`/dailies/${s.session.id}/close`) });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().session).toMatchObject({ status: 'closed' });
    const refused = [
      await h().as(director, { method: 'POST', url: url(`/dailies/${s.session.id}/items`), payload: { takeIds: [byLabel.get('A2')] } }),
      await h().as(director, { method: 'POST', url: url(`/dailies/${s.session.id}/presenter`), payload: { itemId: null, playing: false, frame: 0 } }),
      await h().as(director, { method: 'PATCH', url: url(`/dailies/${s.session.id}`), payload: { title: 'Renamed' } }),
      await h().as(director, { method: 'POST', url: url(`/dailies/${s.session.id}/close`) }),
    ];
    expect(refused.map((r) => [r.statusCode, r.json().error.code])).toEqual(Array(4).fill([409, 'dailies.closed']));
    const decide = await h().as(director, { method: 'POST', url: url(`/takes/${byLabel.get('A1')}/review`), payload: { state: 'maybe', sessionId: s.session.id } });
    expect(decide.statusCode).toBe(409);
    expect(decide.json().error).toMatchObject({ code: 'dailies.closed', field: 'sessionId' });
    expect((await h().as(director, { method: 'GET', url: url(`/takes/${byLabel.get('A1')}`) })).json().review).toBe('selected');
    expect((await h().as(director, { method: 'GET', url: url(`/dailies/${s.session.id}`) })).json().items).toHaveLength(1);
  });
});

async function waitFor(ok: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

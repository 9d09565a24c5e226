/**
 * Notes on takes over HTTP with previs takes and the in-process worker, on SQLite and PostgreSQL: a
 * drawn note at a frame read back exactly by another member with its timecode, ranges, threads,
 * resolve and reopen (editors and viewers their own notes only), @-mentions, refusals that name the
 * field, what a viewer may read and write, and regenerating from a note.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { waitFor } from '../../test/wait.ts';

const PLAN = {
  job: 'Establish the night shift',
  subjectAction: 'Mara crosses the empty loading bay. She stops at the shutter.',
  camera: { size: 'WS', movement: 'push-in' },
  environment: 'Sodium lights, wet concrete',
  reviewCriteria: ['Mara readable in silhouette'],
  targetFrames: 24,
};

/** A stroke, an arrow and a box in the 320×180 frame's own coordinates, fractions included. */
const DRAWING = {
  width: 320,
  height: 180,
  shapes: [
    {
      type: 'stroke',
      points: [
        [10.5, 20.25],
        [40, 42.75],
        [80.125, 60],
      ],
      colour: '#ff3b30',
      width: 3,
    },
    { type: 'arrow', from: [200, 30], to: [252.5, 88], colour: '#34c759', width: 2 },
    { type: 'box', x: 120, y: 60.5, w: 64, h: 48.25, colour: '#0a84ff', width: 1.5 },
  ],
};

interface NoteJson {
  id: string;
  parentId: string | null;
  author: { id: string | null; name: string };
  body: string;
  frame: number | null;
  frameEnd: number | null;
  timecode: string | null;
  drawing: typeof DRAWING | null;
  visibility: 'internal' | 'client';
  resolved: boolean;
  resolvedBy: string | null;
  mentions: { id: string; name: string }[];
  ledTo: { id: string; code: string }[];
}

describeEachDatabase('notes', (h) => {
  let owner: Person, director: Person, editor: Person, viewer: Person;
  let projectId = '';
  let shotId = '';
  let takeId = '';
  let otherTakeId = '';
  let drawn: NoteJson;
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const write = (who: Person, payload: object, take = takeId) => h().as(who, { method: 'POST', url: url(`/takes/${take}/notes`), payload });
  const change = (who: Person, noteId: string, payload: object) => h().as(who, { method: 'PATCH', url: url(`/notes/${noteId}`), payload });
  const notesOf = async (who: Person, take = takeId) => {
    const r = await h().as(who, { method: 'GET', url: url(`/takes/${take}/notes`) });
    expect(r.statusCode).toBe(200);
    return r.json().notes as NoteJson[];
  };
  const takesOf = async () =>
    (await h().as(director, { method: 'GET', url: url(`/shots/${shotId}/takes`) })).json().takes as { id: string; code: string; status: string; sourceNoteId: string | null }[];
  const audit = async () => (await h().as(owner, { method: 'GET', url: url('/audit?limit=100') })).json().events as { action: string; summary: string }[];

  it('sets up a shot with two rendered previs takes at 320×180', async () => {
    [owner, director, editor, viewer] = await Promise.all(['Olga', 'Dora Keller', 'Eddie Moss', 'Vera'].map((n) => h().person(n)));
    projectId = await h().project(owner, 'NOTES', [
      [director, 'director'],
      [editor, 'editor'],
      [viewer, 'viewer'],
    ]);
    expect((await h().as(owner, { method: 'PATCH', url: url(''), payload: { resolution: { width: 320, height: 180 } } })).statusCode).toBe(200);
    const scene = await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. LOADING BAY - NIGHT' } });
    const shot = await h().as(director, { method: 'POST', url: url(`/scenes/${scene.json().id}/shots`), payload: { plan: PLAN } });
    expect(shot.statusCode).toBe(201);
    shotId = shot.json().id;
    const queued = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', count: 2 } });
    expect(queued.statusCode).toBe(201);
    [takeId, otherTakeId] = queued.json().takes.map((t: { id: string }) => t.id);
    h().container.startWorker();
    await waitFor(takesOf, (ts) => ts.filter((t) => t.status === 'succeeded').length === 2);
    const take = (await h().as(director, { method: 'GET', url: url(`/takes/${takeId}`) })).json();
    expect(take.media).toMatchObject({ width: 320, height: 180, proxyFrames: 24 });
  });

  it("keeps a director's drawn note at frame 12, read back exactly by another member with its timecode", async () => {
    const r = await write(director, { body: 'The shutter should already be half open here.', frame: 12, drawing: DRAWING });
    expect(r.statusCode).toBe(201);
    drawn = r.json();
    expect(drawn).toMatchObject({ frame: 12, frameEnd: null, timecode: '00:00:00:12', visibility: 'internal', resolved: false, author: { id: director.id, name: 'Dora Keller' }, ledTo: [] });
    const seen = (await notesOf(owner)).find((n) => n.id === drawn.id)!;
    expect(seen.drawing).toEqual(DRAWING);
    expect(seen).toMatchObject({ body: 'The shutter should already be half open here.', frame: 12, timecode: '00:00:00:12', author: { name: 'Dora Keller' } });
    const created = (await audit()).find((e) => e.action === 'note.created');
    expect(created?.summary).toMatch(/Dora Keller wrote an internal note on .* TK001 at 00:00:00:12 with a drawing/);
  });

  it('keeps a note on a range of frames, and one on the whole take', async () => {
    const range = await write(owner, { body: 'Too slow from here to the stop.', frame: 6, frameEnd: 18 });
    expect(range.statusCode).toBe(201);
    expect(range.json()).toMatchObject({ frame: 6, frameEnd: 18, timecode: '00:00:00:06–00:00:00:18', drawing: null });
    const whole = await write(owner, { body: 'Good overall.' });
    expect(whole.json()).toMatchObject({ frame: null, frameEnd: null, timecode: null });
  });

  it('threads replies under their note, in the order of the picture', async () => {
    const reply = await write(owner, { body: 'Agreed, and darker.', parentId: drawn.id });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ parentId: drawn.id, frame: null, visibility: 'internal' });
    // Replying to a reply joins the same thread.
    const again = await write(director, { body: 'Will do.', parentId: reply.json().id });
    expect(again.json().parentId).toBe(drawn.id);
    expect((await audit()).find((e) => e.action === 'note.replied')?.summary).toMatch(/replied to a note on .* TK001 at 00:00:00:12$/);
    const withFrame = await write(owner, { body: 'here', parentId: drawn.id, frame: 3 });
    expect(withFrame.statusCode).toBe(400);
    expect(withFrame.json().error.field).toBe('frame');
    const list = await notesOf(director);
    expect(list.map((n) => [n.frame, n.parentId === null ? 'note' : 'reply', n.body])).toEqual([
      [6, 'note', 'Too slow from here to the stop.'],
      [12, 'note', 'The shutter should already be half open here.'],
      [null, 'reply', 'Agreed, and darker.'],
      [null, 'reply', 'Will do.'],
      [null, 'note', 'Good overall.'],
    ]);
  });

  it('resolves and reopens a note (an owner or director, anyone’s), and lets only its author reword it', async () => {
    const resolved = await change(owner, drawn.id, { resolved: true });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ resolved: true, resolvedBy: 'Olga' });
    expect((await notesOf(director)).find((n) => n.id === drawn.id)).toMatchObject({ resolved: true, resolvedBy: 'Olga' });
    const reopened = await change(director, drawn.id, { resolved: false });
    expect(reopened.json()).toMatchObject({ resolved: false, resolvedBy: null });
    const reply = (await notesOf(director)).find((n) => n.parentId === drawn.id)!;
    const resolveReply = await change(owner, reply.id, { resolved: true });
    expect(resolveReply.statusCode).toBe(400);
    expect(resolveReply.json().error.field).toBe('resolved');

    const notMine = await change(owner, drawn.id, { body: 'Rewritten by someone else' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error).toMatchObject({ code: 'note.not_allowed', field: 'body' });
    const mine = await change(director, drawn.id, { body: 'The shutter should be half open by here.' });
    expect(mine.json()).toMatchObject({ body: 'The shutter should be half open by here.', drawing: DRAWING });
    const actions = (await audit()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['note.created', 'note.replied', 'note.resolved', 'note.reopened', 'note.edited']));

    // Five members resolving at once: one change, recorded once.
    const count = async () => (await audit()).filter((e) => e.action === 'note.resolved').length;
    const before = await count();
    const answers = await Promise.all([owner, director, owner, director, owner].map((who) => change(who, drawn.id, { resolved: true })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(await count()).toBe(before + 1);
    expect((await change(director, drawn.id, { resolved: false })).json().resolved).toBe(false);
  });

  it('announces each change on the live stream, so open pages refresh the take', async () => {
    const seen: string[] = [];
    const stop = h().container.events.subscribe(projectId, (e) => e.type === 'take.changed' && seen.push(e.takeId));
    try {
      expect((await write(editor, { body: 'Seen by the open pages', frame: 2 }, otherTakeId)).statusCode).toBe(404);
      await h().container.store.transaction((tx) => tx.takes.update(otherTakeId, { review: 'selected' }));
      expect((await write(editor, { body: 'Seen by the open pages', frame: 2 }, otherTakeId)).statusCode).toBe(201);
      await waitFor(
        async () => seen,
        (s) => s.includes(otherTakeId),
        10_000,
      );
    } finally {
      stop();
    }
  });

  it('resolves @-mentions to members', async () => {
    const r = await write(owner, { body: '@eddie and @"Dora Keller": trim before the stop. @Nobody', frame: 20 });
    expect(r.statusCode).toBe(201);
    expect(r.json().mentions).toEqual([
      { id: editor.id, name: 'Eddie Moss' },
      { id: director.id, name: 'Dora Keller' },
    ]);
  });

  it('tells a viewer who may be mentioned by name only, and a viewer may mention them', async () => {
    const r = await h().as(viewer, { method: 'GET', url: url('/mentionable') });
    expect(r.statusCode).toBe(200);
    const people = r.json().people as Record<string, unknown>[];
    expect(people.map((p) => p.name).sort()).toEqual(['Dora Keller', 'Eddie Moss', 'Olga', 'Vera']);
    // Names and ids, nothing else: no email, no role.
    for (const p of people) expect(Object.keys(p).sort()).toEqual(['accountId', 'name']);
    expect((await h().as(viewer, { method: 'GET', url: url('/members') })).statusCode).toBe(403);
    // On a take a viewer sees (selected earlier in this file).
    const note = await write(viewer, { body: '@"Dora Keller" love it', frame: 3, visibility: 'client' }, otherTakeId);
    expect(note.statusCode).toBe(201);
    expect(note.json().mentions).toEqual([{ id: director.id, name: 'Dora Keller' }]);
  });

  it('refuses a frame past the end, a backwards range and a drawing of another size, naming the field', async () => {
    const cases: [object, string][] = [
      [{ body: 'x', frame: 24 }, 'frame'],
      [{ body: 'x', frame: 12, frameEnd: 11 }, 'frameEnd'],
      [{ body: 'x', frameEnd: 11 }, 'frameEnd'],
      [{ body: 'x', frame: 12, drawing: { ...DRAWING, width: 1920, height: 1080 } }, 'drawing'],
      [{ body: 'x', drawing: DRAWING }, 'drawing'],
      [{ body: '  ', frame: 1 }, 'body'],
    ];
    const before = (await notesOf(owner)).length;
    for (const [payload, field] of cases) {
      const r = await write(director, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.field).toBe(field);
    }
    const elsewhere = await write(director, { body: 'x', parentId: drawn.id }, otherTakeId);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.field).toBe('parentId');
    expect((await notesOf(owner)).length).toBe(before);
  });

  it('shows a viewer only client-visible notes on a take they may see, and lets them write only those', async () => {
    // Not approved yet: the viewer cannot see the take or its notes.
    expect((await h().as(viewer, { method: 'GET', url: url(`/takes/${takeId}/notes`) })).statusCode).toBe(404);
    await h().container.store.transaction((tx) => tx.takes.update(takeId, { review: 'approved' }));
    const forClient = await write(director, { body: 'Client: is this the mood you want?', frame: 4, visibility: 'client' });
    expect(forClient.statusCode).toBe(201);

    const seen = await notesOf(viewer);
    expect(seen.map((n) => n.body)).toEqual(['Client: is this the mood you want?']);
    expect(seen.every((n) => n.visibility === 'client')).toBe(true);

    const internal = await write(viewer, { body: 'Looks great', frame: 8 });
    expect(internal.statusCode).toBe(403);
    expect(internal.json().error).toMatchObject({ code: 'note.not_allowed', field: 'visibility' });
    const own = await write(viewer, { body: 'Love it, a touch warmer?', frame: 8, visibility: 'client' });
    expect(own.statusCode).toBe(201);
    // A reply takes its thread's visibility.
    const answer = await write(viewer, { body: 'Yes, exactly this.', parentId: forClient.json().id });
    expect(answer.statusCode).toBe(201);
    expect(answer.json().visibility).toBe('client');
    expect((await notesOf(viewer)).map((n) => n.body)).toEqual(['Client: is this the mood you want?', 'Yes, exactly this.', 'Love it, a touch warmer?']);
    expect((await notesOf(director)).map((n) => n.body)).toContain('Love it, a touch warmer?');

    // Internal notes do not exist for a viewer, to read, reply to or resolve.
    expect((await write(viewer, { body: 'me too', parentId: drawn.id, visibility: 'client' })).statusCode).toBe(404);
    expect((await change(viewer, drawn.id, { resolved: true })).json().error.code).toBe('note.not_found');
  });

  // DESIGN.md §8, "resolve / reopen notes": an editor and a viewer resolve and reopen their own notes only.
  it('lets a viewer resolve and reopen their own note, and refuses another member’s', async () => {
    const theirs = (await notesOf(viewer)).find((n) => n.body === 'Client: is this the mood you want?')!;
    const refused = await change(viewer, theirs.id, { resolved: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'note.not_allowed', field: 'resolved' });
    expect((await notesOf(director)).find((n) => n.id === theirs.id)).toMatchObject({ resolved: false, resolvedBy: null });
    await h().as(director, { method: 'PATCH', url: url(`/notes/${theirs.id}`), payload: { resolved: true } });
    const reopen = await change(viewer, theirs.id, { resolved: false });
    expect(reopen.statusCode).toBe(403);
    expect(reopen.json().error.code).toBe('note.not_allowed');
    expect((await notesOf(director)).find((n) => n.id === theirs.id)).toMatchObject({ resolved: true, resolvedBy: 'Dora Keller' });

    const own = (await notesOf(viewer)).find((n) => n.body === 'Love it, a touch warmer?')!;
    const resolved = await change(viewer, own.id, { resolved: true });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ resolved: true, resolvedBy: 'Vera' });
    const reopened = await change(viewer, own.id, { resolved: false });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ resolved: false, resolvedBy: null });
  });

  it('lets an editor resolve and reopen their own note, and refuses another member’s', async () => {
    // The take is approved by now, so the editor sees it and its internal notes.
    const refused = await change(editor, drawn.id, { resolved: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'note.not_allowed', field: 'resolved' });
    expect((await notesOf(owner)).find((n) => n.id === drawn.id)).toMatchObject({ resolved: false });

    const written = await write(editor, { body: 'Cut before she turns.', frame: 16 });
    expect(written.statusCode).toBe(201);
    const resolved = await change(editor, written.json().id, { resolved: true });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ resolved: true, resolvedBy: 'Eddie Moss' });
    expect((await change(editor, written.json().id, { resolved: false })).json()).toMatchObject({ resolved: false, resolvedBy: null });
    // Those who resolve any note still may.
    expect((await change(director, written.json().id, { resolved: true })).json()).toMatchObject({ resolved: true, resolvedBy: 'Dora Keller' });
  });

  it('regenerates from a note: the new take links to it and the note lists the take it led to', async () => {
    const absent = await h().as(director, {
      method: 'POST',
      url: url(`/shots/${shotId}/takes`),
      payload: { provider: 'previs', model: 'previs-animatic', noteId: '01900000-0000-7000-8000-000000000000' },
    });
    expect(absent.statusCode).toBe(400);
    expect(absent.json().error.field).toBe('noteId');
    const r = await h().as(director, { method: 'POST', url: url(`/shots/${shotId}/takes`), payload: { provider: 'previs', model: 'previs-animatic', parentTakeId: takeId, noteId: drawn.id } });
    expect(r.statusCode).toBe(201);
    const made = r.json().takes[0];
    expect(made).toMatchObject({ code: 'TK003', parentTakeId: takeId, sourceNoteId: drawn.id });
    const note = (await notesOf(director)).find((n) => n.id === drawn.id)!;
    expect(note.ledTo).toEqual([{ id: made.id, code: 'TK003' }]);
    // The new take is not reviewed yet, so a viewer would not see it among the note's takes.
    expect((await notesOf(viewer)).every((n) => n.ledTo.length === 0)).toBe(true);
    expect((await audit()).find((e) => e.action === 'take.requested')?.summary).toMatch(/TK003\) from Dora Keller's note/);
    await waitFor(takesOf, (ts) => ts.every((t) => ['succeeded', 'failed', 'canceled'].includes(t.status)));
  });
});

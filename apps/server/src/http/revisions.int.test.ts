/**
 * Script revisions over HTTP on SQLite and PostgreSQL, as a production office works: a re-import is
 * previewed, then applied with the preview's token (refused when the scenes changed since); each
 * import that changes scenes is a dated, coloured revision; a scene added by hand is never omitted;
 * once numbering is locked new scenes are lettered (1A), cut ones stay omitted with their number,
 * renumbering is refused; and dozens of imports and new scenes at once never share a number.
 */
import { expect, it } from 'vitest';
import type { LightMyRequestResponse as Response } from 'fastify';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

/** A short screenplay of our own: three scenes, no numbers. */
const scene = (heading: string, action: string, who: string, line: string) => `${heading}\n\n${action}\n\n${who}\n${line}\n`;
const KITCHEN = scene('INT. KITCHEN - DAY', 'Mara waits by the kettle, counting the tiles on the wall.', 'MARA', 'He is late again.');
const YARD = scene('EXT. YARD - NIGHT', 'Brick runs for the gate with a sack of apples over one shoulder.', 'BRICK', 'Open it, open it!');
const ROOF = scene('INT. ROOF GARDEN - DAWN', 'Otto waters tomatoes that will never ripen, humming to the birds.', 'OTTO', 'Patience, little ones.');
const DRAFT = ['Title: Two Doors', '', KITCHEN, YARD, ROOF].join('\n');

interface SceneView {
  id: string;
  number: string;
  heading: string;
  omitted: boolean;
  origin: string;
  revisions: { revision: number; colour: string; change: string; parts: string[] }[];
}

const statuses = (answers: Response[]) => {
  const tally: Record<number, number> = {};
  for (const a of answers) tally[a.statusCode] = (tally[a.statusCode] ?? 0) + 1;
  return tally;
};

describeEachDatabase('script revisions', (h) => {
  let owner: Person, producer: Person, director: Person, editor: Person;
  let projectId = '';
  const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
  const post = (who: Person, path: string, payload: unknown) => h().as(who, { method: 'POST', url: url(path), payload: payload as object });
  const scenes = async (): Promise<SceneView[]> => (await h().as(owner, { method: 'GET', url: url('/scenes') })).json().scenes;
  const lines = async () => (await scenes()).map((s) => `${s.number}${s.omitted ? ' OMITTED' : ''} ${s.heading}`);

  it('previews a first import without writing anything, then applies it with the token as revision 1 (white)', async () => {
    [owner, producer, director, editor] = await Promise.all([h().person('Olga Owner'), h().person('Paula Producer'), h().person('Dora Director'), h().person('Ed Editor')]);
    projectId = await h().project(owner, 'REVS', [
      [producer, 'producer'],
      [director, 'director'],
      [editor, 'editor'],
    ]);
    const preview = await post(director, '/import/fountain/preview', { text: DRAFT, fileName: 'two-doors.fountain' });
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p.revision).toEqual({ number: 1, colour: 'white' });
    expect(p.added).toEqual([
      { number: '1', heading: 'INT. KITCHEN - DAY' },
      { number: '2', heading: 'EXT. YARD - NIGHT' },
      { number: '3', heading: 'INT. ROOF GARDEN - DAWN' },
    ]);
    expect(p.previewToken).toMatch(/^[0-9a-f]{64}$/);
    expect(await scenes()).toEqual([]);

    const applied = await post(director, '/import/fountain', { text: DRAFT, fileName: 'two-doors.fountain', previewToken: p.previewToken });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().revision).toEqual({ number: 1, colour: 'white' });
    expect(await lines()).toEqual(['1 INT. KITCHEN - DAY', '2 EXT. YARD - NIGHT', '3 INT. ROOF GARDEN - DAWN']);
    const revs = (await h().as(editor, { method: 'GET', url: url('/revisions') })).json();
    expect(revs.revisions).toHaveLength(1);
    expect(revs.revisions[0]).toMatchObject({ number: 1, colour: 'white', fileName: 'two-doors.fountain', title: 'Two Doors', author: { name: 'Dora Director' }, added: 3, changed: 0, omitted: 0 });
    expect(revs.revisions[0].scenes.map((s: { number: string; change: string }) => `${s.number} ${s.change}`)).toEqual(['1 added', '2 added', '3 added']);
    expect(revs.numbering).toEqual({ locked: false, lockedBy: null, lockedAt: null });
  });

  it('re-importing the same draft after a scene was added by hand omits nothing and makes no revision', async () => {
    const kitchen = (await scenes())[0];
    const added = await post(owner, '/scenes', { heading: 'INT. CAR - NIGHT', excerpt: 'They drive without speaking.', afterSceneId: kitchen.id });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ number: '4', origin: 'manual', revisions: [] });

    const preview = (await post(owner, '/import/fountain/preview', { text: DRAFT })).json();
    expect(preview.omitted).toEqual([]);
    expect(preview.added).toEqual([]);
    expect(preview.changed).toEqual([]);
    expect(preview.revision).toBeNull();
    const applied = await post(owner, '/import/fountain', { text: DRAFT, previewToken: preview.previewToken });
    expect(applied.statusCode).toBe(200);
    expect(await lines()).toEqual(['1 INT. KITCHEN - DAY', '4 INT. CAR - NIGHT', '2 EXT. YARD - NIGHT', '3 INT. ROOF GARDEN - DAWN']);
    expect((await h().as(owner, { method: 'GET', url: url('/revisions') })).json().revisions).toHaveLength(1);
  });

  it('a changed heading previews as "changed: heading"; applying a stale preview is refused 409 and changes nothing', async () => {
    const revised = DRAFT.replace('EXT. YARD - NIGHT', 'EXT. ORCHARD GATE - NIGHT');
    const preview = (await post(producer, '/import/fountain/preview', { text: revised })).json();
    expect(preview.changed).toEqual([{ number: '2', heading: 'EXT. ORCHARD GATE - NIGHT', fields: ['heading'], parts: ['heading'] }]);
    expect([preview.added, preview.omitted]).toEqual([[], []]);
    expect(preview.revision).toEqual({ number: 2, colour: 'blue' });

    // Someone edits a scene after the preview was shown.
    const roof = (await scenes()).find((s) => s.number === '3') as SceneView;
    expect((await h().as(director, { method: 'PATCH', url: url(`/scenes/${roof.id}`), payload: { beat: 'Otto alone' } })).statusCode).toBe(200);
    const stale = await post(producer, '/import/fountain', { text: revised, previewToken: preview.previewToken });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'screenplay.preview_stale', field: 'previewToken' });
    expect(await lines()).toContain('2 EXT. YARD - NIGHT');

    // A token for another file is stale too.
    const again = (await post(producer, '/import/fountain/preview', { text: revised })).json();
    expect((await post(producer, '/import/fountain', { text: DRAFT, previewToken: again.previewToken })).statusCode).toBe(409);
    const applied = await post(producer, '/import/fountain', { text: revised, previewToken: again.previewToken });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().revision).toEqual({ number: 2, colour: 'blue' });
    const yard = (await scenes()).find((s) => s.number === '2') as SceneView;
    expect(yard.heading).toBe('EXT. ORCHARD GATE - NIGHT');
    expect(yard.revisions).toEqual([
      expect.objectContaining({ revision: 1, colour: 'white', change: 'added', parts: [] }),
      expect.objectContaining({ revision: 2, colour: 'blue', change: 'changed', parts: ['heading'] }),
    ]);
  });

  it('refuses a malformed preview token, naming the field, and changes nothing', async () => {
    const r = await post(owner, '/import/fountain', { text: DRAFT, previewToken: 'yesterday' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'request.invalid', field: 'previewToken' });
  });

  it('only an owner or producer locks numbering; a director and an editor may not, nor may an editor preview an import', async () => {
    expect((await h().as(director, { method: 'PUT', url: url('/scene-numbering'), payload: { locked: true } })).statusCode).toBe(403);
    expect((await h().as(editor, { method: 'PUT', url: url('/scene-numbering'), payload: { locked: true } })).statusCode).toBe(403);
    expect((await post(editor, '/import/fountain/preview', { text: DRAFT })).statusCode).toBe(403);
    const bad = await h().as(owner, { method: 'PUT', url: url('/scene-numbering'), payload: { locked: 'yes' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('locked');
    const locked = await h().as(owner, { method: 'PUT', url: url('/scene-numbering'), payload: { locked: true } });
    expect(locked.statusCode).toBe(200);
    expect(locked.json()).toMatchObject({ locked: true, lockedBy: { name: 'Olga Owner' } });
    expect((await h().as(editor, { method: 'GET', url: url('/scene-numbering') })).json().locked).toBe(true);
    // Locking again changes nothing; the lock is in the audit log once.
    expect((await h().as(producer, { method: 'PUT', url: url('/scene-numbering'), payload: { locked: true } })).json().lockedBy.name).toBe('Olga Owner');
    const events = (await h().as(owner, { method: 'GET', url: url('/audit?limit=100') })).json().events as { action: string; summary: string }[];
    expect(events.filter((e) => e.action === 'scene.numbering_locked').map((e) => e.summary)).toEqual(['Olga Owner locked scene numbering']);
    expect(events.find((e) => e.action === 'screenplay.imported')?.summary).toMatch(/^Paula Producer imported a screenplay \(“Two Doors”\) as revision 2 \(blue\): 0 scenes added, 1 changed/);
  });

  it('with numbering locked: a new scene after 2 is 2A, a cut scene stays "1 OMITTED", renumbering is refused', async () => {
    const revised = [
      'Title: Two Doors',
      '',
      YARD.replace('EXT. YARD - NIGHT', 'EXT. ORCHARD GATE - NIGHT'),
      scene('EXT. BUS STOP - DAY', 'Rain. A timetable nobody believes.', 'MARA', 'Any minute now.'),
      ROOF,
    ].join('\n');
    const preview = (await post(owner, '/import/fountain/preview', { text: revised })).json();
    expect(preview.added).toEqual([{ number: '2A', heading: 'EXT. BUS STOP - DAY' }]);
    expect(preview.omitted).toEqual([{ number: '1', heading: 'INT. KITCHEN - DAY' }]);
    expect(preview.revision).toEqual({ number: 3, colour: 'pink' });
    expect((await post(owner, '/import/fountain', { text: revised, previewToken: preview.previewToken })).statusCode).toBe(200);
    // The scene added by hand stays where it was, not omitted.
    expect(await lines()).toEqual(['1 OMITTED INT. KITCHEN - DAY', '4 INT. CAR - NIGHT', '2 EXT. ORCHARD GATE - NIGHT', '2A EXT. BUS STOP - DAY', '3 INT. ROOF GARDEN - DAWN']);

    // A scene added by hand after scene 2: 2A is taken, so 2B.
    const yard = (await scenes()).find((s) => s.number === '2') as SceneView;
    const byHand = await post(director, '/scenes', { heading: 'INT. HALLWAY - DAY', afterSceneId: yard.id });
    expect(byHand.json().number).toBe('2B');

    const roof = (await scenes()).find((s) => s.number === '3') as SceneView;
    const renumber = await h().as(owner, { method: 'PATCH', url: url(`/scenes/${roof.id}`), payload: { number: '7' } });
    expect(renumber.statusCode).toBe(409);
    expect(renumber.json().error).toMatchObject({ code: 'scene.numbers_locked', field: 'number' });
    const numbered = await post(owner, '/import/fountain', { text: revised.replace('INT. ROOF GARDEN - DAWN', 'INT. ROOF GARDEN - DAWN #9#') });
    expect(numbered.statusCode).toBe(409);
    expect(numbered.json().error.code).toBe('scene.numbers_locked');
    expect((await scenes()).find((s) => s.id === roof.id)?.number).toBe('3');

    const revs = (await h().as(owner, { method: 'GET', url: url('/revisions') })).json();
    expect(revs.revisions.map((r: { number: number; colour: string }) => `${r.number} ${r.colour}`)).toEqual(['1 white', '2 blue', '3 pink']);
    expect(revs.revisions[2].scenes.map((s: { number: string; change: string }) => `${s.number} ${s.change}`)).toEqual(['1 omitted', '2A added']);
  });

  it('thirty new scenes and imports at once, numbering locked: no error, no number shared', async () => {
    const kitchen = (await scenes())[0];
    // Six drafts, each with one new scene unlike the others' (so none is taken for another's revision).
    const PLACES = ['OBSERVATORY', 'FERRY', 'BAKERY', 'QUARRY', 'CHAPEL', 'SUBMARINE'];
    const THINGS = [
      'telescopes creak toward a cloudless sky',
      'gulls chase a paper bag across the deck',
      'flour drifts over trays of warm rolls',
      'dust settles on a silent yellow digger',
      'candles gutter beside an empty organ',
      'sonar pings echo through a cramped hull',
    ];
    const drafts = PLACES.map((place, i) =>
      ['Title: Two Doors', '', YARD.replace('EXT. YARD - NIGHT', 'EXT. ORCHARD GATE - NIGHT'), scene(`INT. ${place} - DAY`, `Somewhere ${THINGS[i]}.`, 'OTTO', `${place.toLowerCase()} again`)].join(
        '\n',
      ),
    );
    const requests = [
      ...Array.from({ length: 24 }, (_, i) => () => post(i % 2 ? owner : director, '/scenes', { heading: `INT. ROOM ${i + 1} - DAY`, afterSceneId: kitchen.id })),
      ...drafts.map((text, i) => () => post(i % 2 ? producer : owner, '/import/fountain', { text })),
    ];
    const answers = await Promise.all(requests.map((send) => send()));
    expect(answers.filter((a) => a.statusCode >= 500)).toEqual([]);
    expect(statuses(answers)).toEqual({ 201: 24, 200: 6 });
    const all = await scenes();
    expect(new Set(all.map((s) => s.number)).size).toBe(all.length);
    // Every scene made here got a lettered number after the kitchen's 1.
    const made = all.filter((s) => /^INT\. (ROOM|OBSERVATORY|FERRY|BAKERY|QUARRY|CHAPEL|SUBMARINE)/.test(s.heading));
    expect(made).toHaveLength(30);
    // Numbering is locked: every new scene has a lettered number after an existing one.
    for (const s of made) expect(s.number).toMatch(/^\d+[A-Z]+$/);
  });
});

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { parseFountain } from './fountain.ts';
import { planImport, type ExistingScene, type ImportPlan } from './reimport.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(import.meta.dirname, '../../../../../../shared/fixtures');
const brickAndSteel = () => readFileSync(join(FIXTURES, 'fountain', 'brick-and-steel.fountain'), 'utf8').replace(/\r\n?/g, '\n');

/** Brick & Steel's scenes, in script order, as read from the file. */
const BRICK = [
  "EXT. BRICK'S PATIO - DAY",
  'INT. TRAILER HOME - DAY',
  "EXT. BRICK'S POOL - DAY",
  'SNIPER SCOPE POV',
  'OPENING TITLES',
  'EXT. WOODEN SHACK - DAY',
  'INT. GARAGE - DAY',
  'EXT. PALATIAL MANSION - DAY',
];

/** The index of a heading's line, written plainly or forced with a period. */
function headingLine(lines: string[], heading: string): number {
  const at = lines.findIndex(
    (l) =>
      l
        .trim()
        .replace(/^\./, '')
        .replace(/\s*#[^#]+#$/, '') === heading,
  );
  if (at < 0) throw new Error(`no heading ${heading}`);
  return at;
}

/** The script with `#1#`, `#2#`, … after each heading, as a production numbers its shooting script. */
function numbered(text: string): string {
  const lines = text.split('\n');
  BRICK.forEach((heading, i) => (lines[headingLine(lines, heading)] += ` #${i + 1}#`));
  return lines.join('\n');
}

/** What the import service stores for a plan: new scenes get ids, omitted ones are marked. */
function apply(existing: ExistingScene[], plan: ImportPlan): ExistingScene[] {
  const byId = new Map(existing.map((s) => [s.id, { ...s }]));
  plan.add.forEach((a, i) => byId.set(`new-${existing.length + i}`, { id: `new-${existing.length + i}`, omitted: false, ...a }));
  for (const u of plan.update) Object.assign(byId.get(u.id) as ExistingScene, u.changes, { position: u.position });
  for (const u of plan.unchanged) (byId.get(u.id) as ExistingScene).position = u.position;
  for (const o of plan.omit) Object.assign(byId.get(o.id) as ExistingScene, { omitted: true, position: o.position });
  return [...byId.values()].sort((a, b) => a.position - b.position);
}

const importInto = (existing: ExistingScene[], text: string) => apply(existing, planImport(existing, parseFountain(text)));
const idOf = (scenes: ExistingScene[], heading: string) => (scenes.find((s) => s.heading === heading) as ExistingScene).id;

describe('planImport', () => {
  it('adds every scene of a first import, numbering unnumbered ones 1, 2, 3 … in script order', () => {
    const plan = planImport([], parseFountain(brickAndSteel()));
    expect(plan.add.map((a) => [a.number, a.heading, a.position])).toEqual(BRICK.map((h, i) => [String(i + 1), h, i]));
    expect(plan.add[1].characters).toEqual(['JACK', 'DAN']);
    expect(plan.update).toEqual([]);
    expect(plan.omit).toEqual([]);
  });

  it.each([
    ['unnumbered', brickAndSteel()],
    ['numbered', numbered(brickAndSteel())],
  ])('re-importing the same %s draft adds, changes and omits nothing', (_, text) => {
    const project = importInto([], text);
    const plan = planImport(project, parseFountain(text));
    expect(plan.add).toEqual([]);
    expect(plan.update).toEqual([]);
    expect(plan.omit).toEqual([]);
    expect(plan.unchanged).toEqual(project.map((s, i) => ({ id: s.id, number: String(i + 1), heading: BRICK[i], position: i })));
  });

  it('a revised draft: one scene added in the middle, one heading changed, one scene cut, one line of dialogue changed', () => {
    const first = numbered(brickAndSteel());
    const project = importInto([], first);
    const lines = first.split('\n');
    const minion = lines.indexOf('MINION');
    lines[minion + 1] = 'We lost them!';
    lines[headingLine(lines, 'INT. GARAGE - DAY')] = 'INT. GARAGE - NIGHT #7#';
    lines.splice(headingLine(lines, 'OPENING TITLES'), headingLine(lines, 'EXT. WOODEN SHACK - DAY') - headingLine(lines, 'OPENING TITLES'));
    lines.splice(headingLine(lines, 'SNIPER SCOPE POV'), 0, 'INT. POLICE STATION - DAY #3A#', '', 'The CAPTAIN reads a file.', '', 'CAPTAIN', 'They were the best we had.', '');
    const revised = parseFountain(lines.join('\n'));

    const plan = planImport(project, revised);
    expect(plan.add).toEqual([
      { number: '3A', heading: 'INT. POLICE STATION - DAY', excerpt: 'The CAPTAIN reads a file.\n\nCAPTAIN\nThey were the best we had.', characters: ['CAPTAIN'], position: 3 },
    ]);
    expect(plan.update.map(({ changes, ...u }) => u)).toEqual([
      { id: idOf(project, 'INT. GARAGE - DAY'), number: '7', heading: 'INT. GARAGE - NIGHT', position: 7, fields: ['heading'], parts: ['heading'] },
      { id: idOf(project, 'EXT. PALATIAL MANSION - DAY'), number: '8', heading: 'EXT. PALATIAL MANSION - DAY', position: 8, fields: ['excerpt'], parts: ['dialogue'] },
    ]);
    expect(plan.update[0].changes).toEqual({ heading: 'INT. GARAGE - NIGHT' });
    expect(plan.update[1].changes.excerpt).toContain('MINION\nWe lost them!');
    expect(plan.update[1].changes.excerpt).toBe(revised.scenes[7].excerpt);
    // The cut scene keeps its place after SNIPER SCOPE POV, as OMITTED does in a shooting script.
    expect(plan.omit).toEqual([{ id: idOf(project, 'OPENING TITLES'), number: '5', heading: 'OPENING TITLES', position: 5 }]);
    expect(plan.unchanged.map((u) => [u.number, u.heading, u.position])).toEqual([
      ['1', BRICK[0], 0],
      ['2', BRICK[1], 1],
      ['3', BRICK[2], 2],
      ['4', BRICK[3], 4],
      ['6', BRICK[5], 6],
    ]);

    // Importing the revision again changes nothing more, and the omitted scene stays where it is.
    const revisedProject = apply(project, plan);
    const again = planImport(revisedProject, revised);
    expect([again.add, again.update, again.omit]).toEqual([[], [], []]);
    expect(again.unchanged.map((u) => u.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(revisedProject.find((s) => s.number === '5')).toMatchObject({ omitted: true, position: 5 });
  });

  it('numbers unnumbered new scenes after the highest number in the project and the draft, in script order', () => {
    const existing: ExistingScene[] = [
      { id: 'a', number: '1', heading: 'INT. KITCHEN - DAY', excerpt: '', characters: [], omitted: false, position: 0 },
      { id: 'b', number: '10A', heading: 'EXT. YARD - DAY', excerpt: '', characters: [], omitted: true, position: 1 },
      { id: 'c', number: 'X-2', heading: 'INT. ATTIC - NIGHT', excerpt: '', characters: [], omitted: false, position: 2 },
    ];
    const draft = parseFountain('INT. KITCHEN - DAY\n\nEXT. FIELD - DAY\n\nINT. BARN - DAY #12#\n\nINT. ATTIC - NIGHT\n\nEXT. FIELD - NIGHT\n');
    const plan = planImport(existing, draft);
    expect(plan.add.map((a) => [a.number, a.heading, a.position])).toEqual([
      ['13', 'EXT. FIELD - DAY', 2],
      ['12', 'INT. BARN - DAY', 3],
      ['14', 'EXT. FIELD - NIGHT', 5],
    ]);
    // Matched by heading, the kitchen and the attic keep their numbers; the omitted yard stays after the kitchen.
    expect(plan.unchanged).toEqual([
      { id: 'a', number: '1', heading: 'INT. KITCHEN - DAY', position: 0 },
      { id: 'b', number: '10A', heading: 'EXT. YARD - DAY', position: 1 },
      { id: 'c', number: 'X-2', heading: 'INT. ATTIC - NIGHT', position: 4 },
    ]);
    expect(plan.omit).toEqual([]);
  });

  it('without numbers, matches by heading in order: a repeated heading pairs first with first', () => {
    const v1 = 'INT. HOUSE - DAY\n\nOne.\n\nEXT. GARDEN - DAY\n\nTwo.\n\nINT. HOUSE - DAY\n\nThree.\n';
    const project = importInto([], v1);
    expect(project.map((s) => s.number)).toEqual(['1', '2', '3']);
    const v2 = 'EXT. GARDEN - DAY\n\nTwo.\n\nint. house - day\n\nOne, longer.\n\nINT. HOUSE - DAY\n\nThree.\n';
    const plan = planImport(project, parseFountain(v2));
    expect(plan.add).toEqual([]);
    expect(plan.omit).toEqual([]);
    expect(plan.update).toEqual([{ id: project[0].id, number: '1', heading: 'INT. HOUSE - DAY', position: 1, changes: { excerpt: 'One, longer.' }, fields: ['excerpt'], parts: ['action'] }]);
    expect(plan.unchanged).toEqual([
      { id: project[1].id, number: '2', heading: 'EXT. GARDEN - DAY', position: 0 },
      { id: project[2].id, number: '3', heading: 'INT. HOUSE - DAY', position: 2 },
    ]);
  });

  it('a heading match with a new number in the draft renumbers the scene; a scene back in the draft is no longer omitted', () => {
    const existing: ExistingScene[] = [
      { id: 'a', number: '1', heading: 'INT. A - DAY', excerpt: 'Aa.', characters: [], omitted: false, position: 0 },
      { id: 'b', number: '2', heading: 'INT. B - DAY', excerpt: 'Bb.', characters: [], omitted: true, position: 1 },
    ];
    const plan = planImport(existing, parseFountain('INT. A - DAY #5#\n\nAa.\n\nINT. B - DAY #2#\n\nBb.\n'));
    expect(plan.update).toEqual([
      { id: 'a', number: '5', heading: 'INT. A - DAY', position: 0, changes: { number: '5' }, fields: ['number'], parts: ['number'] },
      { id: 'b', number: '2', heading: 'INT. B - DAY', position: 1, changes: { omitted: false }, fields: ['omitted'], parts: ['restored'] },
    ]);
  });

  it('places scenes cut from the start first and leaves already omitted scenes out of the omit list', () => {
    const scene = (id: string, number: string, position: number, omitted = false): ExistingScene => ({
      id,
      number,
      heading: `INT. ROOM ${number} - DAY`,
      excerpt: '',
      characters: [],
      omitted,
      position,
    });
    const existing = [scene('a', '1', 0), scene('b', '2', 1, true), scene('c', '3', 2), scene('d', '4', 3)];
    const plan = planImport(existing, parseFountain('INT. ROOM 4 - DAY #4#\n\nINT. ROOM 3 - DAY #3#\n'));
    expect(plan.omit).toEqual([{ id: 'a', number: '1', heading: 'INT. ROOM 1 - DAY', position: 0 }]);
    expect(plan.unchanged.map((u) => [u.id, u.position])).toEqual([
      ['b', 1],
      ['d', 2],
      ['c', 3],
    ]);
  });

  it('a scene added by hand is never marked omitted by a re-import of the same draft', () => {
    const project = importInto([], brickAndSteel());
    // Someone adds a scene by hand after scene 3; the draft never had it.
    const byHand: ExistingScene = { id: 'hand', number: '9', heading: 'INT. CAR - NIGHT', excerpt: 'They drive.', characters: [], omitted: false, position: 3, origin: 'manual' };
    const withHand = [...project.slice(0, 3), byHand, ...project.slice(3).map((s) => ({ ...s, position: s.position + 1 }))];
    const plan = planImport(withHand, parseFountain(brickAndSteel()));
    expect(plan.omit).toEqual([]);
    expect(plan.add).toEqual([]);
    expect(plan.update).toEqual([]);
    expect(plan.unchanged.find((u) => u.id === 'hand')).toEqual({ id: 'hand', number: '9', heading: 'INT. CAR - NIGHT', position: 3 });
  });

  it('refuses a draft that gives two scenes the same number, naming both lines', () => {
    try {
      planImport([], parseFountain('INT. A - DAY #4#\n\nAction.\n\nINT. B - DAY #4#\n'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('screenplay.invalid');
      expect((e as DomainError).message).toBe('Line 5: scene number 4 is already used on line 1. Give each scene its own number.');
    }
  });
});

describe('planImport with scene numbering locked', () => {
  const text = (headings: string[]) => headings.map((h) => `${h}\n\nThe ${h.toLowerCase()} is quiet, as it always is at this hour.\n`).join('\n');
  const fifty = ['INT. HALL - DAY', 'INT. STAIRS - DAY', 'INT. ROOF - NIGHT'];
  const existing: ExistingScene[] = parseFountain(text(fifty)).scenes.map((s, i) => ({
    id: `s${50 + i}`,
    number: String(50 + i),
    heading: s.heading,
    excerpt: s.excerpt,
    characters: [],
    omitted: false,
    position: i,
  }));

  it('a new scene between 50 and 51 is 50A, the next one 50B', () => {
    const draft = parseFountain(text(['INT. HALL - DAY', 'EXT. GARDEN - DAY', 'EXT. SHED - DAY', 'INT. STAIRS - DAY', 'INT. ROOF - NIGHT']));
    const plan = planImport(existing, draft, { locked: true });
    expect(plan.add.map((a) => [a.number, a.heading, a.position])).toEqual([
      ['50A', 'EXT. GARDEN - DAY', 1],
      ['50B', 'EXT. SHED - DAY', 2],
    ]);
    expect(plan.unchanged.map((u) => u.number)).toEqual(['50', '51', '52']);
  });

  it('a cut scene stays, omitted, with its number and in its place', () => {
    const plan = planImport(existing, parseFountain(text(['INT. HALL - DAY', 'INT. ROOF - NIGHT'])), { locked: true });
    expect(plan.omit).toEqual([{ id: 's51', number: '51', heading: 'INT. STAIRS - DAY', position: 1 }]);
    expect(plan.unchanged.map((u) => [u.number, u.position])).toEqual([
      ['50', 0],
      ['52', 2],
    ]);
  });

  it('a scene before the first is A50', () => {
    const plan = planImport(existing, parseFountain(text(['EXT. STREET - DAY', ...fifty])), { locked: true });
    expect(plan.add.map((a) => a.number)).toEqual(['A50']);
  });

  it('a new scene after an omitted one takes a letter after the omitted number', () => {
    const omitted = existing.map((s) => (s.id === 's51' ? { ...s, omitted: true } : s));
    const plan = planImport(omitted, parseFountain(text(['INT. HALL - DAY', 'EXT. GARDEN - DAY', 'INT. ROOF - NIGHT'])), { locked: true });
    // 51 OMITTED keeps its place after 50, so the garden comes after it.
    expect(plan.add.map((a) => [a.number, a.position])).toEqual([['51A', 2]]);
  });

  it('refuses a draft that would renumber a scene', () => {
    try {
      planImport(existing, parseFountain(`INT. HALL - DAY #7#\n\n${existing[0].excerpt}\n`), { locked: true });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('scene.numbers_locked');
      expect((e as DomainError).message).toContain('scene 50 is numbered 7 in this draft, but scene numbering is locked');
    }
  });
});

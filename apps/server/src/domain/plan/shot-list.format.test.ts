/** Shot lists as CSV and JSON: a round trip loses nothing, bad rows are reported by row and field, wrong files are refused. */
import { ShotPlan } from '@backlot/contracts';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { joinList, parseShotList, SHOT_LIST_CSV_HEADER, shotListToCsv, shotListToJson, splitList, type ShotListRow } from './shot-list.format.ts';

const META = { projectCode: 'BRICK', frameRate: '24000/1001' };

const full: ShotListRow = {
  sceneNumber: '1',
  code: 'SC001_SH010',
  position: 1,
  status: 'locked',
  plan: {
    scenePurpose: 'Retirement is boring, and then it is over.',
    job: 'Establish the patio, then play the scene wide.',
    subjectAction: 'BRICK sits; STEEL says "Beer\'s ready!", with two beers, one in each hand.\nThey laugh.',
    camera: { size: 'WS', angle: 'eye-level', height: 'eye', movement: 'dolly', lensFeel: 'wide', pace: 'slow' },
    environment: "Exterior: BRICK'S PATIO, day — Pasadena, 1987",
    constraints: { mustNotAppear: ['smartphones', 'a logo | any logo', 'C:\\ path \\| slash'], mustNotDrift: ['Brick’s cardigan'] },
    reviewCriteria: ['both faces readable', 'eyeline, matches the "reverse"'],
    targetFrames: 144,
    aspect: '2:1',
  },
};

const sparse: ShotListRow = {
  sceneNumber: '12A',
  code: 'SC012A_SH001',
  position: 0,
  status: 'planned',
  plan: ShotPlan.parse({}),
};

const tricky: ShotListRow = {
  sceneNumber: '3',
  code: 'SC003-INSERT',
  position: 7,
  status: 'omitted',
  plan: ShotPlan.parse({
    scenePurpose: '=SUM(A1:A9)',
    job: "'Tis the season",
    subjectAction: 'Ünïcødé: 日本語, emoji 🎬, tabs\tinside, CRLF\r\nline',
    camera: { size: 'INSERT', movement: 'static' },
    environment: '-',
    constraints: { mustNotAppear: ['@mention', '+1'], mustNotDrift: [] },
    reviewCriteria: ['\\', '|', 'a \\| b', 'ends with \\'],
    targetFrames: 1,
  }),
};

const rows = [full, sparse, tricky];

/** A CSV as a spreadsheet user might write it: header, then rows of cells. */
function csv(lines: string[][]): string {
  return lines.map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
}

function cellsFor(overrides: Record<string, string>): string[] {
  return SHOT_LIST_CSV_HEADER.map((h) => overrides[h] ?? '');
}

function thrown(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('CSV', () => {
  it('has a readable, stable header', () => {
    expect(SHOT_LIST_CSV_HEADER).toEqual([
      'scene',
      'code',
      'order',
      'status',
      'scene purpose',
      'job',
      'subject and action',
      'size',
      'angle',
      'height',
      'movement',
      'lens',
      'pace',
      'environment',
      'must not appear',
      'must not drift',
      'review criteria',
      'target frames',
      'aspect',
    ]);
    expect(shotListToCsv([]).replace(/^\uFEFF/, '')).toBe(`${SHOT_LIST_CSV_HEADER.join(',')}\n`);
  });

  it('round-trips every field exactly: commas, quotes, newlines, unicode, pipes, empty lists, nulls', () => {
    const parsed = parseShotList('csv', shotListToCsv(rows));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual(rows);
  });

  it('writes one row per shot that any CSV reader splits into the same columns', () => {
    const records = parse(shotListToCsv(rows), { bom: true }) as string[][];
    expect(records).toHaveLength(4);
    expect(records[1].slice(0, 8)).toEqual(['1', 'SC001_SH010', '1', 'locked', full.plan.scenePurpose, full.plan.job, full.plan.subjectAction, 'WS']);
    expect(records[1][14]).toBe('smartphones | a logo \\| any logo | C:\\\\ path \\\\\\| slash');
    expect(records[2].slice(7, 13)).toEqual(['', '', '', '', '', '']);
    expect(records[2][17]).toBe('');
  });

  it("keeps spreadsheets from running a cell as a formula, with a leading ' it strips again on import", () => {
    const records = parse(shotListToCsv([tricky]), { bom: true }) as string[][];
    expect(records[1][4]).toBe("'=SUM(A1:A9)");
    expect(records[1][5]).toBe("''Tis the season");
    expect(records[1][13]).toBe("'-");
    expect(records[1][14]).toBe("'@mention | +1");
  });

  it.each([
    [['a', 'b'], 'a | b'],
    [['a | b'], 'a \\| b'],
    [['back\\slash'], 'back\\\\slash'],
    [[], ''],
  ])('joins %j as %j and splits it back', (items, cell) => {
    expect(joinList(items)).toBe(cell);
    expect(splitList(cell)).toEqual(items);
  });

  it('reads a hand-made list leniently: no spaces around |, empty items dropped', () => {
    expect(splitList('a|b |  | c |')).toEqual(['a', 'b', 'c']);
  });

  it('reads a hand-made CSV with columns in any order, only scene and code required, case-insensitive choices', () => {
    const content = csv([
      ['Code', 'Scene', 'Size', 'Movement', 'Review criteria'],
      ['sc004_sh010', '4', 'mcu', 'Push-In', 'face readable | eyeline matches the reverse'],
    ]);
    const { rows: read, errors } = parseShotList('csv', content);
    expect(errors).toEqual([]);
    expect(read).toEqual([
      {
        sceneNumber: '4',
        code: 'SC004_SH010',
        position: 1,
        status: 'planned',
        plan: ShotPlan.parse({ camera: { size: 'MCU', movement: 'push-in' }, reviewCriteria: ['face readable', 'eyeline matches the reverse'] }),
      },
    ]);
  });

  it('reports every bad row by data row and column, and keeps the good rows', () => {
    const content = csv([
      SHOT_LIST_CSV_HEADER,
      cellsFor({ scene: '1', code: 'SC001_SH010', order: '1', status: 'planned', size: 'WS' }),
      cellsFor({ scene: 'one', code: 'SC001_SH020', order: '2', status: 'planned', size: 'GIANT' }),
      cellsFor({ scene: '1', code: 'SC001_SH030', order: 'third', status: 'planned' }),
      cellsFor({ scene: '1', code: 'SC001_SH040', order: '4', status: 'done', 'target frames': '2.5 s' }),
      ['1', 'SC001_SH050', '5'],
      cellsFor({ scene: '1', code: 'SC001_SH010', order: '6', status: 'planned', aspect: 'wide' }),
      cellsFor({}),
      cellsFor({ scene: '1', code: 'SC001_SH070', order: '7', status: 'planned', 'must not appear': 'x'.repeat(301) }),
      cellsFor({ scene: '1', code: 'SC001_SH080', order: '8', status: 'approved', lens: 'Telephoto' }),
    ]);
    const { rows: read, errors } = parseShotList('csv', content);
    expect(read.map((r) => r.code)).toEqual(['SC001_SH010', 'SC001_SH080']);
    expect(read[1].plan.camera.lensFeel).toBe('telephoto');
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'scene'],
      [2, 'size'],
      [3, 'order'],
      [4, 'target frames'],
      [5, null],
      [6, 'aspect'],
      [8, 'must not appear'],
    ]);
    expect(errors.find((e) => e.row === 2 && e.field === 'scene')!.message).toBe('must be a scene number like 12 or 12A');
    expect(errors.find((e) => e.row === 5)!.message).toBe('has 3 cells; the header has 19');
    expect(errors.find((e) => e.row === 4)!.message).toMatch(/whole number of frames/);
  });

  it('refuses a repeated shot code on the later row', () => {
    const content = csv([
      ['scene', 'code'],
      ['1', 'SC001_SH010'],
      ['2', 'SC001_SH010'],
    ]);
    const { rows: read, errors } = parseShotList('csv', content);
    expect(read).toHaveLength(1);
    expect(errors).toEqual([{ row: 2, field: 'code', message: 'shot code SC001_SH010 is already used by row 1' }]);
  });

  it.each([
    ['a wrong header', 'shot,camera\nSC1,wide', /CSV header is not a Backlot shot list \(missing "scene", "code"; unknown "shot", "camera"\)/],
    ['a repeated column', 'scene,code,size,size\n1,SC1,WS,WS', /repeated "size"/],
    ['not CSV at all', 'scene,code\n"1,SC001', /not CSV Backlot can read/],
    ['JSON sent as CSV', shotListToJson(rows, META), /looks like JSON, not CSV/],
    ['an empty file', '\uFEFF \n', /file is empty/],
  ])('refuses %s as shot_list.invalid on content', (_what, content, message) => {
    const error = thrown(() => parseShotList('csv', content));
    expect(error.code).toBe('shot_list.invalid');
    expect(error.field).toBe('content');
    expect(error.message).toMatch(message);
  });
});

describe('JSON', () => {
  it('writes the Backlot shot-list envelope', () => {
    const doc = JSON.parse(shotListToJson(rows, META));
    expect(doc).toMatchObject({ format: 'backlot.shot-list', version: 1, project: 'BRICK', frameRate: '24000/1001' });
    expect(doc.shots[0]).toEqual({ sceneNumber: '1', code: 'SC001_SH010', position: 1, status: 'locked', plan: full.plan });
  });

  it('round-trips exactly and says which project and frame rate it came from', () => {
    const parsed = parseShotList('json', shotListToJson(rows, META));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual(rows);
    expect(parsed.source).toEqual({ project: 'BRICK', frameRate: '24000/1001' });
    expect(parseShotList('json', shotListToJson([], META)).rows).toEqual([]);
  });

  it('reports bad shots by row and JSON path, and keeps the good ones', () => {
    const doc = JSON.parse(shotListToJson(rows, META));
    doc.shots[1].plan.camera.size = 'GIANT';
    doc.shots[1].plan.mood = 'sunny';
    doc.shots[2].code = 'bad code!';
    doc.shots.push('not a shot');
    const { rows: read, errors } = parseShotList('json', JSON.stringify(doc));
    expect(read.map((r) => r.code)).toEqual(['SC001_SH010']);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'plan.camera.size'],
      [2, 'plan'],
      [3, 'code'],
      [4, null],
    ]);
    expect(errors[1].message).toBe('is not a field Backlot knows: mood');
  });

  it.each([
    ['not JSON', 'scene,code\n1,SC1', /not JSON/],
    ['JSON of something else', '{"title":"Brick & Steel"}', /not a Backlot shot list/],
    ['a newer version', JSON.stringify({ format: 'backlot.shot-list', version: 2, project: 'X', frameRate: '24/1', shots: [] }), /version 2; this Backlot reads version 1/],
    ['shots that are not a list', JSON.stringify({ format: 'backlot.shot-list', version: 1, project: 'X', frameRate: '24/1', shots: {} }), /shots is not valid/],
  ])('refuses %s as shot_list.invalid on content', (_what, content, message) => {
    const error = thrown(() => parseShotList('json', content));
    expect(error.code).toBe('shot_list.invalid');
    expect(error.field).toBe('content');
    expect(error.message).toMatch(message);
  });
});

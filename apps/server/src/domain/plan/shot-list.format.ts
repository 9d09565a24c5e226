/** Shot lists as CSV and JSON files: export a project's or a scene's shots, and read the same formats back with a report per row. */
import { SceneNumber, SHOT_STATUSES, ShotCode, ShotPlan } from '@backlot/contracts';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { fail } from '../errors.ts';

/** One shot of a shot list: where it sits and its plan. */
export interface ShotListRow {
  sceneNumber: string;
  code: string;
  position: number;
  status: string;
  plan: ShotPlan;
}

/** A row that could not be read: 1-based data row, the CSV column or the path inside the JSON shot, and what is wrong. */
export interface ShotListError {
  row: number;
  field: string | null;
  message: string;
}

/** What a shot-list file held: the rows that are good, an error for each problem, and (JSON only) where it came from. */
export interface ParsedShotList {
  rows: ShotListRow[];
  /** The 1-based data row of each good row, in the same order as `rows`. */
  rowNumbers: number[];
  errors: ShotListError[];
  /** The project code and frame rate the JSON file was exported with; target frames count at that rate. */
  source: { project: string; frameRate: string } | null;
}

const FORMAT = 'backlot.shot-list';
const VERSION = 1;

const Row = z.strictObject({
  sceneNumber: SceneNumber,
  code: ShotCode,
  position: z.number().int().min(0),
  status: z.enum(SHOT_STATUSES),
  plan: ShotPlan,
});

type Kind = 'text' | 'list' | 'whole' | 'frames' | 'choice';

/** The CSV columns, in order: header, where the value lives in a row, and how it is written. The headers are a stable interface. */
const COLUMNS: { header: string; path: string[]; kind: Kind; normalise?: (s: string) => string }[] = [
  { header: 'scene', path: ['sceneNumber'], kind: 'text', normalise: (s) => s.toUpperCase() },
  { header: 'code', path: ['code'], kind: 'text', normalise: (s) => s.toUpperCase() },
  { header: 'order', path: ['position'], kind: 'whole' },
  { header: 'status', path: ['status'], kind: 'text', normalise: (s) => s.toLowerCase() },
  { header: 'scene purpose', path: ['plan', 'scenePurpose'], kind: 'text' },
  { header: 'job', path: ['plan', 'job'], kind: 'text' },
  { header: 'subject and action', path: ['plan', 'subjectAction'], kind: 'text' },
  { header: 'size', path: ['plan', 'camera', 'size'], kind: 'choice', normalise: (s) => s.toUpperCase() },
  { header: 'angle', path: ['plan', 'camera', 'angle'], kind: 'choice', normalise: (s) => s.toLowerCase() },
  { header: 'height', path: ['plan', 'camera', 'height'], kind: 'choice', normalise: (s) => s.toLowerCase() },
  { header: 'movement', path: ['plan', 'camera', 'movement'], kind: 'choice', normalise: (s) => s.toLowerCase() },
  { header: 'lens', path: ['plan', 'camera', 'lensFeel'], kind: 'choice', normalise: (s) => s.toLowerCase() },
  { header: 'pace', path: ['plan', 'camera', 'pace'], kind: 'choice', normalise: (s) => s.toLowerCase() },
  { header: 'environment', path: ['plan', 'environment'], kind: 'text' },
  { header: 'must not appear', path: ['plan', 'constraints', 'mustNotAppear'], kind: 'list' },
  { header: 'must not drift', path: ['plan', 'constraints', 'mustNotDrift'], kind: 'list' },
  { header: 'review criteria', path: ['plan', 'reviewCriteria'], kind: 'list' },
  { header: 'target frames', path: ['plan', 'targetFrames'], kind: 'frames' },
  { header: 'aspect', path: ['plan', 'aspect'], kind: 'choice' },
];

/** The CSV header row, as exported. */
export const SHOT_LIST_CSV_HEADER = COLUMNS.map((c) => c.header);

/** Columns a hand-made CSV must have; the others fall back to defaults. */
const REQUIRED = ['scene', 'code'];

/** Writes a list cell: items joined by " | ", with a literal | or \ inside an item written as \| or \\. */
export function joinList(items: string[]): string {
  return items.map((item) => item.replace(/[\\|]/g, (c) => `\\${c}`)).join(' | ');
}

/** Reads a list cell back: splits on unescaped |, unescapes \x to x, trims items and drops empty ones. */
export function splitList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c === '\\' && i + 1 < cell.length) current += cell[++i];
    else if (c === '|') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((s) => s.trim()).filter(Boolean);
}

// A cell starting with = + - @ (or a tab or CR) is run as a formula by spreadsheets; a leading ' keeps it text.
// Cells that already start with ' get one more, so reading strips exactly one and every value comes back as it was.
const FORMULA_START = /^[=+\-@\t\r']/;

function protect(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function unprotect(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

function valueAt(row: ShotListRow, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], row);
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown) {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}

function cellOf(row: ShotListRow, column: (typeof COLUMNS)[number]): string {
  const value = valueAt(row, column.path);
  if (column.kind === 'list') return protect(joinList(value as string[]));
  return value === null || value === undefined ? '' : protect(String(value));
}

/** The shot list as CSV: a header row, then one row per shot. UTF-8 with a byte-order mark so spreadsheets read accents right. */
export function shotListToCsv(rows: ShotListRow[]): string {
  return stringify([SHOT_LIST_CSV_HEADER, ...rows.map((row) => COLUMNS.map((column) => cellOf(row, column)))], { bom: true });
}

/** The shot list as JSON: `{ format: 'backlot.shot-list', version: 1, project, frameRate, shots }`. */
export function shotListToJson(rows: ShotListRow[], meta: { projectCode: string; frameRate: string }): string {
  const shots = rows.map(({ sceneNumber, code, position, status, plan }) => ({ sceneNumber, code, position, status, plan }));
  return `${JSON.stringify({ format: FORMAT, version: VERSION, project: meta.projectCode, frameRate: meta.frameRate, shots }, null, 2)}\n`;
}

/** The column a schema problem belongs to: the one whose path is the longest prefix of the problem's path. */
function columnFor(path: PropertyKey[]): string | null {
  const keys = path.map(String);
  const match = COLUMNS.filter((c) => c.path.every((k, i) => keys[i] === k)).sort((a, b) => b.path.length - a.path.length)[0];
  return match?.header ?? null;
}

function message(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `is not a field Backlot knows: ${issue.keys.join(', ')}`;
  // A choice outside the list: name the choices the way a crew reads them.
  if (issue.code === 'invalid_value' && issue.values.length) return `must be one of ${issue.values.map(String).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/** Checks one candidate row; the good ones come back parsed, the bad ones as errors with the field named by `fieldOf`. */
function checkRow(candidate: unknown, row: number, fieldOf: (path: PropertyKey[]) => string | null, errors: ShotListError[]): ShotListRow | null {
  const parsed = Row.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path);
    const key = `${field}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ row, field, message: message(issue) });
  }
  return null;
}

/** Rows as read, each with its 1-based data row number, before repeated codes are checked. */
interface Read {
  rows: { row: number; value: ShotListRow }[];
  errors: ShotListError[];
  source: ParsedShotList['source'];
}

function readCsv(content: string): Read {
  if (/^\s*[{[]/.test(content.replace(/^\uFEFF/, ''))) fail('shot_list.invalid', 'This file looks like JSON, not CSV; import it as JSON.', 'content');
  let records: string[][];
  try {
    records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    fail('shot_list.invalid', `The file is not CSV Backlot can read: ${(error as Error).message}`, 'content');
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => !h.trim())) fail('shot_list.invalid', 'The CSV file is empty; it needs a header row and a row per shot.', 'content');
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !SHOT_LIST_CSV_HEADER.includes(n));
  const missing = REQUIRED.filter((n) => !names.includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length || missing.length || repeated.length) {
    const problems = [
      missing.length ? `missing ${missing.map((n) => `"${n}"`).join(', ')}` : '',
      unknown.length ? `unknown ${unknown.map((n) => `"${n}"`).join(', ')}` : '',
      repeated.length ? `repeated ${repeated.map((n) => `"${n}"`).join(', ')}` : '',
    ].filter(Boolean);
    fail('shot_list.invalid', `The CSV header is not a Backlot shot list (${problems.join('; ')}). The columns are: ${SHOT_LIST_CSV_HEADER.join(', ')}.`, 'content');
  }

  const rows: Read['rows'] = [];
  const errors: ShotListError[] = [];
  data.forEach((cells, i) => {
    const row = i + 1;
    if (cells.every((c) => !c.trim())) return;
    if (cells.length !== names.length) {
      errors.push({ row, field: null, message: `has ${cells.length} cells; the header has ${names.length}` });
      return;
    }
    const candidate: Record<string, unknown> = { position: row, status: 'planned', plan: {} };
    let readable = true;
    for (const column of COLUMNS) {
      const at = names.indexOf(column.header);
      if (at < 0) continue;
      const raw = unprotect(cells[at]);
      const cell = column.normalise ? column.normalise(raw.trim()) : raw;
      let value: unknown = cell;
      if (column.kind === 'list') value = splitList(cell);
      else if (column.kind === 'choice') value = cell.trim() === '' ? null : cell.trim();
      else if (column.kind === 'whole' || column.kind === 'frames') {
        const text = cell.trim();
        if (column.kind === 'frames' && text === '') value = null;
        else if (/^\d{1,9}$/.test(text)) value = Number(text);
        else {
          errors.push({ row, field: column.header, message: column.kind === 'frames' ? 'must be a whole number of frames, or empty' : 'must be a whole number' });
          readable = false;
        }
      }
      setAt(candidate, column.path, value);
    }
    if (!readable) return;
    const value = checkRow(candidate, row, columnFor, errors);
    if (value) rows.push({ row, value });
  });
  return { rows, errors, source: null };
}

function readJson(content: string): Read {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    fail('shot_list.invalid', `The file is not JSON: ${(error as Error).message}`, 'content');
  }
  const top = z.object({ format: z.literal(FORMAT), version: z.number(), project: z.string(), frameRate: z.string(), shots: z.array(z.unknown()) }).safeParse(doc);
  if (!top.success) {
    const isOurs = (doc as { format?: unknown } | null)?.format === FORMAT;
    const problem = top.error.issues[0];
    fail(
      'shot_list.invalid',
      isOurs ? `The shot list's ${problem.path.join('.') || 'top level'} is not valid: ${message(problem)}.` : `This JSON is not a Backlot shot list (it needs "format": "${FORMAT}").`,
      'content',
    );
  }
  if (top.data.version !== VERSION) fail('shot_list.invalid', `This shot list is format version ${top.data.version}; this Backlot reads version ${VERSION}.`, 'content');
  const rows: Read['rows'] = [];
  const errors: ShotListError[] = [];
  top.data.shots.forEach((shot, i) => {
    const value = checkRow(shot, i + 1, (path) => (path.length ? path.join('.') : null), errors);
    if (value) rows.push({ row: i + 1, value });
  });
  return { rows, errors, source: { project: top.data.project, frameRate: top.data.frameRate } };
}

/** Keeps the first row with each shot code and refuses the later ones, then orders the errors by row. */
function withUniqueCodes(read: Read, field: string): ParsedShotList {
  const first = new Map<string, number>();
  const rows: ShotListRow[] = [];
  const rowNumbers: number[] = [];
  const errors = [...read.errors];
  for (const { row, value } of read.rows) {
    const earlier = first.get(value.code);
    if (earlier === undefined) {
      first.set(value.code, row);
      rows.push(value);
      rowNumbers.push(row);
    } else errors.push({ row, field, message: `shot code ${value.code} is already used by row ${earlier}` });
  }
  return { rows, rowNumbers, errors: errors.sort((a, b) => a.row - b.row), source: read.source };
}

/**
 * Reads a shot list exported by Backlot (or written by hand in the same shape). Every bad row is
 * reported and the good ones kept; a file that is not the format at all throws `shot_list.invalid`.
 */
export function parseShotList(format: 'csv' | 'json', content: string): ParsedShotList {
  if (!content.replace(/^\uFEFF/, '').trim()) fail('shot_list.invalid', 'The file is empty.', 'content');
  return format === 'csv' ? withUniqueCodes(readCsv(content), 'code') : withUniqueCodes(readJson(content), 'code');
}

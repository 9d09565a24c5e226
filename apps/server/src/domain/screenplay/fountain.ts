/** Reads a Fountain screenplay (https://fountain.io/syntax) into scenes, their script excerpts and the characters who speak. */
import { DomainError } from '../errors.ts';

/** One scene of the script, from its heading to the next heading. */
export interface ParsedScene {
  /** The scene number written as `#12A#` at the end of the heading (without the #), else null. */
  number: string | null;
  /** The heading in upper case, without a scene number or a forcing period. */
  heading: string;
  /** The scene's Fountain text after its heading, without notes, boneyard, sections, synopses and page breaks. */
  excerpt: string;
  /** Normalised names of the characters who speak in the scene, in order of first cue. */
  characters: string[];
  /** 1-based line of the heading in the file. */
  line: number;
}

/** What an import takes from a Fountain file. */
export interface ParsedScreenplay {
  title: string | null;
  scenes: ParsedScene[];
  /** Every speaking character, normalised, in order of first cue (cues before the first heading included). */
  characters: string[];
}

/** A line still visible once notes and boneyard are removed. */
interface Line {
  no: number;
  text: string;
}

/** A scene while its lines are read: the kept lines of its excerpt and who has spoken so far. */
interface OpenScene extends ParsedScene {
  body: string[];
  cast: Set<string>;
}

const PREFIXED_HEADING = /^(?:int\.?\/ext|i\.?\/e|int|ext|est)[. ]/i;
// A single period then a letter or digit forces a heading; "..." opens action or dialogue.
const FORCED_HEADING = /^\.(?=[\p{L}\p{N}])/u;
const SCENE_NUMBER = /\s*#([\p{L}\p{N}.-]+)#\s*$/u;
const TITLE_PAGE_START = /^(?:title|credit|authors?|source|draft ?date|date|contact|copyright|notes|revisions?)[ \t]*:/i;
const TITLE_PAGE_KEY = /^([\p{L}\p{N} ]+):(.*)$/u;
const NO_HEADINGS = 'No scene headings found: a Fountain scene starts with INT., EXT., EST., INT./EXT., I/E or a forced heading beginning with a period.';

/** The most scenes one import may bring: more is a file picked by mistake, or a script to split. */
export const MAX_IMPORTED_SCENES = 5000;

/**
 * Reads a Fountain file. Throws a `screenplay.invalid` DomainError (field `file`) when the text is
 * empty, binary or another format, has no scene heading or more than MAX_IMPORTED_SCENES, or leaves
 * a boneyard or note open.
 */
export function parseFountain(text: string): ParsedScreenplay {
  assertReadable(text);
  const { lines, commented } = stripComments(text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/));
  const { title, bodyStart, found } = readTitlePage(lines);
  let sawElement = found || commented;
  const scenes: ParsedScene[] = [];
  const characters = new Set<string>();
  let scene: OpenScene | null = null;
  let inDialogue = false;
  let lonelyHeading: number | null = null;

  for (let i = bodyStart; i < lines.length; i++) {
    const raw = lines[i].text;
    const t = raw.trim();
    const prevBlank = i === bodyStart || lines[i - 1].text.trim() === '';
    const nextBlank = i + 1 === lines.length || lines[i + 1].text.trim() === '';
    const cue = !inDialogue && prevBlank && !nextBlank ? cueName(t) : null;
    let kept: string | null = raw;

    if (t === '') {
      // Two spaces keep a dialogue block going across an empty-looking line.
      const gap: boolean = inDialogue && /^ {2,}$/.test(raw);
      inDialogue = gap;
      kept = gap ? '  ' : '';
    } else if (inDialogue) {
      kept = raw;
    } else if (/^(?:={3,}|#|=)/.test(t)) {
      sawElement = true;
      kept = null;
    } else if (FORCED_HEADING.test(t) || PREFIXED_HEADING.test(t)) {
      sawElement = true;
      if (prevBlank && nextBlank) {
        if (scene) scenes.push(finishScene(scene));
        scene = { ...readHeading(t), excerpt: '', characters: [], line: lines[i].no, body: [], cast: new Set() };
        continue;
      }
      lonelyHeading ??= lines[i].no;
    } else if (cue !== null) {
      sawElement = inDialogue = true;
      characters.add(cue);
      scene?.cast.add(cue);
    } else if (/^[!>~@]/.test(t) || (prevBlank && nextBlank && /^[^\p{Ll}]*TO:$/u.test(raw.trimStart()))) {
      sawElement = true;
    }
    if (scene && kept !== null) scene.body.push(kept);
  }
  if (scene) scenes.push(finishScene(scene));

  if (scenes.length === 0) {
    if (lonelyHeading !== null) invalid(`${NO_HEADINGS} Line ${lonelyHeading} looks like one, but a heading needs an empty line before and after it.`);
    if (sawElement) invalid(NO_HEADINGS);
    const count = lines.filter((l) => l.text.trim() !== '').length;
    invalid(`This does not look like a Fountain screenplay: found ${count} line${count === 1 ? '' : 's'} of plain text but no scene heading, character cue, transition, section or title page.`);
  }
  if (scenes.length > MAX_IMPORTED_SCENES) {
    invalid(
      `This screenplay has ${scenes.length.toLocaleString('en-US')} scenes; Backlot imports at most ${MAX_IMPORTED_SCENES.toLocaleString('en-US')} at once. Split it into parts and import each.`,
    );
  }
  return { title, scenes, characters: [...characters] };
}

/**
 * A character cue as one name: drops the forcing `@`, the dual-dialogue `^` and extensions in
 * parentheses such as (V.O.), (O.S.) or (CONT'D), collapses spaces and upper-cases.
 */
export function normalizeCue(cue: string): string {
  return cue
    .trim()
    .replace(/^@/, '')
    .replace(/\^\s*$/, '')
    .replace(/\([^)]*(?:\)|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

function invalid(message: string): never {
  throw new DomainError('screenplay.invalid', message, 'file');
}

// Files picked by mistake for a Fountain export, known by how they start.
const OTHER_FORMATS: [RegExp, string][] = [
  [/^%PDF-/, 'a PDF document'],
  [/^PK\u0003\u0004/, 'a ZIP archive (such as a .docx or .highland file)'],
  [/^\{\\rtf/, 'an RTF document'],
  [/^\s*(?:<\?xml[^>]*>\s*)?<FinalDraft/i, 'a Final Draft (.fdx) file'],
  [/^\s*<(?:\?xml|!doctype|html)/i, 'XML or HTML'],
];

/** Refuses what cannot be a Fountain text: nothing, binary data, a known other format, undecodable characters. */
function assertReadable(text: string): void {
  if (text.trim() === '') invalid('The file is empty.');
  const head = text.slice(0, 2000).replace(/^\uFEFF/, '');
  for (const [signature, what] of OTHER_FORMATS) {
    if (signature.test(head)) invalid(`This is ${what}, not a Fountain screenplay. Export the script as Fountain (.fountain) and import that.`);
  }
  const lineOf = (index: number) => text.slice(0, index).split(/\r\n|\r|\n/).length;
  const nul = text.indexOf('\u0000');
  if (nul >= 0) invalid(`This is binary data, not a Fountain screenplay: it contains NUL bytes (the first on line ${lineOf(nul)}).`);
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  const unreadable = text.match(/\uFFFD/g)?.length ?? 0;
  if (controls + unreadable > Math.max(8, text.length / 100)) {
    invalid(`This is binary data, not a Fountain screenplay: it contains ${controls + unreadable} control or unreadable characters.`);
  }
  if (unreadable > 0) {
    invalid(`Line ${lineOf(text.indexOf('\uFFFD'))}: a character could not be read, so the file is not UTF-8 text. Save the script as UTF-8 and import it again.`);
  }
}

/**
 * Removes boneyard `/* … *\/` and notes `[[ … ]]`, which may span lines, and drops the lines that
 * held nothing else, keeping each remaining line's number. Throws, naming the line, when one is
 * never closed (a note also ends at an empty line, which the syntax does not allow inside one).
 */
function stripComments(raw: string[]): { lines: Line[]; commented: boolean } {
  const out: Line[] = [];
  let commented = false;
  let open: { kind: 'boneyard' | 'note'; line: number } | null = null;
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i];
    if (open?.kind === 'note' && line === '') invalid(`Line ${open.line}: a note [[ is never closed.`);
    let text = '';
    const startsInside = open !== null;
    let touched = startsInside;
    let pos = 0;
    while (pos < line.length) {
      if (open) {
        const end = line.indexOf(open.kind === 'boneyard' ? '*/' : ']]', pos);
        if (end < 0) break;
        open = null;
        pos = end + 2;
        // Keep one space where "an /* inline */ comment" was.
        if (/[ \t]$/.test(text)) while (line[pos] === ' ' || line[pos] === '\t') pos++;
        continue;
      }
      const bone = line.indexOf('/*', pos);
      const note = line.indexOf('[[', pos);
      const at = bone < 0 ? note : note < 0 ? bone : Math.min(bone, note);
      if (at < 0) {
        text += line.slice(pos);
        break;
      }
      text += line.slice(pos, at);
      open = { kind: at === bone ? 'boneyard' : 'note', line: i + 1 };
      touched = commented = true;
      pos = at + 2;
    }
    if (!touched) out.push({ no: i + 1, text });
    else if (text.trim() !== '') out.push({ no: i + 1, text: startsInside ? text.trim() : text.trimEnd() });
  }
  if (open) invalid(`Line ${open.line}: ${open.kind === 'boneyard' ? 'a boneyard comment /*' : 'a note [['} is never closed.`);
  return { lines: out, commented };
}

/**
 * Reads the title page: `Key: value` lines at the very top, values possibly indented on the lines
 * below, ending at the first empty line (or a line that is neither). Only a known key may open it, so a script that starts
 * with "CUT TO:" has no title page.
 */
function readTitlePage(lines: Line[]): { title: string | null; bodyStart: number; found: boolean } {
  let i = 0;
  while (i < lines.length && lines[i].text.trim() === '') i++;
  if (i === lines.length || !TITLE_PAGE_START.test(lines[i].text)) return { title: null, bodyStart: 0, found: false };
  const values = new Map<string, string[]>();
  let key = '';
  for (; i < lines.length && lines[i].text.trim() !== ''; i++) {
    const text = lines[i].text;
    const indented = /^[\t ]/.test(text);
    const pair = indented ? null : TITLE_PAGE_KEY.exec(text);
    if (!pair && !indented) break;
    if (pair) {
      key = pair[1].trim().toLowerCase();
      values.set(key, []);
    }
    const value = (pair ? pair[2] : text).trim();
    if (value) values.get(key)?.push(value);
  }
  const title = stripEmphasis((values.get('title') ?? []).join(' '));
  return { title: title || null, bodyStart: i, found: true };
}

/** Removes *, ** and _ emphasis markers and their escapes, leaving words like SNAKE_CASE alone. */
function stripEmphasis(text: string): string {
  return text
    .replace(/(?<![\\\p{L}\p{N}])[*_]+|(?<!\\)[*_]+(?![\p{L}\p{N}])/gu, '')
    .replace(/\\([*_])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The number and upper-cased text of a heading line (already known to be one). */
function readHeading(line: string): { number: string | null; heading: string } {
  const text = FORCED_HEADING.test(line) ? line.slice(1) : line;
  const match = SCENE_NUMBER.exec(text);
  return {
    number: match ? match[1] : null,
    heading: (match ? text.slice(0, match.index) : text).trim().toUpperCase(),
  };
}

/**
 * The normalised character of a cue line, or null when the line is not a cue: a cue is forced with
 * `@`, or is upper case (extensions in parentheses aside) with at least one letter. A line that
 * reads like a heading, or ends with a colon like CUT TO: and FADE IN:, is never a cue.
 */
function cueName(line: string): string | null {
  if (line.startsWith('@')) return normalizeCue(line) || null;
  if (/^[!.>~=#]/.test(line) || PREFIXED_HEADING.test(line) || line.endsWith(':')) return null;
  const bare = line.replace(/\([^)]*(?:\)|$)/g, '').replace(/\^\s*$/, '');
  if (!/\p{L}/u.test(bare) || /\p{Ll}/u.test(bare)) return null;
  return normalizeCue(line) || null;
}

/** Closes a scene: its excerpt with runs of empty lines collapsed and the ends trimmed, its cast in cue order. */
function finishScene(scene: OpenScene): ParsedScene {
  const body: string[] = [];
  for (const line of scene.body) if (line !== '' || (body.length > 0 && body[body.length - 1] !== '')) body.push(line);
  while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
  return { number: scene.number, heading: scene.heading, excerpt: body.join('\n'), characters: [...scene.cast], line: scene.line };
}

/** One element of a scene's Fountain text, in reading order. */
export type FountainElement =
  | { type: 'heading'; text: string }
  | { type: 'action'; text: string }
  | { type: 'transition'; text: string }
  /** A character cue as written (extensions included); `speaker` is its normalised name. */
  | { type: 'character'; text: string; speaker: string }
  | { type: 'parenthetical'; text: string }
  | { type: 'dialogue'; text: string }
  /** Closes the speech a `character` opened. */
  | { type: 'dialogue_end' };

/**
 * Reads Fountain text (a scene's excerpt, perhaps with its heading) into elements: headings, action
 * paragraphs, transitions and speeches (cue, parentheticals, lines). Notes, boneyard, sections,
 * synopses and page breaks are left out; lyrics (~) read as the lines they are part of, centred
 * text and forced action (!) as action. Never throws: a note or boneyard left open ends the text.
 */
export function readElements(text: string): FountainElement[] {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let lines: Line[];
  try {
    lines = stripComments(raw).lines;
  } catch {
    const cut = raw
      .join('\n')
      .replace(/\/\*[\s\S]*?(?:\*\/|$)|\[\[[\s\S]*?(?:\]\]|$)/g, '')
      .split('\n');
    lines = cut.map((t, i) => ({ no: i + 1, text: t }));
  }
  const out: FountainElement[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push({ type: 'action', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const rawLine = lines[i].text;
    const t = rawLine.trim();
    const prevBlank = i === 0 || lines[i - 1].text.trim() === '';
    const nextBlank = i + 1 === lines.length || lines[i + 1].text.trim() === '';
    if (t === '') {
      flush();
      continue;
    }
    if (/^(?:={3,}|#|=(?!=))/.test(t)) {
      flush();
      continue;
    }
    if (prevBlank && nextBlank && (FORCED_HEADING.test(t) || PREFIXED_HEADING.test(t))) {
      flush();
      out.push({ type: 'heading', text: readHeading(t).heading });
      continue;
    }
    if (prevBlank && nextBlank && ((t.startsWith('>') && !t.endsWith('<')) || /^[^\p{Ll}]*TO:$/u.test(t))) {
      flush();
      out.push({ type: 'transition', text: t.replace(/^>\s*/, '') });
      continue;
    }
    const speaker = prevBlank && !nextBlank ? cueName(t) : null;
    if (speaker !== null) {
      flush();
      out.push({ type: 'character', text: t, speaker });
      let speech: string[] = [];
      const say = () => {
        if (speech.length > 0) out.push({ type: 'dialogue', text: speech.join('\n') });
        speech = [];
      };
      // The speech runs to the next empty line; a line of two spaces keeps it going.
      for (i = i + 1; i < lines.length; i++) {
        const line = lines[i].text;
        if (line.trim() === '' && !/^ {2,}$/.test(line)) break;
        const said = line.trim().replace(/^~\s*/, '');
        if (/^\(.*\)$/.test(said)) {
          say();
          out.push({ type: 'parenthetical', text: said });
        } else speech.push(said);
      }
      say();
      out.push({ type: 'dialogue_end' });
      continue;
    }
    const centred = /^>.*<$/.test(t) ? t.slice(1, -1).trim() : null;
    paragraph.push(centred ?? (t.startsWith('!') ? rawLine.trimEnd().replace(/^\s*!/, '') : t.startsWith('~') ? t.replace(/^~\s*/, '') : rawLine.trimEnd()));
  }
  flush();
  return out;
}

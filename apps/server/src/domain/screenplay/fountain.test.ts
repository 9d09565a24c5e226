import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { normalizeCue, parseFountain, readElements, type ParsedScreenplay } from './fountain.ts';

// The Fountain project's published samples and Stu Maschwitz's "Brick & Steel", kept outside the repository.
const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(import.meta.dirname, '../../../../../../shared/fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, 'fountain', name), 'utf8');
/** A sample of one element has no scene heading of its own: give it one to read its cues and excerpt. */
const inScene = (name: string) => parseFountain(`INT. TEST - DAY\n\n${fixture(name)}`);
const headings = (script: ParsedScreenplay) => script.scenes.map((s) => (s.number ? `${s.heading} #${s.number}` : s.heading));
const casts = (script: ParsedScreenplay) => script.scenes.map((s) => s.characters);

const NO_HEADINGS = /^No scene headings found: a Fountain scene starts with INT\., EXT\., EST\., INT\.\/EXT\., I\/E or a forced heading/;

function refusal(text: string): DomainError {
  try {
    parseFountain(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('screenplay.invalid');
    expect((e as DomainError).field).toBe('file');
    return e as DomainError;
  }
  throw new Error('expected the import to be refused');
}

describe('normalizeCue', () => {
  it.each([
    ['ADAM', 'ADAM'],
    ['EVE (O.S.)', 'EVE'],
    ["EVE (cont'd)", 'EVE'],
    ["EVE (CONT'D)", 'EVE'],
    ['EVE (CONT’D)', 'EVE'],
    ['MAN (V.O.)', 'MAN'],
    ['MAN (V.O.) (CONT’D)', 'MAN'],
    ['BRICK ^', 'BRICK'],
    ['EVE^', 'EVE'],
    ['@McDUCK', 'MCDUCK'],
    ['@McDUCK (O.S.) ^', 'MCDUCK'],
    ['\t\t\tHANDSOME   MAN  ', 'HANDSOME MAN'],
    ['R2D2', 'R2D2'],
  ])('%j is %j', (cue, name) => {
    expect(normalizeCue(cue)).toBe(name);
  });
});

describe('the complete samples', () => {
  it('reads Simple.fountain: a title page, three scenes and one speaking character', () => {
    const script = parseFountain(fixture('Simple.fountain'));
    expect(script.title).toBe('A Simple Script');
    // FADE IN: comes before the first heading; the lower-case heading reads in capitals; the period forces the third.
    expect(headings(script)).toEqual(['INT. OFFICE - MORNING', 'EXT. HOUSE - DAY', 'FORCED SCENE HEADING']);
    expect(script.scenes.map((s) => s.line)).toEqual([8, 18, 42]);
    expect(script.scenes.map((s) => s.number)).toEqual([null, null, null]);
    expect(casts(script)).toEqual([['MAN'], [], []]);
    expect(script.characters).toEqual(['MAN']);

    const [office, house, forced] = script.scenes.map((s) => s.excerpt);
    expect(office.startsWith('A MAN')).toBe(true);
    expect(office).toContain('(V.O.)');
    expect(office).not.toContain('===');
    // The note, synopsis, boneyard and section lines are gone; the action under the sections stays.
    expect(house).not.toMatch(/\[\[|\]\]|^=|\/\*|\*\/|boneyard|^#/m);
    expect(house.split('\n\n')).toHaveLength(5);
    expect(forced.startsWith('...')).toBe(true);
    expect(forced).not.toMatch(/\[\[|\/\*/);
    expect(forced.endsWith('CUT TO: ')).toBe(true);
  });

  it('reads brick-and-steel.fountain: eight scenes, two of them forced, and seven speaking characters', () => {
    const script = parseFountain(fixture('brick-and-steel.fountain'));
    expect(script.title).toBe('BRICK & STEEL FULL RETIRED');
    expect(headings(script)).toEqual([
      "EXT. BRICK'S PATIO - DAY",
      'INT. TRAILER HOME - DAY',
      "EXT. BRICK'S POOL - DAY",
      'SNIPER SCOPE POV',
      'OPENING TITLES',
      'EXT. WOODEN SHACK - DAY',
      'INT. GARAGE - DAY',
      'EXT. PALATIAL MANSION - DAY',
    ]);
    expect(casts(script)).toEqual([['STEEL', 'BRICK'], ['JACK', 'DAN'], ['STEEL'], ['STEEL'], [], ['COGNITO', 'STEEL'], ['BRICK', 'STEEL'], ['MINION', 'HANDSOME MAN']]);
    expect(script.characters).toEqual(['STEEL', 'BRICK', 'JACK', 'DAN', 'COGNITO', 'MINION', 'HANDSOME MAN']);
    expect(script.scenes[0].line).toBe(13);
    for (const scene of script.scenes) expect(scene.excerpt).not.toContain('\r');
    expect(script.scenes[0].excerpt.endsWith('SMASH CUT TO:')).toBe(true);
    expect(script.scenes[4].excerpt.startsWith('> BRICK BRADDOCK <')).toBe(true);
  });

  it.each(['Simple.fountain', 'brick-and-steel.fountain', 'SceneHeaders.fountain', 'SceneNumbers.fountain', 'Sections-Complex.fountain'])(
    'points each scene of %s at the line of its heading',
    (name) => {
      const lines = fixture(name).split(/\r\n|\r|\n/);
      for (const scene of parseFountain(fixture(name)).scenes) {
        expect(lines[scene.line - 1].trim().replace(/^\./, '').toUpperCase().startsWith(scene.heading)).toBe(true);
      }
    },
  );
});

describe('the element samples', () => {
  it('SceneHeaders: every INT/EXT/EST/I/E variant and the forced .KITCHEN; not "...", not headings without blank lines around them, not ESTABLISHING', () => {
    const script = parseFountain(fixture('SceneHeaders.fountain'));
    expect(headings(script)).toEqual([
      'INT. HOUSE - DAY',
      'EXT. HOUSE - DAY',
      'INT HOUSE DAY',
      'EXT HOUSE DAY',
      'INT/EXT. HOUSE - DAY',
      'INT./EXT. HOUSE - DAY',
      'I/E. HOUSE - DAY',
      'I./E. HOUSE - DAY',
      'I/E HOUSE DAY',
      'INT - HOUSE - DAY',
      'EXT - HOUSE - DAY',
      'EST. HOUSE - DAY',
      'EST HOUSE DAY',
      'INT. HOUSE - DAY (1979)',
      'KITCHEN',
      'INT. HOUSE - DAY',
    ]);
    // The two headings written back to back are action of the KITCHEN scene, not a cue and its dialogue.
    expect(script.characters).toEqual([]);
    expect(script.scenes[14].excerpt.split('\n')).toHaveLength(6);
  });

  it('SceneNumbers: the number between # signs, as written, apart from the heading', () => {
    const script = parseFountain(fixture('SceneNumbers.fountain'));
    expect(script.scenes.map((s) => s.number)).toEqual(['1', '1A', '1a', 'A1', 'I-1-A', '1.', '110A']);
    expect(script.scenes.map((s) => s.heading)).toEqual([...Array(6).fill('INT. HOUSE - DAY'), 'INT. HOUSE - DAY - FLASHBACK (1944)']);
  });

  it('Sections-Complex: two scenes; acts, sequences and synopses are not scenes and not excerpt', () => {
    const script = parseFountain(fixture('Sections-Complex.fountain'));
    expect(headings(script)).toEqual(['INT. LOCATION - DAY', 'INT. LOCATION - DAY']);
    expect(script.scenes.map((s) => s.line)).toEqual([4, 9]);
    expect(script.scenes.map((s) => s.excerpt)).toEqual(['', '']);
  });

  it.each([
    'SectionHeaders.fountain',
    'Synopses.fountain',
    'Boneyard.fountain',
    'Notes.fountain',
    'PageBreaks.fountain',
    'Transitions.fountain',
    'CenteredText.fountain',
    'DualDialogue.fountain',
    'Dialogue.fountain',
    'ForcedElements.fountain',
  ])('%s is Fountain without a scene: the import says so', (name) => {
    expect(refusal(fixture(name)).message).toMatch(NO_HEADINGS);
  });

  it.each([
    ['SectionHeaders.fountain', []],
    ['Synopses.fountain', []],
    ['Boneyard.fountain', []],
    ['Notes.fountain', []],
    ['PageBreaks.fountain', []],
    ['Transitions.fountain', []],
    ['CenteredText.fountain', []],
    ['MultilineAction.fountain', []],
    ['DualDialogue.fountain', ['ADAM', 'EVE']],
    ['ForcedElements.fountain', ['MCDUCK', 'SINGER']],
    ['Dialogue.fountain', ['ADAM', 'EVE', 'R2D2']],
    ['Indenting.fountain', ['BRICK', 'STEEL']],
  ])('%s inside a scene: speaking characters %j and no other scene', (name, characters) => {
    const script = inScene(name);
    const own = name === 'Indenting.fountain' ? ['INT. TEST - DAY', 'INT. GARAGE - DAY'] : ['INT. TEST - DAY'];
    expect(headings(script)).toEqual(own);
    expect(script.characters).toEqual(characters);
  });

  it('Dialogue: extensions, (cont’d), ^ and indentation name no new character; "23" is no cue; two spaces keep dialogue going', () => {
    const [scene] = inScene('Dialogue.fountain').scenes;
    expect(scene.characters).toEqual(['ADAM', 'EVE', 'R2D2']);
    expect(scene.excerpt).toMatch(/\n {2}\n/);
  });

  it('Boneyard and Notes: what is inside /* */ and [[ ]] never reaches the excerpt, inline ones included', () => {
    const bone = inScene('Boneyard.fountain').scenes[0].excerpt;
    expect(bone).not.toMatch(/\/\*|\*\/|inline|multi-line|internal/);
    expect(bone.split('\n')).toHaveLength(3);
    expect(bone).not.toContain('  ');
    const notes = inScene('Notes.fountain').scenes[0].excerpt;
    expect(notes).not.toMatch(/\[\[|\]\]|A note|spans|internal/);
    expect(notes.split('\n')).toHaveLength(3);
  });

  it('MultilineAction: an upper-case line inside an action paragraph is no cue, and a file of plain prose is not Fountain', () => {
    expect(inScene('MultilineAction.fountain').scenes[0].characters).toEqual([]);
    expect(refusal(fixture('MultilineAction.fountain')).message).toMatch(/^This does not look like a Fountain screenplay: found 6 lines of plain text/);
  });
});

describe('scripts written for these tests', () => {
  it('imports a dialogue block that opens with a lyric line', () => {
    const script = parseFountain('EXT. STAGE - NIGHT\n\nMARGO\n~Row, row, row your boat\n~gently down the stream\n\nThe crowd claps.\n');
    expect(script.characters).toEqual(['MARGO']);
    expect(script.scenes[0].excerpt).toBe('MARGO\n~Row, row, row your boat\n~gently down the stream\n\nThe crowd claps.');
  });

  it('keeps transitions, centred text and lyrics; drops page breaks, sections, synopses and notes; one empty line between paragraphs', () => {
    const text = [
      'INT. HALL - DAY #4#',
      '',
      '= The hall empties.',
      '',
      'Chairs stack [[check the count]] up.',
      '',
      '[[a note',
      'on two lines]]',
      '',
      '===',
      '',
      '# Act Two',
      '',
      '> INTERVAL <',
      '',
      'CUT TO:',
      '',
      '.THE YARD',
      '',
      'Rain.',
    ].join('\n');
    const script = parseFountain(text);
    expect(headings(script)).toEqual(['INT. HALL - DAY #4', 'THE YARD']);
    expect(script.scenes[0].excerpt).toBe('Chairs stack up.\n\n> INTERVAL <\n\nCUT TO:');
    expect(script.scenes[1]).toMatchObject({ line: 18, excerpt: 'Rain.' });
  });

  it('reads a title page with the title on indented lines and emphasis, and never takes it for a scene', () => {
    const text = 'Title:\n    **_THE LONG_**\n    *NIGHT*\nAuthor: Ana Lu\n\nEXT. ROAD - NIGHT\n\nA car.\n';
    const script = parseFountain(text);
    expect(script.title).toBe('THE LONG NIGHT');
    expect(headings(script)).toEqual(['EXT. ROAD - NIGHT']);
    expect(parseFountain('EXT. ROAD - NIGHT\n\nA car.').title).toBeNull();
  });

  it('counts cues before the first heading among the characters, not in any scene', () => {
    const script = parseFountain('NARRATOR (V.O.)\nOnce.\n\nINT. ROOM - DAY\n\n@deVito\nHi.\n\nNARRATOR (V.O.)\nTwice.\n');
    expect(script.characters).toEqual(['NARRATOR', 'DEVITO']);
    expect(script.scenes[0].characters).toEqual(['DEVITO', 'NARRATOR']);
  });

  it('takes no line ending with a colon for a cue, such as FADE IN: over the opening action', () => {
    expect(parseFountain('FADE IN:\nA sunny morning.\n\nINT. A - DAY\n\nB.').characters).toEqual([]);
  });

  it('reads CR-only and CRLF line endings and a byte-order mark', () => {
    const script = parseFountain('\uFEFFINT. A - DAY\r\rBOB\rHi.\r\r\nEXT. B - DAY\r\n\r\nEnd.');
    expect(headings(script)).toEqual(['INT. A - DAY', 'EXT. B - DAY']);
    expect(script.scenes.map((s) => s.line)).toEqual([1, 6]);
    expect(script.characters).toEqual(['BOB']);
  });
});

describe('what is refused, and nothing else', () => {
  it.each([
    ['', /^The file is empty\.$/],
    ['  \n\n\t\n', /^The file is empty\.$/],
    ['INT. A - DAY\n\nBOB\x00\x01\x02', /^This is binary data, not a Fountain screenplay: it contains NUL bytes \(the first on line 3\)\.$/],
    ['\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10 almost nothing else', /^This is binary data.*11 control or unreadable characters/],
    ['%PDF-1.7\n%âãÏÓ\n1 0 obj', /^This is a PDF document, not a Fountain screenplay\./],
    ['<?xml version="1.0"?>\n<FinalDraft DocumentType="Script">', /^This is a Final Draft \(\.fdx\) file, not a Fountain screenplay\./],
    ['PK\x03\x04 word/document.xml', /^This is a ZIP archive/],
    ['{\\rtf1\\ansi INT. A - DAY}', /^This is an RTF document/],
    ['Dear producer,\nplease find attached.\n', /^This does not look like a Fountain screenplay: found 2 lines of plain text but no scene heading/],
    ['BOB\nHello.\n\nCUT TO:\n', NO_HEADINGS],
    ['FADE IN:\nINT. HOUSE - DAY\n\nAction.', /Line 2 looks like one, but a heading needs an empty line before and after it\.$/],
    ['INT. A - DAY\n\nAction.\n\n/* cut from here\n\nEXT. B - DAY\n\nMore.', /^Line 5: a boneyard comment \/\* is never closed\.$/],
    ['INT. A - DAY\n\nA [[note that\n\ngoes on.', /^Line 3: a note \[\[ is never closed\.$/],
    ['INT. A - DAY\n\nA [[note that never ends', /^Line 3: a note \[\[ is never closed\.$/],
    ['INT. A - DAY\n\nCaf\uFFFD au lait.', /^Line 3: a character could not be read, so the file is not UTF-8 text\./],
  ])('refuses %j', (text, message) => {
    expect(refusal(text).message).toMatch(message);
  });

  it('imports a closed boneyard that spans empty lines, and a note with a two-space line', () => {
    const script = parseFountain('INT. A - DAY\n\n/*\n\nold\n\n*/\n\nA [[long\n  \nnote]] line.\n');
    expect(script.scenes[0].excerpt).toBe('A\nline.');
  });
});

describe('the scene cap', () => {
  const scenes = (n: number) => Array.from({ length: n }, (_, i) => `EXT. FIELD ${i + 1} - NIGHT\n\nWind.\n`).join('\n');

  it('reads 5,000 scenes', () => {
    expect(parseFountain(scenes(5000)).scenes).toHaveLength(5000);
  });

  it('refuses 5,001 scenes, naming the count and the cap', () => {
    expect(refusal(scenes(5001)).message).toBe('This screenplay has 5,001 scenes; Backlot imports at most 5,000 at once. Split it into parts and import each.');
  });
});

describe('readElements', () => {
  it('reads a scene into action paragraphs, speeches with parentheticals, lyrics and transitions', () => {
    const text = [
      'INT. DINER - NIGHT',
      '',
      'Rain on the glass. MARA counts coins.',
      'She has nine.',
      '',
      'MARA (V.O.)',
      '(quietly)',
      'Not enough.',
      'Never enough.',
      '',
      'OTTO',
      '~Sing it again',
      '',
      '[[a note]]',
      '!LOUD NOISE',
      '',
      '> Centre <',
      '',
      'CUT TO:',
    ].join('\n');
    expect(readElements(text)).toEqual([
      { type: 'heading', text: 'INT. DINER - NIGHT' },
      { type: 'action', text: 'Rain on the glass. MARA counts coins.\nShe has nine.' },
      { type: 'character', text: 'MARA (V.O.)', speaker: 'MARA' },
      { type: 'parenthetical', text: '(quietly)' },
      { type: 'dialogue', text: 'Not enough.\nNever enough.' },
      { type: 'dialogue_end' },
      { type: 'character', text: 'OTTO', speaker: 'OTTO' },
      { type: 'dialogue', text: 'Sing it again' },
      { type: 'dialogue_end' },
      { type: 'action', text: 'LOUD NOISE' },
      { type: 'action', text: 'Centre' },
      { type: 'transition', text: 'CUT TO:' },
    ]);
  });

  it('never throws on a note left open: the text ends there', () => {
    expect(readElements('A door opens. [[unfinished\n\nMore.')).toEqual([{ type: 'action', text: 'A door opens.' }]);
  });
});

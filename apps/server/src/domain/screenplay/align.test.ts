import { describe, expect, it } from 'vitest';
import { alignScenes, sceneSimilarity } from './align.ts';
import { parseFountain } from './fountain.ts';
import { planImport, type ExistingScene } from './reimport.ts';

const scene = (heading: string, excerpt: string) => ({ heading, excerpt });

describe('alignScenes', () => {
  it('pairs a scene whose heading changed with what it was, and leaves a cut scene and a new one unpaired', () => {
    const older = [
      scene('INT. KITCHEN - DAY', 'Mara pours coffee and reads the letter twice.'),
      scene('EXT. HARBOUR - NIGHT', 'Fog rolls over the boats. A bell rings somewhere.'),
      scene('INT. OFFICE - DAY', 'Otto types with two fingers, swearing softly.'),
    ];
    const newer = [
      scene('INT. KITCHEN - DAY', 'Mara pours coffee and reads the letter twice.'),
      scene('EXT. LIGHTHOUSE - NIGHT', 'A keeper climbs the stairs with a lantern.'),
      scene('EXT. PIER - NIGHT', 'Fog rolls over the boats. A bell rings somewhere.'),
    ];
    // Kitchen with kitchen, harbour with pier (same text, new heading); the lighthouse is new, the office cut.
    expect(alignScenes(older, newer)).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });

  it('a scene moved elsewhere in the script still pairs with itself', () => {
    const a = scene('INT. ATTIC - DAY', 'Dust everywhere. A trunk with a brass lock.');
    const b = scene('EXT. ROAD - DAY', 'A truck passes, then another, then nothing.');
    const c = scene('INT. CELLAR - NIGHT', 'Water drips. Someone has been here before.');
    expect(alignScenes([a, b, c], [c, a, b])).toEqual([
      [2, 0],
      [0, 1],
      [1, 2],
    ]);
  });

  it('two headings alike only in INT. and DAY are different scenes', () => {
    expect(sceneSimilarity(scene('EXT. FIELD - DAY', ''), scene('EXT. YARD - DAY', ''))).toBe(0);
    expect(sceneSimilarity(scene('EXT. FIELD - DAY', ''), scene('EXT. FIELD - NIGHT', ''))).toBe(1);
  });
});

// --- a generated feature-length script ----------------------------------------------------------

/** A small deterministic generator, so the script is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const PLACES = [
  'KITCHEN',
  'HARBOUR',
  'STATION HALL',
  'GREENHOUSE',
  'ROOFTOP',
  'BUS DEPOT',
  'LIBRARY',
  'CLOCK TOWER',
  'FERRY DECK',
  'MARKET',
  'WORKSHOP',
  'HOSPITAL CORRIDOR',
  'TUNNEL',
  'ORCHARD',
  'MOTEL ROOM',
  'RADIO BOOTH',
];
const PEOPLE = ['MARA', 'OTTO', 'JUNE', 'FELIX', 'INES', 'BRUNO'];
const NOUNS = ['lamp', 'ledger', 'kettle', 'bicycle', 'map', 'crate', 'window', 'ticket', 'radio', 'coat', 'key', 'bucket', 'photograph', 'ladder', 'glove', 'clock'];
const VERBS = ['lifts', 'studies', 'drops', 'hides', 'polishes', 'pockets', 'kicks', 'opens', 'counts', 'folds', 'repairs', 'ignores'];
const MOODS = ['slowly', 'in silence', 'with a grin', 'nervously', 'as if late', 'without looking', 'twice', 'carefully'];

function generateScript(scenes: number): string {
  const next = random(20261206);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const sentence = () => `${pick(PEOPLE).charAt(0)}${pick(PEOPLE).slice(1).toLowerCase()} ${pick(VERBS)} the ${pick(NOUNS)} ${pick(MOODS)}.`;
  const out: string[] = ['Title: The Ninth Ferry', ''];
  for (let i = 0; i < scenes; i++) {
    out.push(`${next() < 0.6 ? 'INT.' : 'EXT.'} ${pick(PLACES)} - ${next() < 0.5 ? 'DAY' : 'NIGHT'}`, '');
    out.push([sentence(), sentence(), sentence()].join(' '), '');
    for (let line = 0; line < 3; line++) out.push(pick(PEOPLE), `The ${pick(NOUNS)} ${pick(VERBS)} nothing, scene ${i + 1}, line ${line + 1}.`, '');
  }
  return out.join('\n');
}

/** The lines of scene `n` (1-based) of the generated script: heading, action, dialogue, up to the next heading. */
function sceneLines(lines: string[], n: number): { heading: number; action: number; end: number } {
  const headings = lines.flatMap((l, i) => (/^(INT|EXT)\. /.test(l) ? [i] : []));
  return { heading: headings[n - 1], action: headings[n - 1] + 2, end: headings[n] ?? lines.length };
}

describe('re-importing a revised feature-length script without scene numbers', () => {
  it('names exactly the three scenes edited: one heading, one action, one removed', () => {
    const first = generateScript(110);
    const firstPlan = planImport([], parseFountain(first));
    expect(firstPlan.add).toHaveLength(110);
    const project: ExistingScene[] = firstPlan.add.map((a, i) => ({ id: `s${i + 1}`, omitted: false, origin: 'imported', ...a }));

    const lines = first.split('\n');
    lines[sceneLines(lines, 17).heading] = 'EXT. ABANDONED OBSERVATORY - DAWN';
    lines[sceneLines(lines, 58).action] = 'Rain hammers the skylight. Nobody moves until the power returns.';
    const cut = sceneLines(lines, 83);
    lines.splice(cut.heading, cut.end - cut.heading);

    const plan = planImport(project, parseFountain(lines.join('\n')));
    expect(plan.add).toEqual([]);
    expect(plan.update.map((u) => [u.number, u.parts])).toEqual([
      ['17', ['heading']],
      ['58', ['action']],
    ]);
    expect(plan.update[0].heading).toBe('EXT. ABANDONED OBSERVATORY - DAWN');
    expect(plan.omit.map((o) => [o.id, o.number])).toEqual([['s83', '83']]);
    expect(plan.unchanged).toHaveLength(107);
  });
});

/** Rule-based coverage, checked the way a first AD reads a shot list: master first, a single per speaker, inserts for named props. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoverageDraft } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { draftCoverage, type CoverageScene } from './coverage.rules.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(REPO, '../shared/fixtures');

/** Cuts a Fountain script into scenes at each heading, as the screenplay import stores them. */
function scenesOf(script: string): CoverageScene[] {
  const scenes: { heading: string; lines: string[] }[] = [];
  for (const line of script.split('\n')) {
    const t = line.trim();
    if (/^(INT|EXT|EST|INT\.?\/EXT|I\/E)[. ]/i.test(t) || /^\.[A-Z]/.test(t)) scenes.push({ heading: t, lines: [line] });
    else scenes.at(-1)?.lines.push(line);
  }
  return scenes.map((s, i) => ({ number: String(i + 1), heading: s.heading, beat: '', excerpt: s.lines.join('\n'), characters: [] }));
}

function scene(heading: string, body: string, characters: string[] = [], beat = ''): CoverageScene {
  return { number: '1', heading, beat, excerpt: `${heading}\n\n${body}`, characters };
}

const labels = (drafts: CoverageDraft[]) => drafts.map((d) => d.label);
const inserts = (drafts: CoverageDraft[]) => drafts.filter((d) => d.label.startsWith('Insert — ')).map((d) => d.label.slice('Insert — '.length));

/** What every draft must carry to be useful on the day. */
function expectComplete(drafts: CoverageDraft[]) {
  for (const d of drafts) {
    expect(CoverageDraft.parse(d)).toEqual(d);
    expect(d.label.trim(), d.label).not.toBe('');
    expect(d.reason.trim(), d.label).not.toBe('');
    expect(d.plan.job.trim(), d.label).not.toBe('');
    expect(d.plan.subjectAction.trim(), d.label).not.toBe('');
    expect(d.plan.environment.trim(), d.label).not.toBe('');
    expect(d.plan.camera.size, d.label).not.toBeNull();
    expect(d.plan.camera.movement, d.label).not.toBeNull();
    expect(d.plan.reviewCriteria.length, d.label).toBeGreaterThanOrEqual(1);
    expect(d.plan.targetFrames).toBeNull();
  }
}

describe('coverage drafted from scenes written for the test', () => {
  const warehouse = scene(
    'INT. WAREHOUSE - NIGHT',
    [
      'Rain hammers the roof. A CROWBAR lies by the loading DOOR. HANS GRUBER, elegant, waits with a pistol.',
      '',
      '@McCLANE (V.O.)',
      'Come out and play.',
      '',
      'HANS',
      '(smiling)',
      'I think not.',
      '',
      "McCLANE (CONT'D)",
      'Suit yourself.',
      '',
      'HANS ^',
      'Suit yourself.',
    ].join('\n'),
    ['HANS'],
    'Hans learns McClane is inside.',
  );

  it('opens an interior on a master, then a two-shot, singles, an OTS pair and inserts, in that order', () => {
    const drafts = draftCoverage(warehouse);
    expect(labels(drafts)).toEqual([
      'Master — INT. WAREHOUSE - NIGHT',
      'Two-shot — HANS and MCCLANE',
      'Single — HANS',
      'Single — MCCLANE',
      'OTS — HANS over MCCLANE',
      'OTS — MCCLANE over HANS',
      'Insert — CROWBAR',
      'Insert — DOOR',
      'Insert — PISTOL',
    ]);
    expect(drafts[0].plan.camera.size).toMatch(/^(MWS|WS)$/);
    expect(drafts[0].plan.environment).toBe('Interior: WAREHOUSE, night');
    expect(drafts[0].plan.scenePurpose).toBe('Hans learns McClane is inside.');
    expectComplete(drafts);
  });

  it("normalises cue extensions, so a (V.O.), (CONT'D), ^ or @ speaker is still one character", () => {
    const singles = labels(draftCoverage(warehouse)).filter((l) => l.startsWith('Single'));
    expect(singles).toEqual(['Single — HANS', 'Single — MCCLANE']);
  });

  it('frames singles close and OTS over the shoulder, with criteria a script supervisor checks', () => {
    const drafts = draftCoverage(warehouse);
    const single = drafts.find((d) => d.label === 'Single — HANS')!;
    expect(['MCU', 'CU']).toContain(single.plan.camera.size);
    expect(single.plan.subjectAction).toContain('(smiling) “I think not.”');
    const ots = drafts.find((d) => d.label === 'OTS — HANS over MCCLANE')!;
    expect(ots.plan.camera.angle).toBe('over-the-shoulder');
    expect(ots.plan.reviewCriteria).toContain('eyeline matches the reverse');
    expect(drafts.find((d) => d.label.startsWith('Two-shot'))!.plan.reviewCriteria).toContain('both faces readable');
    for (const d of drafts.filter((x) => x.label.startsWith('Insert'))) expect(d.plan.camera.size).toBe('INSERT');
  });

  it('opens an exterior on an establishing shot', () => {
    const drafts = draftCoverage(scene('EXT. HARBOUR - DAWN', 'Fog over the water. A FERRY HORN sounds.'));
    expect(labels(drafts)).toEqual(['Establishing — EXT. HARBOUR - DAWN', 'Insert — FERRY HORN']);
    expect(['EWS', 'WS']).toContain(drafts[0].plan.camera.size);
    expect(drafts[0].plan.environment).toBe('Exterior: HARBOUR, dawn');
  });

  it('gives one character alone a master and a close single, but no two-shot and no OTS', () => {
    const drafts = draftCoverage(scene('INT. KITCHEN - NIGHT', 'She sits alone.\n\nMAYA\nNobody is coming.', ['MAYA']));
    expect(labels(drafts)).toEqual(['Master — INT. KITCHEN - NIGHT', 'Single — MAYA']);
    expect(drafts[1].plan.camera.size).toBe('CU');
    expectComplete(drafts);
  });

  it('drafts a master alone for an empty room', () => {
    const drafts = draftCoverage(scene('INT. HALLWAY - DAY', 'Nobody. Dust in the light.'));
    expect(labels(drafts)).toEqual(['Master — INT. HALLWAY - DAY']);
    expectComplete(drafts);
  });

  it('holds a two-shot when two characters share the scene even if only one speaks, and gives the silent one no single', () => {
    const drafts = draftCoverage(scene('INT. CAR - NIGHT', 'RUTH drives. SAM watches the road.\n\nRUTH\nSay something.', ['RUTH', 'SAM']));
    expect(labels(drafts)).toEqual(['Master — INT. CAR - NIGHT', 'Two-shot — RUTH and SAM', 'Single — RUTH']);
  });

  it('pairs OTS only for characters who trade lines', () => {
    const body = ['ANA', 'Ready?', '', 'BEN', 'Ready.', '', 'ANA', 'Go.', '', 'CY', 'Wait for me!'].join('\n');
    const ots = labels(draftCoverage(scene('INT. LAB - DAY', body))).filter((l) => l.startsWith('OTS'));
    expect(ots).toEqual(['OTS — ANA over BEN', 'OTS — BEN over ANA', 'OTS — ANA over CY', 'OTS — CY over ANA']);
  });

  it('never makes a character an insert, even one named like a thing or introduced in capitals', () => {
    const body = ['The JUDGE bangs the GAVEL. An EXTREMELY HANDSOME MAN, the defendant, smiles. THE BOY BAND files in.', '', 'JUDGE', 'Order!', '', 'HANDSOME MAN', 'Make me.'].join('\n');
    const drafts = draftCoverage(scene('INT. COURTROOM - DAY', body));
    expect(inserts(drafts)).toEqual(['GAVEL']);
  });

  it('reads a prop after a possessive or an article, but not a capitalised sound or verb', () => {
    const body = "Steel SMACKS him. A GUNSHOT rings out. Mom's PORSCHE waits. Glass is SHATTERED everywhere. She grabs her phone.";
    expect(inserts(draftCoverage(scene('INT. GARAGE - DAY', body)))).toEqual(['GUNSHOT', 'PORSCHE', 'PHONE']);
  });

  it('is deterministic: the same scene, read again from a fresh copy, drafts the same list', () => {
    const expected = [
      ['Master — INT. WAREHOUSE - NIGHT', 'Interior: WAREHOUSE, night'],
      ['Two-shot — HANS and MCCLANE', 'Interior: WAREHOUSE, night'],
      ['Single — HANS', 'Interior: WAREHOUSE, night'],
      ['Single — MCCLANE', 'Interior: WAREHOUSE, night'],
      ['OTS — HANS over MCCLANE', 'Interior: WAREHOUSE, night'],
      ['OTS — MCCLANE over HANS', 'Interior: WAREHOUSE, night'],
      ['Insert — CROWBAR', 'Interior: WAREHOUSE, night'],
      ['Insert — DOOR', 'Interior: WAREHOUSE, night'],
      ['Insert — PISTOL', 'Interior: WAREHOUSE, night'],
    ];
    for (let run = 0; run < 3; run++) {
      const drafts = draftCoverage(structuredClone(warehouse));
      expect(drafts.map((d) => [d.label, d.plan.environment])).toEqual(expected);
      expect(drafts.filter((d) => d.label.startsWith('Insert')).map((d) => d.plan.camera.size)).toEqual(['INSERT', 'INSERT', 'INSERT']);
    }
  });
});

/**
 * The sample script's scenes as a first AD reads them, written by hand from the script: the shot
 * each opens on (an exterior establishes, anything else opens on a master), who speaks, and the
 * props its action names, in the order named (the beer they drink, the phone Steel is on, the
 * sniper's scope). The `.SNIPER SCOPE POV` and `.OPENING TITLES` headings are forced scenes of
 * their own, named without Fountain's dot.
 */
const SAMPLE_SCENES: [heading: string, opening: 'Establishing' | 'Master', speakers: string[], props: string[]][] = [
  ["EXT. BRICK'S PATIO - DAY", 'Establishing', ['BRICK', 'STEEL'], ['SCREEN DOOR', 'BEERS']],
  ['INT. TRAILER HOME - DAY', 'Master', ['DAN', 'JACK'], ['BEER', 'MONEY', 'DRUGS']],
  ["EXT. BRICK'S POOL - DAY", 'Establishing', ['STEEL'], ['PHONE']],
  ['.SNIPER SCOPE POV', 'Master', ['STEEL'], ['SCOPE']],
  ['.OPENING TITLES', 'Master', [], []],
  ['EXT. WOODEN SHACK - DAY', 'Establishing', ['COGNITO', 'STEEL'], []],
  ['INT. GARAGE - DAY', 'Master', ['BRICK', 'STEEL'], ['PORSCHE']],
  ['EXT. PALATIAL MANSION - DAY', 'Establishing', ['HANDSOME MAN', 'MINION'], ['BEER']],
];

describe('coverage drafted from the sample script Brick & Steel', () => {
  const path = resolve(FIXTURES, 'fountain/brick-and-steel.fountain');
  const scenes = scenesOf(readFileSync(path, 'utf8'));

  it('finds the sample script and cuts it into its scenes', () => {
    expect(existsSync(path), `${path} (set BACKLOT_FIXTURES_DIR to the fixtures folder)`).toBe(true);
    expect(scenes.map((s) => s.heading)).toEqual(SAMPLE_SCENES.map(([heading]) => heading));
  });

  it('covers the patio scene as a first AD would', () => {
    const drafts = draftCoverage({ ...scenes[0], characters: ['BRICK', 'STEEL'], beat: 'Retirement is boring.' });
    expect(labels(drafts)).toEqual([
      "Establishing — EXT. BRICK'S PATIO - DAY",
      'Two-shot — BRICK and STEEL',
      'Single — BRICK',
      'Single — STEEL',
      'OTS — BRICK over STEEL',
      'OTS — STEEL over BRICK',
      'Insert — SCREEN DOOR',
      'Insert — BEERS',
    ]);
    expect(drafts.find((d) => d.label === 'Insert — SCREEN DOOR')!.plan.subjectAction).toMatch(/^The SCREEN DOOR slides open/);
    expect(drafts.find((d) => d.label === 'Single — STEEL')!.plan.subjectAction).toContain("“Beer's ready!”");
    expectComplete(drafts);
  });

  it.each(SAMPLE_SCENES)('%s: opens on %s, a two-shot iff two characters speak, a single per speaker, the props named as inserts', (heading, opening, speakers, props) => {
    const drafts = draftCoverage(scenes.find((s) => s.heading === heading)!);
    expect(drafts[0].label).toBe(`${opening} — ${heading.replace(/^\./, '')}`);
    const singles = labels(drafts)
      .filter((l) => l.startsWith('Single — '))
      .map((l) => l.slice('Single — '.length));
    expect(singles.sort()).toEqual([...speakers].sort());
    expect(drafts.some((d) => d.label.startsWith('Two-shot'))).toBe(speakers.length >= 2);
    expect(inserts(drafts)).toEqual(props);
    expectComplete(drafts);
  });

  it('makes the props the action names into inserts', () => {
    const byHeading = new Map(scenes.map((s) => [s.heading, draftCoverage(s)]));
    expect(inserts(byHeading.get('INT. GARAGE - DAY')!)).toContain('PORSCHE');
    expect(inserts(byHeading.get('INT. TRAILER HOME - DAY')!)).toEqual(expect.arrayContaining(['MONEY', 'DRUGS']));
    expect(inserts(byHeading.get('EXT. WOODEN SHACK - DAY')!)).toEqual([]);
  });

  it('gives a character who is present but silent a place in the two-shot and wide, not a single', () => {
    const shack = scenes.find((s) => s.heading === 'EXT. WOODEN SHACK - DAY')!;
    const drafts = draftCoverage({ ...shack, characters: ['COGNITO', 'BRICK', 'STEEL'] });
    expect(labels(drafts)).not.toContain('Single — BRICK');
    expect(drafts[0].plan.subjectAction).toContain('BRICK');
    expect(inserts(drafts)).toEqual([]);
  });
});

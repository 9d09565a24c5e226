/** Rule-based coverage: drafts a scene's shot list the way a first AD blocks it. Drafts are suggestions to accept, edit or drop. */
import type { Camera, CoverageDraft, ShotPlan } from '@backlot/contracts';
import { readScene, type CoverageScene, type Prop, type SceneReading, type Speech } from './coverage.scene.ts';

export type { CoverageScene } from './coverage.scene.ts';

const MAX_QUOTE = 160;
const MAX_ACTION = 400;

/** Cuts text at a word boundary with an ellipsis. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Ends a sentence with a full stop unless it already ends in punctuation or a closing quote. */
function sentence(text: string): string {
  return /[.!?…”"]$/.test(text) ? text : `${text}.`;
}

function quote(line: string): string {
  return `“${clip(line, MAX_QUOTE)}”`;
}

/** "BRICK", "BRICK and STEEL", "BRICK, STEEL and COGNITO". */
function names(list: string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function camera(c: Partial<Camera>): Camera {
  return { size: null, angle: null, height: null, movement: null, lensFeel: null, pace: null, ...c };
}

/** The heading as plain words for a plan's environment: "Exterior: BRICK'S PATIO, day". */
function environmentOf(reading: SceneReading): string {
  const { setting, location, time } = reading.heading;
  const where = setting === 'interior' ? 'Interior' : setting === 'exterior' ? 'Exterior' : setting === 'both' ? 'Interior and exterior' : null;
  const when = time ? `, ${time.toLowerCase()}` : '';
  return where ? `${where}: ${location}${when}` : `${location}${when}`;
}

function scenePurposeOf(scene: CoverageScene, reading: SceneReading): string {
  const beat = scene.beat.trim();
  if (beat) return clip(beat, 2000);
  const opening = reading.action[0] ? ` — ${clip(reading.action[0].replace(/\n/g, ' '), MAX_ACTION)}` : '';
  return `Scene ${scene.number}: ${reading.heading.text}${opening}`;
}

/** A complete plan from the parts each kind of shot decides. */
function planOf(base: Pick<ShotPlan, 'scenePurpose' | 'environment'>, parts: { job: string; subjectAction: string; camera: Camera; mustNotDrift: string[]; reviewCriteria: string[] }): ShotPlan {
  return {
    scenePurpose: base.scenePurpose,
    job: parts.job,
    subjectAction: clip(parts.subjectAction, 2000),
    camera: parts.camera,
    environment: base.environment,
    constraints: { mustNotAppear: [], mustNotDrift: parts.mustNotDrift },
    reviewCriteria: parts.reviewCriteria,
    targetFrames: null,
    aspect: null,
  };
}

function speechesOf(reading: SceneReading, speaker: string): Speech[] {
  return reading.speeches.filter((s) => s.speaker === speaker);
}

/** "STEEL (beer raised): “To retirement.”", or the first and last lines when there are several. */
function linesOf(speeches: Speech[]): string {
  const say = (s: Speech) => `${s.parenthetical ? `(${s.parenthetical}) ` : ''}${quote(s.line)}`;
  if (speeches.length === 0) return 'reacts';
  if (speeches.length === 1) return `says ${say(speeches[0])}`;
  return `speaks ${speeches.length} times, from ${say(speeches[0])} to ${say(speeches[speeches.length - 1])}`;
}

function wide(scene: CoverageScene, reading: SceneReading, base: Pick<ShotPlan, 'scenePurpose' | 'environment'>): CoverageDraft {
  const { heading, characters } = reading;
  const action = reading.action.length ? clip(reading.action.join(' ').replace(/\n/g, ' '), MAX_ACTION) : `The whole of scene ${scene.number}.`;
  const who = characters.length ? `${names(characters)} in ${heading.location}` : heading.location;
  const continuity = [...characters.map((c) => `${c}'s look and wardrobe`), `${heading.location} layout`];
  const all = characters.length === 1 ? '' : characters.length === 2 ? ' both' : ' all';
  const everyone = characters.length ? [`${names(characters)}${all} visible and placed as the action says`] : [];
  if (heading.setting === 'exterior' || heading.setting === 'both') {
    return {
      label: `Establishing — ${heading.text}`,
      reason: `An exterior: open on the place before the people, wide enough to double as the master the editor can always cut back to.`,
      plan: planOf(base, {
        job: `Establish ${heading.location}${heading.time ? ` by ${heading.time.toLowerCase()}` : ''} and play the scene wide as its master.`,
        subjectAction: `${who}. ${action}`,
        camera: camera({ size: characters.length ? 'WS' : 'EWS', angle: 'eye-level', height: 'eye', movement: 'static', lensFeel: 'wide', pace: 'slow' }),
        mustNotDrift: continuity,
        reviewCriteria: [`reads at once as ${heading.location}${heading.time ? `, ${heading.time.toLowerCase()}` : ''}`, ...everyone, 'geography is clear: where everyone stands and enters'],
      }),
    };
  }
  return {
    label: `Master — ${heading.text}`,
    reason: 'Every scene needs a master: the whole action in one setup, the safety the editor can always cut back to.',
    plan: planOf(base, {
      job: `Master: play the whole scene in one wide setup so every line and move is covered.`,
      subjectAction: `${who}. ${action}`,
      camera: camera({ size: characters.length > 2 || characters.length === 0 ? 'WS' : 'MWS', angle: 'eye-level', height: 'eye', movement: 'static', lensFeel: 'wide', pace: 'measured' }),
      mustNotDrift: continuity,
      reviewCriteria: [...everyone, 'the whole action plays without a cut', 'screen direction is set for the coverage that follows'],
    }),
  };
}

/** The pair a two-shot holds: the first pair who talk, else the first two characters. */
function twoShot(reading: SceneReading, base: Pick<ShotPlan, 'scenePurpose' | 'environment'>): CoverageDraft {
  const [a, b] = reading.conversations[0] ?? [reading.characters[0], reading.characters[1]];
  const shared = reading.action.flatMap((p) => p.split(/(?<=[.!?])\s+/)).find((s) => /\b(they|each other|together|both)\b/i.test(s));
  const others = reading.characters.length > 2 ? ` The scene has ${reading.characters.length} characters; ${a} and ${b} carry it.` : '';
  return {
    label: `Two-shot — ${a} and ${b}`,
    reason: `${a} and ${b} share the scene; a two-shot keeps their reactions to each other in one frame.${others}`,
    plan: planOf(base, {
      job: `Hold ${a} and ${b} together so the relationship and the reactions read without a cut.`,
      subjectAction: `${a} and ${b} together in frame.${shared ? ` ${clip(shared.replace(/\n/g, ' '), MAX_ACTION)}` : ''}`,
      camera: camera({ size: 'MS', angle: 'eye-level', height: 'eye', movement: 'static', lensFeel: 'normal', pace: 'measured' }),
      mustNotDrift: [`${a}'s look and wardrobe`, `${b}'s look and wardrobe`],
      reviewCriteria: ['both faces readable', `${a} and ${b} keep the screen sides the master set`],
    }),
  };
}

function single(reading: SceneReading, speaker: string, base: Pick<ShotPlan, 'scenePurpose' | 'environment'>): CoverageDraft {
  const lines = speechesOf(reading, speaker);
  const alone = reading.speakers.length === 1;
  return {
    label: `Single — ${speaker}`,
    reason: alone
      ? `${speaker} carries the scene's dialogue alone; a close single is where the performance lives.`
      : `${speaker} speaks (${lines.length} ${lines.length === 1 ? 'line' : 'lines'}); the edit needs a clean single for every speaking part.`,
    plan: planOf(base, {
      job: `Cover ${speaker}'s lines and reactions close enough to read the face.`,
      subjectAction: sentence(`${speaker} ${linesOf(lines)}`),
      camera: camera({ size: alone ? 'CU' : 'MCU', angle: 'eye-level', height: 'eye', movement: 'static', lensFeel: 'long', pace: 'measured' }),
      mustNotDrift: [`${speaker}'s face, hair and wardrobe`],
      reviewCriteria: [`${speaker}'s face readable and in focus`, alone ? 'the look matches the wider shots' : 'eyeline matches the reverse'],
    }),
  };
}

/** An over-the-shoulder onto `on`, past `over`'s shoulder. */
function overTheShoulder(reading: SceneReading, on: string, over: string, base: Pick<ShotPlan, 'scenePurpose' | 'environment'>): CoverageDraft {
  return {
    label: `OTS — ${on} over ${over}`,
    reason: `${on} and ${over} trade lines; an over-the-shoulder pair keeps both eyelines and the geography across the cut.`,
    plan: planOf(base, {
      job: `Cover ${on}'s side of the exchange with ${over}, framed past ${over}'s shoulder.`,
      subjectAction: sentence(`${on}, seen over ${over}'s shoulder, ${linesOf(speechesOf(reading, on))}`),
      camera: camera({ size: 'MCU', angle: 'over-the-shoulder', height: 'shoulder', movement: 'static', lensFeel: 'long', pace: 'measured' }),
      mustNotDrift: [`${on}'s face, hair and wardrobe`, `${over}'s shoulder and wardrobe`],
      reviewCriteria: [`${on} in focus, ${over}'s shoulder soft at the edge of frame`, 'eyeline matches the reverse', 'screen direction holds across the pair (180° line)'],
    }),
  };
}

function insert(prop: Prop, base: Pick<ShotPlan, 'scenePurpose' | 'environment'>): CoverageDraft {
  return {
    label: `Insert — ${prop.name}`,
    reason: prop.emphasised
      ? `The writer capitalised ${prop.name} in the action; a prop flagged like that gets its own insert.`
      : `The action calls for ${prop.name.toLowerCase()}; an insert lets the editor show it plainly.`,
    plan: planOf(base, {
      job: `Show ${prop.name} clearly enough that nobody misses it.`,
      subjectAction: clip(prop.sentence, MAX_ACTION),
      // A common hand prop is small: look down on it close. A capitalised one may be a door or a car: keep the lens long.
      camera: prop.emphasised
        ? camera({ size: 'INSERT', angle: 'eye-level', height: 'eye', movement: 'static', lensFeel: 'long', pace: 'brisk' })
        : camera({ size: 'INSERT', angle: 'high', height: 'waist', movement: 'static', lensFeel: 'macro', pace: 'brisk' }),
      mustNotDrift: [`${prop.name}: the same look as in the wider shots`],
      reviewCriteria: [`${prop.name} is unmistakable and in focus`, 'matches the wider shots in look and position'],
    }),
  };
}

/**
 * Drafts coverage for a scene: an establishing shot (exteriors) or a master, a two-shot when
 * two or more characters share the scene, a single for each speaker and an over-the-shoulder
 * pair for each two who trade lines, then inserts for props the action names. Deterministic.
 */
export function draftCoverage(scene: CoverageScene): CoverageDraft[] {
  const reading = readScene(scene);
  const base = { scenePurpose: scenePurposeOf(scene, reading), environment: environmentOf(reading) };
  const drafts: CoverageDraft[] = [wide(scene, reading, base)];
  if (reading.characters.length >= 2) drafts.push(twoShot(reading, base));
  for (const speaker of reading.speakers) drafts.push(single(reading, speaker, base));
  for (const [a, b] of reading.conversations) {
    drafts.push(overTheShoulder(reading, a, b, base), overTheShoulder(reading, b, a, base));
  }
  for (const prop of reading.props) drafts.push(insert(prop, base));
  return drafts;
}

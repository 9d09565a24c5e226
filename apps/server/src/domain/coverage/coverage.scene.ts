/** Reads a scene's Fountain excerpt into what coverage needs: where it is, who speaks to whom, which props the action names. */
import { normalizeCue, readElements } from '../screenplay/fountain.ts';

/** A scene as the coverage drafter sees it; `excerpt` is the scene's Fountain text. */
export interface CoverageScene {
  number: string;
  heading: string;
  beat: string;
  excerpt: string;
  characters: string[];
}

/** A scene heading taken apart: INT/EXT, the location and the time of day. */
export interface SceneHeading {
  /** The heading as a crew would say it, without a forced-heading dot or a scene number. */
  text: string;
  setting: 'interior' | 'exterior' | 'both' | null;
  location: string;
  time: string | null;
}

/** One speech: who said it (as a normalised name), any parenthetical, and the words. */
export interface Speech {
  speaker: string;
  parenthetical: string | null;
  line: string;
}

/** A prop worth an insert, with the action sentence that names it. */
export interface Prop {
  name: string;
  sentence: string;
  /** True when the writer capitalised it in the action. */
  emphasised: boolean;
}

/** Everything the drafter reads out of a scene. */
export interface SceneReading {
  heading: SceneHeading;
  /** Action paragraphs, with emphasis marks and notes removed. */
  action: string[];
  speeches: Speech[];
  /** Characters present, in the order the scene first mentions them. */
  characters: string[];
  /** Speaking characters, in the same order. */
  speakers: string[];
  /** Pairs who trade lines, each in character order. */
  conversations: [string, string][];
  props: Prop[];
}

const MAX_PROPS = 6;

/** Props a first AD would insert even when the writer did not capitalise them. Unambiguous nouns only. */
const COMMON_PROPS = [
  'gun',
  'pistol',
  'revolver',
  'rifle',
  'shotgun',
  'knife',
  'phone',
  'cellphone',
  'letter',
  'photograph',
  'photo',
  'keys',
  'wallet',
  'briefcase',
  'envelope',
  'bottle',
  'cigarette',
  'lighter',
  'badge',
  'money',
  'cash',
  'drugs',
  'laptop',
  'scope',
  'beer',
  'beers',
  'suitcase',
  'syringe',
  'newspaper',
  'map',
  'ring',
  'necklace',
  'camera',
];
/** Capitalised words that name people, so a capitalised "THE BOY BAND" is never taken for a prop. */
const PEOPLE_WORDS = new Set([
  'MAN',
  'MEN',
  'WOMAN',
  'WOMEN',
  'BOY',
  'BOYS',
  'GIRL',
  'GIRLS',
  'KID',
  'KIDS',
  'CHILD',
  'BABY',
  'GUY',
  'GUYS',
  'LADY',
  'COP',
  'COPS',
  'OFFICER',
  'GUARD',
  'GUARDS',
  'WAITER',
  'WAITRESS',
  'DRIVER',
  'DOCTOR',
  'NURSE',
  'SOLDIER',
  'SOLDIERS',
  'AGENT',
  'AGENTS',
  'BAND',
  'GANG',
  'CROWD',
  'MOB',
  'MINION',
  'MINIONS',
  'THUG',
  'THUGS',
  'DETECTIVE',
  'SNIPER',
  'BARTENDER',
  'CLERK',
  'MOM',
  'DAD',
  'MOTHER',
  'FATHER',
  'PARTNER',
  'BOSS',
  'STRANGER',
  'VOICE',
  'EVERYONE',
]);
/** Capitalised words that are screenplay shorthand, not things on set. */
const SHORTHAND = new Set(['AKA', 'POV', 'OK', 'INT', 'EXT', 'VO', 'OS', 'OC', "CONT'D", 'DAY', 'NIGHT', 'TV', 'THE', 'AND', 'OF']);
const DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'my', 'your', 'our', 'this', 'that', 'these', 'those', 'some', 'two', 'three', 'another']);

/** Strips Fountain emphasis, notes and extra spaces from a run of text. */
export function cleanText(text: string): string {
  return text
    .replace(/\[\[[\s\S]*?\]\]/g, '')
    .replace(/[*_]+/g, '')
    .replace(/\\/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** Takes a heading such as "EXT. BRICK'S PATIO - DAY" apart. */
export function readHeading(raw: string): SceneHeading {
  const text = raw
    .trim()
    .replace(/^\.(?=[A-Za-z0-9])/, '')
    .replace(/\s*#[^#]*#\s*$/, '')
    .replace(/\s+/g, ' ');
  const m = /^(INT\.?\/EXT|EXT\.?\/INT|I\/E|INT|EXT|EST)(?:\.|\s)\s*(.*)$/i.exec(text);
  const prefix = m ? m[1].toUpperCase() : null;
  const setting = prefix === null ? null : prefix === 'INT' ? 'interior' : prefix === 'EXT' || prefix === 'EST' ? 'exterior' : 'both';
  const rest = m ? m[2] : text;
  const dash = rest.lastIndexOf(' - ');
  const location = (dash >= 0 ? rest.slice(0, dash) : rest).trim();
  const time = dash >= 0 ? rest.slice(dash + 3).trim() || null : null;
  return { text, setting, location: location || text, time };
}

/** Splits a paragraph into sentences, keeping each sentence's end mark. */
function sentencesOf(paragraph: string): string[] {
  return paragraph
    .replace(/\n/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z"“(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function wordsOf(name: string): string[] {
  return name
    .toUpperCase()
    .split(/[^A-Z0-9']+/)
    .filter(Boolean);
}

/** True when one word list appears inside the other, in order and side by side. */
function overlaps(a: string[], b: string[]): boolean {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (short.length === 0) return false;
  for (let i = 0; i + short.length <= long.length; i++) {
    if (short.every((w, j) => long[i + j] === w)) return true;
  }
  return false;
}

/** True when a name could be one of the characters ("BRICK BRADDOCK" is BRICK, "HANDSOME MAN" is inside "EXTREMELY HANDSOME MAN"). */
function isCharacter(name: string, characters: string[]): boolean {
  const words = wordsOf(name).map((w) => w.replace(/'S$/, ''));
  return characters.some((c) => overlaps(words, wordsOf(c)));
}

/** The key two spellings of a prop share: upper case, no plural s. */
function propKey(name: string): string {
  return name.toUpperCase().replace(/S$/, '');
}

/** Capitalised runs in an action sentence that read as things: after a determiner or a possessive, not people, not verbs. */
function capitalisedProps(sentence: string): string[] {
  const found: string[] = [];
  const re = /\b[A-Z][A-Z0-9'’-]*[A-Z0-9](?:\s+[A-Z][A-Z0-9'’-]*[A-Z0-9])*\b/g;
  for (const m of sentence.matchAll(re)) {
    let words = m[0].split(/\s+/);
    // "BRICK'S GUN": the owner is not the prop.
    const owner = words.findLastIndex((w) => /['’]S$/.test(w));
    if (owner >= 0) words = words.slice(owner + 1);
    while (words.length && SHORTHAND.has(words[0])) words = words.slice(1);
    if (words.length === 0 || words.every((w) => SHORTHAND.has(w))) continue;
    if (words.some((w) => PEOPLE_WORDS.has(w))) continue;
    if (words.length === 1 && /(ED|ING)$/.test(words[0])) continue;
    const before = sentence.slice(0, m.index);
    if (owner < 0 && !followsDeterminer(before)) continue;
    found.push(words.join(' '));
  }
  return found;
}

/** True when the text just before a word ends in a determiner ("the", "his") or a possessive ("Mom's"), perhaps with up to two lower-case adjectives between. */
function followsDeterminer(before: string): boolean {
  const tail = before.split(/[,;:!?—()"“”]|\.(?!\d)/).pop() ?? '';
  const words = tail.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  const last = words[words.length - 1];
  if (/['’]s$/i.test(last)) return true;
  return words.slice(-3).some((w, i, ws) => DETERMINERS.has(w.toLowerCase()) && ws.slice(i + 1).every((x) => /^[a-z0-9.-]+$/.test(x)));
}

/** Props named in the action: capitalised things first (the writer flagged them), then common prop words; never a character. */
function findProps(action: string[], characters: string[]): Prop[] {
  const sentences = action.flatMap(sentencesOf);
  const seen = new Set<string>();
  const emphasised: Prop[] = [];
  const common: Prop[] = [];
  const add = (list: Prop[], name: string, sentence: string, isEmphasised: boolean) => {
    const key = propKey(name);
    if (seen.has(key) || isCharacter(name, characters)) return;
    seen.add(key);
    list.push({ name, sentence, emphasised: isEmphasised });
  };
  for (const sentence of sentences) {
    for (const name of capitalisedProps(sentence)) add(emphasised, name, sentence, true);
  }
  const words = new RegExp(`\\b(${COMMON_PROPS.join('|')})\\b`, 'gi');
  for (const sentence of sentences) {
    for (const m of sentence.matchAll(words)) add(common, m[1].toUpperCase(), sentence, false);
  }
  return [...emphasised, ...common].slice(0, MAX_PROPS);
}

/** Where a name is first mentioned in the scene text, for ordering characters as the script meets them. */
function firstMention(name: string, text: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`(?<![A-Za-z])${escaped}(?![A-Za-z])`, 'i').exec(text)?.index;
  return at ?? Number.MAX_SAFE_INTEGER;
}

/** Reads a scene's excerpt; a heading in the excerpt is used only when the scene has none. */
export function readScene(scene: CoverageScene): SceneReading {
  const elements = readElements(scene.excerpt);
  const excerptHeading = elements.find((e) => e.type === 'heading')?.text ?? '';
  const heading = readHeading(scene.heading.trim() || excerptHeading);
  const action: string[] = [];
  const speeches: Speech[] = [];
  let speaker: string | null = null;
  let parenthetical: string | null = null;
  for (const e of elements) {
    if (e.type === 'dialogue_end') {
      speaker = null;
      continue;
    }
    const text = cleanText(e.text);
    if (e.type === 'action' && text) action.push(text);
    else if (e.type === 'character') {
      speaker = e.speaker || null;
      parenthetical = null;
    } else if (e.type === 'parenthetical') parenthetical = text.replace(/^\(|\)$/g, '') || null;
    else if (e.type === 'dialogue' && speaker && text) {
      speeches.push({ speaker, parenthetical, line: text.replace(/\n/g, ' ') });
      parenthetical = null;
    }
  }

  const named = scene.characters.map((c) => normalizeCue(c)).filter(Boolean);
  const all = [...new Set([...named, ...speeches.map((s) => s.speaker)])];
  const plain = cleanText(scene.excerpt);
  const order = new Map(all.map((c, i) => [c, i]));
  const characters = all.toSorted((a, b) => firstMention(a, plain) - firstMention(b, plain) || order.get(a)! - order.get(b)!);
  const speakers = characters.filter((c) => speeches.some((s) => s.speaker === c));

  const pairs = new Map<string, [string, string]>();
  for (let i = 1; i < speeches.length; i++) {
    const a = speeches[i - 1].speaker;
    const b = speeches[i].speaker;
    if (a === b) continue;
    const pair = (characters.indexOf(a) < characters.indexOf(b) ? [a, b] : [b, a]) as [string, string];
    pairs.set(pair.join('\u0000'), pair);
  }
  const conversations = [...pairs.values()].toSorted((p, q) => characters.indexOf(p[0]) - characters.indexOf(q[0]) || characters.indexOf(p[1]) - characters.indexOf(q[1]));

  return { heading, action, speeches, characters, speakers, conversations, props: findProps(action, characters) };
}

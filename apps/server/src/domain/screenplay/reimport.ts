/** Merges a parsed screenplay draft into a project's scenes: what to add, change, leave alone and mark omitted. */
import { DomainError } from '../errors.ts';
import { alignScenes } from './align.ts';
import { readElements, type ParsedScene, type ParsedScreenplay } from './fountain.ts';
import { insertedSceneNumber } from './scene-numbers.ts';

/** Where a scene came from: a screenplay import, or added by hand in Backlot. */
export type SceneOrigin = 'imported' | 'manual';

/** A scene already in the project, as the merge needs it. */
export interface ExistingScene {
  id: string;
  number: string;
  heading: string;
  excerpt: string;
  characters: string[];
  omitted: boolean;
  position: number;
  /** Absent means imported. */
  origin?: SceneOrigin;
}

/** The fields an import may change on a scene. */
export type SceneChanges = Partial<{ number: string; heading: string; excerpt: string; characters: string[]; omitted: boolean }>;

/** What changed in a scene as a reader of the script sees it. */
export type ScenePart = 'number' | 'heading' | 'action' | 'dialogue' | 'text' | 'restored';

/** How an import treats numbers: `locked` keeps every number and letters new scenes (50A). */
export interface ImportOptions {
  locked?: boolean;
}

/**
 * What an import does. Every scene of the project ends up in exactly one list with its new
 * position (0, 1, 2, … without gaps), so the caller can write positions for all of them.
 */
export interface ImportPlan {
  add: { number: string; heading: string; excerpt: string; characters: string[]; position: number }[];
  update: { id: string; number: string; heading: string; position: number; changes: SceneChanges; fields: string[]; parts: ScenePart[] }[];
  /** Scenes whose content is as in the draft, scenes omitted before that stay omitted, and scenes added by hand the draft does not have; only the position may differ. */
  unchanged: { id: string; number: string; heading: string; position: number }[];
  /** Imported scenes the draft no longer has: mark them omitted, never delete them. */
  omit: { id: string; number: string; heading: string; position: number }[];
}

/**
 * Plans the import of a draft into existing scenes. A draft scene matches the project's scene with
 * the same number; the others are paired by aligning the old and new running orders on heading and
 * text together (see align.ts), so an edited heading is a change, not a new scene and a cut one.
 * A draft scene without a number keeps the number of the scene it matches. A new one takes the next
 * whole number after the highest in the project and the draft, in script order; with numbering
 * locked it takes a lettered number after the scene before it (50A), and a draft that would
 * renumber a scene is refused (`scene.numbers_locked`).
 * Positions follow the draft; a scene the draft no longer has stays right after the kept scene
 * that preceded it (or first, when none did), so an omitted scene keeps its place in the running
 * order as in a shooting script. A scene added by hand that the draft does not have stays as it
 * is: a re-import never omits it. Throws `screenplay.invalid` when the draft uses a number twice.
 */
export function planImport(existing: ExistingScene[], parsed: ParsedScreenplay, options: ImportOptions = {}): ImportPlan {
  assertUniqueNumbers(parsed.scenes);
  const ordered = [...existing].sort((a, b) => a.position - b.position);
  const match = matchScenes(ordered, parsed.scenes);
  const matchedIds = new Set([...match.values()].map((scene) => scene.id));

  // Each scene the draft lost follows the last kept scene before it in the old order.
  const lostAfter = new Map<string | null, ExistingScene[]>();
  let anchor: string | null = null;
  for (const scene of ordered) {
    if (matchedIds.has(scene.id)) anchor = scene.id;
    else pushTo(lostAfter, anchor, scene);
  }

  // The new running order: each entry is an existing scene (kept or lost) or a draft scene to add.
  type Entry = { scene: ExistingScene; draft?: ParsedScene } | { scene?: undefined; draft: ParsedScene };
  const order: Entry[] = [];
  const placeLost = (after: string | null) => {
    for (const scene of lostAfter.get(after) ?? []) order.push({ scene });
  };
  placeLost(null);
  parsed.scenes.forEach((draft, index) => {
    const scene = match.get(index);
    order.push(scene ? { scene, draft } : { draft });
    if (scene) placeLost(scene.id);
  });

  const taken = new Set<string>([...ordered.map((s) => s.number), ...parsed.scenes.flatMap((s) => (s.number === null ? [] : [s.number]))]);
  let highest = [...taken].reduce((max, number) => Math.max(max, leadingNumber(number)), 0);
  const plan: ImportPlan = { add: [], update: [], unchanged: [], omit: [] };
  let previous: string | null = null;
  order.forEach((entry, position) => {
    const { scene, draft } = entry;
    if (!scene) {
      let number = draft.number;
      if (number === null) {
        if (options.locked) {
          const next = order.slice(position + 1).find((e) => e.scene || e.draft?.number);
          const following = next?.draft?.number ?? next?.scene?.number ?? null;
          number = insertedSceneNumber(previous, following, taken);
        } else number = String(++highest);
        taken.add(number);
      }
      plan.add.push({ number, heading: draft.heading, excerpt: draft.excerpt, characters: draft.characters, position });
      previous = number;
      return;
    }
    previous = scene.number;
    const entryOf = (number: string, heading: string) => ({ id: scene.id, number, heading, position });
    if (!draft) {
      (scene.omitted || scene.origin === 'manual' ? plan.unchanged : plan.omit).push(entryOf(scene.number, scene.heading));
      return;
    }
    const number = draft.number ?? scene.number;
    if (options.locked && number !== scene.number) {
      throw new DomainError(
        'scene.numbers_locked',
        `Line ${draft.line}: scene ${scene.number} is numbered ${number} in this draft, but scene numbering is locked. Keep the number ${scene.number} (or remove it), or unlock numbering first.`,
        'file',
      );
    }
    previous = number;
    const changes = diffScene(scene, { ...draft, number });
    const fields = Object.keys(changes);
    if (fields.length > 0) plan.update.push({ ...entryOf(number, draft.heading), changes, fields, parts: partsOf(scene, changes) });
    else plan.unchanged.push(entryOf(number, draft.heading));
  });
  return plan;
}

/** Pairs draft scenes (by index) with existing ones: by number first, then by aligning what is left in order. */
function matchScenes(ordered: ExistingScene[], drafts: ParsedScene[]): Map<number, ExistingScene> {
  const match = new Map<number, ExistingScene>();
  const taken = new Set<string>();
  const byNumber = new Map<string, ExistingScene>();
  for (const scene of ordered) if (!byNumber.has(scene.number)) byNumber.set(scene.number, scene);
  drafts.forEach((draft, index) => {
    const scene = draft.number === null ? undefined : byNumber.get(draft.number);
    if (scene && !taken.has(scene.id)) {
      match.set(index, scene);
      taken.add(scene.id);
    }
  });

  const older = ordered.filter((scene) => !taken.has(scene.id));
  const newer = drafts.map((draft, index) => ({ draft, index })).filter(({ index }) => !match.has(index));
  for (const [i, j] of alignScenes(
    older,
    newer.map((n) => n.draft),
  ))
    match.set(newer[j].index, older[i]);
  return match;
}

/** The fields whose draft value differs from the stored scene; a returning omitted scene comes back. */
function diffScene(scene: ExistingScene, draft: ParsedScene & { number: string }): SceneChanges {
  const changes: SceneChanges = {};
  if (draft.number !== scene.number) changes.number = draft.number;
  if (draft.heading !== scene.heading) changes.heading = draft.heading;
  if (draft.excerpt !== scene.excerpt) changes.excerpt = draft.excerpt;
  const sameCast = draft.characters.length === scene.characters.length && draft.characters.every((c, i) => c === scene.characters[i]);
  if (!sameCast) changes.characters = draft.characters;
  if (scene.omitted) changes.omitted = false;
  return changes;
}

/** What a reader would say changed: the heading, the action, the dialogue (or only layout: text). */
export function partsOf(scene: Pick<ExistingScene, 'excerpt'>, changes: SceneChanges): ScenePart[] {
  const parts: ScenePart[] = [];
  if (changes.number !== undefined) parts.push('number');
  if (changes.heading !== undefined) parts.push('heading');
  if (changes.excerpt !== undefined) {
    const before = readParts(scene.excerpt);
    const after = readParts(changes.excerpt);
    if (before.action !== after.action) parts.push('action');
    if (before.dialogue !== after.dialogue) parts.push('dialogue');
    if (before.action === after.action && before.dialogue === after.dialogue) parts.push('text');
  }
  if (changes.omitted === false) parts.push('restored');
  return parts;
}

/** A scene's action and its dialogue, each as one comparable string (spacing aside). */
function readParts(excerpt: string): { action: string; dialogue: string } {
  const action: string[] = [];
  const dialogue: string[] = [];
  for (const e of readElements(excerpt)) {
    if (e.type === 'dialogue_end') continue;
    const text = e.type === 'character' ? e.speaker : e.text.replace(/\s+/g, ' ').trim();
    if (e.type === 'action' || e.type === 'transition' || e.type === 'heading') action.push(text);
    else dialogue.push(`${e.type}:${text}`);
  }
  return { action: action.join('\n'), dialogue: dialogue.join('\n') };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The whole number a scene number starts with ("12A" → 12), or 0 when it starts otherwise ("A1"). */
function leadingNumber(number: string | null): number {
  const digits = number === null ? null : /^\d+/.exec(number);
  return digits ? Number(digits[0]) : 0;
}

/** Scene numbers identify scenes across drafts, so a draft may not use one twice. */
function assertUniqueNumbers(scenes: ParsedScene[]): void {
  const seen = new Map<string, ParsedScene>();
  for (const scene of scenes) {
    if (scene.number === null) continue;
    const first = seen.get(scene.number);
    if (first) {
      throw new DomainError('screenplay.invalid', `Line ${scene.line}: scene number ${scene.number} is already used on line ${first.line}. Give each scene its own number.`, 'file');
    }
    seen.set(scene.number, scene);
  }
}

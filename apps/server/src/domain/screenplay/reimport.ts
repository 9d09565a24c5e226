/** Merges a parsed screenplay draft into a project's scenes: what to add, change, leave alone and mark omitted. */
import { DomainError } from '../errors.ts';
import type { ParsedScene, ParsedScreenplay } from './fountain.ts';

/** A scene already in the project, as the merge needs it. */
export interface ExistingScene {
  id: string;
  number: string;
  heading: string;
  excerpt: string;
  characters: string[];
  omitted: boolean;
  position: number;
}

/** The fields an import may change on a scene. */
export type SceneChanges = Partial<{ number: string; heading: string; excerpt: string; characters: string[]; omitted: boolean }>;

/**
 * What an import does. Every scene of the project ends up in exactly one list with its new
 * position (0, 1, 2, … without gaps), so the caller can write positions for all of them.
 */
export interface ImportPlan {
  add: { number: string; heading: string; excerpt: string; characters: string[]; position: number }[];
  update: { id: string; number: string; heading: string; position: number; changes: SceneChanges; fields: string[] }[];
  /** Scenes whose content is as in the draft, and scenes omitted before that stay omitted; only the position may differ. */
  unchanged: { id: string; number: string; heading: string; position: number }[];
  /** Scenes the draft no longer has: mark them omitted, never delete them. */
  omit: { id: string; number: string; heading: string; position: number }[];
}

/**
 * Plans the import of a draft into existing scenes. A draft scene matches the project's scene with
 * the same number, else the first unmatched scene with the same heading (case and spacing aside),
 * in project order. A draft scene without a number keeps the number of the scene it matches; a new
 * one takes the next whole number after the highest in the project and the draft, in script order.
 * Positions follow the draft; a scene the draft no longer has stays right after the kept scene
 * that preceded it (or first, when none did), so an omitted scene keeps its place in the running
 * order as in a shooting script. Throws `screenplay.invalid` when the draft uses a number twice.
 */
export function planImport(existing: ExistingScene[], parsed: ParsedScreenplay): ImportPlan {
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

  let highest = [...ordered, ...parsed.scenes].reduce((max, scene) => Math.max(max, leadingNumber(scene.number)), 0);
  const plan: ImportPlan = { add: [], update: [], unchanged: [], omit: [] };
  let position = 0;
  const placeLost = (after: string | null) => {
    for (const scene of lostAfter.get(after) ?? []) {
      const entry = { id: scene.id, number: scene.number, heading: scene.heading, position: position++ };
      (scene.omitted ? plan.unchanged : plan.omit).push(entry);
    }
  };

  placeLost(null);
  parsed.scenes.forEach((draft, index) => {
    const scene = match.get(index);
    if (!scene) {
      const number = draft.number ?? String(++highest);
      plan.add.push({ number, heading: draft.heading, excerpt: draft.excerpt, characters: draft.characters, position: position++ });
      return;
    }
    const number = draft.number ?? scene.number;
    const changes = diffScene(scene, { ...draft, number });
    const fields = Object.keys(changes);
    const entry = { id: scene.id, number, heading: draft.heading, position: position++ };
    if (fields.length > 0) plan.update.push({ ...entry, changes, fields });
    else plan.unchanged.push(entry);
    placeLost(scene.id);
  });
  return plan;
}

/** Pairs draft scenes (by index) with existing ones: by number first, then by heading. */
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

  const byHeading = new Map<string, ExistingScene[]>();
  for (const scene of ordered) {
    if (taken.has(scene.id)) continue;
    pushTo(byHeading, headingKey(scene.heading), scene);
  }
  const next = new Map<string, number>();
  drafts.forEach((draft, index) => {
    if (match.has(index)) return;
    const key = headingKey(draft.heading);
    const candidates = byHeading.get(key);
    const at = next.get(key) ?? 0;
    if (!candidates || at >= candidates.length) return;
    match.set(index, candidates[at]);
    next.set(key, at + 1);
  });
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

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A heading compared without regard to case or runs of spaces. */
function headingKey(heading: string): string {
  return heading.trim().replace(/\s+/g, ' ').toUpperCase();
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
      throw new DomainError(
        'screenplay.invalid',
        `Line ${scene.line}: scene number ${scene.number} is already used on line ${first.line}. Give each scene its own number.`,
        'file',
      );
    }
    seen.set(scene.number, scene);
  }
}

/**
 * Names a handoff gives its clips, so an editor sees the same name in every NLE and Backlot can
 * match a returning cut by it: `PROJ_SC012_SH030_TK004` for the file and clip, and a reel of at
 * most 8 characters (CMX 3600) unique within the timeline. Pure functions, no I/O.
 */

/** What a clip's name is made of. */
export interface ClipNameParts {
  projectCode: string;
  /** The scene's number (`12`, `12A`). */
  sceneNumber: string;
  /** The shot's code (`SC012_SH030`, or whatever the crew typed: `A1`). */
  shotCode: string;
  takeNumber: number;
}

/** `SC012` for scene 12, `SC012A` for 12A; other numbers keep their letters and digits (as shot codes do). */
export function sceneCode(sceneNumber: string): string {
  const upper = sceneNumber.toUpperCase();
  const m = /^(\d+)([A-Z]*)$/.exec(upper);
  return m ? `SC${m[1].padStart(3, '0')}${m[2]}` : `SC${upper.replace(/[^A-Z0-9]/g, '')}`;
}

/** `TK004` for take 4. */
export function takeCodeOf(takeNumber: number): string {
  return `TK${String(takeNumber).padStart(3, '0')}`;
}

/** Letters, digits, `_` and `-` only: safe as a file name everywhere and in every format's text. */
function safe(part: string): string {
  return part.toUpperCase().replace(/[^A-Z0-9_-]/g, '');
}

/**
 * The predictable name of a clip and of its media file (without extension):
 * project code, the shot code (prefixed with the scene's code when the shot's code does not start
 * with it), and the take: `PROJ_SC012_SH030_TK004`.
 */
export function clipName(parts: ClipNameParts): string {
  const scene = sceneCode(parts.sceneNumber);
  const shot = safe(parts.shotCode);
  const shotPart = shot === scene || shot.startsWith(`${scene}_`) ? shot : `${scene}_${shot}`;
  return `${safe(parts.projectCode)}_${shotPart}_${takeCodeOf(parts.takeNumber)}`;
}

/** What a reel name is made of: the clip's shot code and take number. */
export interface ReelParts {
  shotCode: string;
  takeNumber: number;
}

const REEL_LENGTH = 8;
const DIGITS36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A reel name per clip, in order: at most 8 letters, digits or `_`, unique within the list.
 * The shot code without its `SC`/`SH` words and separators, then `T` and the take number
 * (`SC012_SH030` take 4 → `012030T4`); kept to its last 8 characters when longer (the shot and
 * take end the code and tell clips apart). A name already given gets its last characters replaced
 * by a count in base 36 (`012030T4` again → `012030_1`).
 */
export function reelNames(clips: readonly ReelParts[]): string[] {
  const taken = new Set<string>();
  return clips.map((c) => {
    const compact = c.shotCode
      .toUpperCase()
      .replace(/SC(?=\d)/g, '')
      .replace(/SH(?=\d)/g, '')
      .replace(/[^A-Z0-9]/g, '');
    const whole = `${compact}T${c.takeNumber}`;
    let reel = whole.slice(-REEL_LENGTH);
    for (let n = 1; taken.has(reel); n += 1) {
      const count = `_${n.toString(36).toUpperCase()}`;
      reel = `${whole.slice(-REEL_LENGTH).slice(0, REEL_LENGTH - count.length)}${count}`;
    }
    taken.add(reel);
    return reel;
  });
}

/** Whether a reel name is one CMX 3600 keeps whole: 1 to 8 letters, digits or `_`. */
export function isReelName(reel: string): boolean {
  return reel.length >= 1 && reel.length <= REEL_LENGTH && [...reel].every((ch) => ch === '_' || DIGITS36.includes(ch));
}

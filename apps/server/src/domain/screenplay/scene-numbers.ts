/**
 * Scene numbers once numbering is locked, as production offices keep them: numbers never move, a
 * scene written between 50 and 51 becomes 50A (the next one after it 50B), one written before
 * scene 1 becomes A1, and a cut scene keeps its number as "50 OMITTED".
 */

const LAST_LETTER = /[A-Y]$/;

/** The next letter of a number that ends in one: 50A → 50B. */
function bump(number: string): string {
  return number.slice(0, -1) + String.fromCharCode(number.charCodeAt(number.length - 1) + 1);
}

/**
 * The number for a scene inserted after the scene numbered `previous` (null: before every scene,
 * `following` being the first one's number, or null in an empty project) that no scene in `taken`
 * has, omitted ones included. After 50 comes 50A; after 50A, 50B. When that is taken, a letter is
 * added to the previous number (50A → 50AA, which still sorts before 50B), then the next free letter.
 */
export function insertedSceneNumber(previous: string | null, following: string | null, taken: ReadonlySet<string>): string {
  if (previous === null) {
    const core = following === null ? '1' : following.replace(/^[A-Z]+(?=\d)/, '');
    if (following === null && !taken.has(core)) return core;
    for (let code = 65; code <= 90; code++) {
      const candidate = `${String.fromCharCode(code)}${core}`;
      if (!taken.has(candidate) && candidate !== following) return candidate;
    }
    return insertedSceneNumber(`Z${core}`, following, taken);
  }
  let candidate = LAST_LETTER.test(previous) ? bump(previous) : `${previous}A`;
  if (taken.has(candidate)) candidate = `${previous}A`;
  while (taken.has(candidate)) candidate = LAST_LETTER.test(candidate) ? bump(candidate) : `${candidate}A`;
  return candidate;
}

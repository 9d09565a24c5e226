/**
 * JSON as OTIO writes it, read without losing anything: OTIO's C++ writer puts `Inf`, `-Inf`,
 * `Infinity`, `NaN` as bare words and integers of any size, which `JSON.parse` rejects or rounds.
 * Here the bare words become the numbers they name and an integer beyond 2^53 becomes a BigInt
 * holding every digit. Anything else that is not JSON is refused naming where.
 */
import { fail } from '../errors.ts';

export type OtioValue = null | boolean | number | bigint | string | OtioValue[] | { [key: string]: OtioValue };

const WORDS: Record<string, number> = { Inf: Infinity, Infinity, NaN };
/** Deeper than any timeline; a deeper document is refused rather than allowed to exhaust the stack. */
const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses OTIO JSON; throws `handoff.cut_unreadable` naming the offset and what was there. */
export function parseOtioJson(text: string): OtioValue {
  let at = 0;
  const bad = (what: string): never => fail('handoff.cut_unreadable', `The OTIO file is not JSON at character ${at}: ${what} (near "${text.slice(at, at + 20)}").`, 'file');
  const space = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at])) at++;
  };
  const word = (): number | null => {
    const neg = text[at] === '-';
    for (const [w, v] of Object.entries(WORDS)) {
      if (text.startsWith(w, at + (neg ? 1 : 0)) && !/[A-Za-z0-9]/.test(text[at + (neg ? 1 : 0) + w.length] ?? '')) {
        at += (neg ? 1 : 0) + w.length;
        return neg ? -v : v;
      }
    }
    return null;
  };
  let depth = 0;
  const value = (): OtioValue => {
    space();
    const c = text[at];
    if ((c === '{' || c === '[') && ++depth > MAX_DEPTH) bad(`nested deeper than ${MAX_DEPTH} levels`);
    if (c === '{') {
      at++;
      const out: { [key: string]: OtioValue } = {};
      space();
      if (text[at] === '}') return (at++, depth--, out);
      for (;;) {
        space();
        if (text[at] !== '"') bad('a key must be a string');
        const key = str();
        space();
        if (text[at++] !== ':') bad('":" expected after a key');
        out[key] = value();
        space();
        if (text[at] === ',') at++;
        else if (text[at] === '}') return (at++, depth--, out);
        else bad('"," or "}" expected');
      }
    }
    if (c === '[') {
      at++;
      const out: OtioValue[] = [];
      space();
      if (text[at] === ']') return (at++, depth--, out);
      for (;;) {
        out.push(value());
        space();
        if (text[at] === ',') at++;
        else if (text[at] === ']') return (at++, depth--, out);
        else bad('"," or "]" expected');
      }
    }
    if (c === '"') return str();
    for (const [w, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(w, at)) return ((at += w.length), v);
    }
    const named = word();
    if (named !== null) return named;
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (!m) return bad('a value expected');
    at += m[0].length;
    if (/^-?\d+$/.test(m[0]) && !Number.isSafeInteger(Number(m[0]))) return BigInt(m[0]);
    return Number(m[0]);
  };
  const str = (): string => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    if (at >= text.length) bad('a string does not end');
    at++;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      return bad('a string with a bad escape');
    }
  };
  const result = value();
  space();
  if (at < text.length) bad('text after the end of the document');
  return result;
}

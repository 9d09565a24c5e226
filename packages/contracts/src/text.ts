/**
 * Text a database stores exactly as it was sent (DESIGN.md §7). PostgreSQL refuses NUL in text and
 * both databases store a lone UTF-16 surrogate as U+FFFD, so a value holding either would be stored
 * differently from what was checked and hashed. Every text field of every input is built on `text()`.
 */
import { z } from 'zod';

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** What makes a string unstorable, in words, or null when a database keeps it exactly. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'holds a lone UTF-16 surrogate (half a character), which cannot be stored; send whole characters';
  return null;
}

/**
 * A string as both databases store it: NUL and lone surrogates become U+FFFD, as the UTF-8
 * encoders of both drivers already turn a lone surrogate. For text that reaches the record
 * from outside an input (a provider's message, a file name) and must be hashed as stored.
 */
export function toStoredText(value: string): string {
  return value.replace(/\u0000/g, '\ufffd').replace(LONE_SURROGATES, '\ufffd');
}

/** A value read from outside (a provider's JSON answer) with every string in it, keys too, as a database stores it. */
export function toStoredValue<T>(value: T): T {
  if (typeof value === 'string') return toStoredText(value) as T;
  if (Array.isArray(value)) return value.map(toStoredValue) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStoredText(k), toStoredValue(v)])) as T;
  }
  return value;
}

/** The one check behind every text field of every input; the structural test looks for this very check. */
export const storableText = z.superRefine((value: string, ctx) => {
  const problem = textProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
});

/** A text field of an input: a string a database stores exactly. Chain `.trim()`, `.max()` and the rest after it. */
export function text() {
  return z.string().check(storableText);
}

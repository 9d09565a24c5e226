import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from './index.ts';
import { endpoints } from './endpoints.ts';
import { storableText, text, textProblem, toStoredText, toStoredValue } from './text.ts';

describe('text a database stores exactly', () => {
  it.each([
    ['plain text', 'INT. WAREHOUSE - NIGHT', null],
    ['a whole character outside the BMP', 'Clap \ud83c\udfac', null],
    ['accents and CJK', 'Zoë · 東京', null],
    ['a NUL', 'INT.\u0000WAREHOUSE', 'must not contain the NUL character (U+0000)'],
    ['a lone high surrogate', 'Out\ud800sider', 'holds a lone UTF-16 surrogate (half a character), which cannot be stored; send whole characters'],
    ['a lone low surrogate', 'Out\udc00sider', 'holds a lone UTF-16 surrogate (half a character), which cannot be stored; send whole characters'],
    ['a high surrogate at the end', 'end\ud83c', 'holds a lone UTF-16 surrogate (half a character), which cannot be stored; send whole characters'],
    ['two surrogates in the wrong order', '\udfac\ud83c', 'holds a lone UTF-16 surrogate (half a character), which cannot be stored; send whole characters'],
  ])('%s', (_what, value, problem) => {
    expect(textProblem(value)).toBe(problem);
    const r = text().safeParse(value);
    expect(r.success).toBe(problem === null);
    if (!r.success) expect(r.error.issues[0].message).toBe(problem);
  });

  it('turns what cannot be stored into U+FFFD, as the databases do, and leaves whole characters alone', () => {
    expect(toStoredText('Out\ud800sider')).toBe('Out\ufffdsider');
    expect(toStoredText('a\u0000b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(toStoredText('Clap \ud83c\udfac')).toBe('Clap \ud83c\udfac');
    expect(toStoredText('\ud83c\ud83c\udfac')).toBe('\ufffd\ud83c\udfac');
  });

  it("stores a provider's answer with every string in it, keys and nested ones too, as the databases keep them", () => {
    const answer = { status: 'FAIL\u0000ED', detail: [{ 'k\ud800': 'x\udc00y', n: 3, ok: true, none: null }] };
    expect(toStoredValue(answer)).toEqual({ status: 'FAIL\ufffdED', detail: [{ 'k\ufffd': 'x\ufffdy', n: 3, ok: true, none: null }] });
  });
});

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every string leaf of an input schema that lacks the shared check, by its path; and kinds the walk does not know. */
function uncheckedLeaves(schema: z.ZodType, path: string, out: string[]): void {
  const def = defOf(schema);
  const walk = (s: unknown, p: string): void => uncheckedLeaves(s as z.ZodType, p, out);
  switch (def.type) {
    case 'string': {
      const checks = (def.checks as unknown[] | undefined) ?? [];
      if (!checks.includes(storableText)) out.push(path);
      return;
    }
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) walk(value, `${path}.${key}`);
      if (def.catchall && defOf(def.catchall as z.ZodType).type !== 'never') walk(def.catchall, `${path}.*`);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      walk(def.innerType, path);
      return;
    case 'array':
      walk(def.element, `${path}[]`);
      return;
    case 'tuple':
      (def.items as unknown[]).forEach((item, i) => walk(item, `${path}[${i}]`));
      if (def.rest) walk(def.rest, `${path}[…]`);
      return;
    case 'union':
      (def.options as unknown[]).forEach((option, i) => walk(option, `${path}|${i}`));
      return;
    case 'intersection':
      walk(def.left, path);
      walk(def.right, path);
      return;
    case 'record':
      walk(def.keyType, `${path}{key}`);
      walk(def.valueType, `${path}{}`);
      return;
    case 'pipe':
      walk(def.in, path);
      walk(def.out, path);
      return;
    case 'transform':
    case 'number':
    case 'int':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
    case 'never':
      return;
    default:
      out.push(`${path} (a ${def.type}, which this walk does not know: teach it, or use text())`);
  }
}

describe('every text field of every input passes the shared check', () => {
  const inputs: [string, z.ZodType][] = [];
  for (const [name, e] of Object.entries(endpoints) as [string, { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType }][]) {
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = e[part];
      if (schema) inputs.push([`${name} ${part}`, schema]);
    }
  }
  // Inputs read outside the endpoint table: multipart fields and the routes' own parameters.
  for (const [name, value] of Object.entries(contracts)) {
    if (/(Input|Fields|Params|Query)$/.test(name) && value && typeof value === 'object' && '_zod' in value) inputs.push([name, value as z.ZodType]);
  }

  it('walks the endpoint table and the named inputs', () => {
    expect(inputs.length).toBeGreaterThan(100);
    expect(inputs.map(([n]) => n)).toEqual(
      expect.arrayContaining(['updateMe body', 'createScene body', 'ExternalTakeFields', 'AssetVersionFields', 'ConsentInput', 'TakeMediaParams', 'MediaParams', 'WebhookParams']),
    );
  });

  it.each(inputs)('%s', (_name, schema) => {
    const out: string[] = [];
    uncheckedLeaves(schema, '', out);
    expect(out).toEqual([]);
  });

  it('finds a new text field without the check, however deep', () => {
    const out: string[] = [];
    uncheckedLeaves(z.strictObject({ name: text().trim(), nickname: z.string().optional(), tags: z.array(z.string().max(9)).default([]) }), '', out);
    expect(out).toEqual(['.nickname', '.tags[]']);
  });
});

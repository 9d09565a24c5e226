/** How a setting is declared: once, with its variable, schema, default and a line of documentation. */
import { z } from 'zod';

export interface Setting<T extends z.ZodType = z.ZodType> {
  /** Variable name in the environment. */
  env: string;
  schema: T;
  /** Default as it would be written in the environment; undefined means "not set". */
  default?: string;
  doc: string;
  /** Never printed: passwords, keys, URLs that can hold them. */
  secret?: boolean;
}

export function setting<T extends z.ZodType>(s: Setting<T>): Setting<T> {
  return s;
}

/** Reads text from the environment into a number, refusing anything that is not a whole number. */
export const intFromEnv = (min: number, max: number) => z.string().regex(/^\d+$/, { message: 'must be a whole number' }).transform(Number).pipe(z.number().int().min(min).max(max));

/** Reads text from the environment into a number of seconds, decimals allowed (`0.25`), within bounds. */
export const secondsFromEnv = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, { message: 'must be a number of seconds, like 5 or 0.5' })
    .transform(Number)
    .pipe(z.number().min(min).max(max));

export const boolFromEnv = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

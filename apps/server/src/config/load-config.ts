/** Validates the environment against the declared settings, with one clear message per bad value. */
import type { z } from 'zod';
import { areas } from './settings.ts';
import type { Setting } from './setting.ts';

type AreaValues<A> = { [K in keyof A]: A[K] extends Setting<infer T> ? z.output<T> : never };
export type Config = { [A in keyof typeof areas]: AreaValues<(typeof areas)[A]> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Backlot cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads every setting from `env` (default: the process environment); throws ConfigError listing each bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const out: Record<string, Record<string, unknown>> = {};
  for (const [area, settings] of Object.entries(areas)) {
    out[area] = {};
    for (const [key, s] of Object.entries(settings as Record<string, Setting>)) {
      const raw = env[s.env] === '' ? undefined : (env[s.env] ?? s.default);
      const parsed = s.schema.safeParse(raw);
      if (parsed.success) out[area][key] = parsed.data;
      else {
        const shown = s.secret ? '(hidden)' : JSON.stringify(raw);
        problems.push(`${s.env}=${shown}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      }
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out as Config;
}

/** Rows for documentation: variable, default, meaning. */
export function settingsTable(): { env: string; default: string; doc: string; area: string }[] {
  return Object.entries(areas).flatMap(([area, settings]) => Object.values(settings as Record<string, Setting>).map((s) => ({ area, env: s.env, default: s.default ?? '', doc: s.doc })));
}

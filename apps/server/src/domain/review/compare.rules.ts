/**
 * What differs between two to four takes, field by field, with the words a crew uses: shot and
 * plan version (and the plan fields that changed between them), provider and model, seed,
 * settings, prompt, the request body down to each JSON path, and the references used.
 */
import type { ShotPlan, TakeComparison } from '@backlot/contracts';
import { diffPlans } from '../plan/plan.rules.ts';

/** What the comparison needs of one take. */
export interface ComparedTake {
  id: string;
  /** `SC001_SH010`. */
  shotCode: string;
  planVersion: number;
  /** The plan version the take was made from; absent when unknown or not to be shown. */
  plan?: ShotPlan;
  provider: string;
  model: string;
  seed: number | null;
  settings: Record<string, unknown>;
  prompt: string;
  negativePrompt: string | null;
  request: { url: string; body: unknown } | null;
  references: { assetId: string; name: string; version: number; role: string }[];
}

/**
 * How much of a take the member may read: `full` with prompt, seed, settings and request;
 * `outline` without them (plan version, provider, model, references); `picture` the picture
 * alone (a viewer, DESIGN.md §8), so only the shot each take is of.
 */
export type CompareDetail = 'full' | 'outline' | 'picture';

type Difference = TakeComparison['differences'][number];

const NONE = '—';

/** Settings keys in words; others keep their own name. */
const SETTING_LABELS: Record<string, string> = {
  durationFrames: 'Length asked (frames)',
  frames: 'Length (frames)',
  aspectRatio: 'Aspect ratio',
  resolution: 'Resolution',
  generateAudio: 'Audio',
  promptAddition: 'Prompt addition',
};

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return NONE;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value);
}

/** Leaf values of a JSON value by path (`a.b[2].c`); empty objects and arrays are leaves. */
export function flattenJson(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value) && value.length) value.forEach((v, i) => flattenJson(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) flattenJson(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, value);
  return out;
}

/** Adds a difference when the shown values are not all the same. */
function differ(out: Difference[], field: string, label: string, values: string[]) {
  if (new Set(values).size > 1) out.push({ field, label, values });
}

/** Every key of several maps, in first-seen order. */
function keysOf(maps: Map<string, unknown>[]): string[] {
  const keys: string[] = [];
  for (const m of maps) for (const k of m.keys()) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/**
 * The differences between takes, in the order asked. With `outline` detail the prompt, seed,
 * settings, request and plan stay out; with `picture` detail all but the shot does.
 */
export function compareTakes(takes: readonly ComparedTake[], detail: CompareDetail): TakeComparison {
  const out: Difference[] = [];
  const acrossShots = new Set(takes.map((t) => t.shotCode)).size > 1;
  differ(
    out,
    'shot',
    'Shot',
    takes.map((t) => t.shotCode),
  );
  if (detail === 'picture') return { takeIds: takes.map((t) => t.id), differences: out };
  differ(
    out,
    'planVersion',
    'Plan version',
    takes.map((t) => (acrossShots ? `${t.shotCode} v${t.planVersion}` : `v${t.planVersion}`)),
  );

  if (detail === 'full' && !acrossShots) {
    // Plan fields that changed from the first take's version, each shown as it stands per take.
    const first = takes[0].plan;
    if (first) {
      const fields = new Map<string, { label: string; values: string[] }>();
      takes.forEach((t, i) => {
        if (!t.plan || i === 0) return;
        for (const c of diffPlans(first, t.plan)) {
          const entry = fields.get(c.field) ?? { label: c.label, values: takes.map(() => '') };
          entry.values[0] = c.from;
          entry.values[i] = c.to;
          fields.set(c.field, entry);
        }
      });
      for (const [field, { label, values }] of fields) {
        // A take whose plan matches the first's on this field shows the first's value.
        differ(
          out,
          `plan.${field}`,
          `Plan: ${label}`,
          values.map((v, i) => (v === '' && takes[i].plan ? values[0] : v || NONE)),
        );
      }
    }
  }

  differ(
    out,
    'provider',
    'Provider',
    takes.map((t) => t.provider),
  );
  differ(
    out,
    'model',
    'Model',
    takes.map((t) => t.model),
  );

  if (detail === 'full') {
    differ(
      out,
      'seed',
      'Seed',
      takes.map((t) => show(t.seed)),
    );
    const settings = takes.map((t) => new Map(Object.entries(t.settings).filter(([k]) => k !== 'seed')));
    for (const key of keysOf(settings))
      differ(
        out,
        `settings.${key}`,
        SETTING_LABELS[key] ?? `Setting: ${key}`,
        settings.map((s) => show(s.get(key))),
      );
    differ(
      out,
      'prompt',
      'Prompt',
      takes.map((t) => show(t.prompt)),
    );
    differ(
      out,
      'negativePrompt',
      'Negative prompt',
      takes.map((t) => show(t.negativePrompt)),
    );
    differ(
      out,
      'request.url',
      'Request address',
      takes.map((t) => show(t.request?.url)),
    );
    const bodies = takes.map((t) => (t.request ? flattenJson(t.request.body) : new Map<string, unknown>()));
    for (const path of keysOf(bodies))
      differ(
        out,
        `request.body${path.startsWith('[') || !path ? '' : '.'}${path}`,
        `Request: ${path || 'body'}`,
        bodies.map((b) => show(b.get(path))),
      );
  }

  // References by asset: which version, in which role, each take used.
  const assets = new Map<string, string>();
  for (const t of takes) for (const r of t.references) if (!assets.has(r.assetId)) assets.set(r.assetId, r.name);
  for (const [assetId, name] of assets) {
    const values = takes.map((t) => {
      const used = t.references.filter((r) => r.assetId === assetId);
      return used.length ? used.map((r) => `v${r.version} as ${r.role}`).join(', ') : 'not used';
    });
    differ(out, `references.${assetId}`, `Reference: ${name}`, values);
  }

  return { takeIds: takes.map((t) => t.id), differences: out };
}

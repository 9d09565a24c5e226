/**
 * The handoff's manifest: each clip's provenance (shot, take, provider, model, settings, seed,
 * prompt, references with their hashes, output terms, who approved it and when, cost) as JSON and
 * as CSV with injection-safe cells. Pure functions, no I/O.
 */
import { csvLine } from '../ledger/spend-views.rules.ts';

export interface ManifestReference {
  asset: string;
  assetId: string;
  kind: string;
  version: number;
  role: string;
  /** The version's files: view (`main`, `front`…) and SHA-256. */
  files: { view: string; sha256: string }[];
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** One clip of the package and where it came from. */
export interface ManifestClip {
  clip: string;
  reel: string;
  scene: string;
  shot: string;
  take: string;
  takeId: string;
  shotId: string;
  review: string;
  provider: string;
  model: string;
  /** Made outside Backlot and entered by hand. */
  external: boolean;
  settings: Record<string, unknown>;
  seed: number | null;
  prompt: string;
  negativePrompt: string | null;
  planVersion: number;
  references: ManifestReference[];
  /** Under what terms the picture came to the production. */
  outputTerms: string;
  approvedBy: string | null;
  approvedAt: string | null;
  /** Left out (null) for those who may not read costs (DESIGN.md §8: editors). */
  cost: { currency: string; actual: string | null; estimate: string } | null;
  /** Half-open source range on the media (project grid), and how many frames that is. */
  sourceIn: number;
  sourceOut: number;
  frames: number;
  original: ManifestFile;
  proxy: ManifestFile | null;
  /** The file the timelines point at. */
  timelineMedia: string;
  /** When the timelines point at the proxy conformed to the project's rate: why. */
  conformed: string | null;
  /** Notes shown as markers. */
  markers: number;
}

export interface Manifest {
  project: { code: string; name: string; rate: string; timecode: string };
  handoff: { name: string; scope: string; takes: string; handles: number; madeAt: string; madeBy: string; override: { reason: string; risks: string[] } | null };
  clips: ManifestClip[];
}

/** The manifest as JSON, two-space indented, ending with a newline. */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export const MANIFEST_CSV_HEADER = [
  'clip',
  'reel',
  'scene',
  'shot',
  'take',
  'review',
  'provider',
  'model',
  'external',
  'seed',
  'prompt',
  'negative_prompt',
  'settings',
  'plan_version',
  'references',
  'output_terms',
  'approved_by',
  'approved_at',
  'currency',
  'cost_actual',
  'cost_estimate',
  'source_in',
  'source_out',
  'frames',
  'original',
  'original_sha256',
  'proxy',
  'proxy_sha256',
  'timeline_media',
  'markers',
  'take_id',
  'shot_id',
];

/** A reference in one cell: `MARA v2 character [main sha256 …]`, references separated by `; `. */
function referencesCell(refs: readonly ManifestReference[]): string {
  return refs.map((r) => `${r.asset} v${r.version} ${r.role} [${r.files.map((f) => `${f.view} ${f.sha256}`).join(', ')}]`).join('; ');
}

/** The manifest as CSV (CRLF lines, a header first), one line per clip in record order. */
export function manifestCsv(manifest: Manifest): string {
  const lines = [csvLine(MANIFEST_CSV_HEADER)];
  for (const c of manifest.clips) {
    lines.push(
      csvLine([
        c.clip,
        c.reel,
        c.scene,
        c.shot,
        c.take,
        c.review,
        c.provider,
        c.model,
        c.external ? 'yes' : 'no',
        c.seed === null ? '' : String(c.seed),
        c.prompt,
        c.negativePrompt ?? '',
        JSON.stringify(c.settings),
        String(c.planVersion),
        referencesCell(c.references),
        c.outputTerms,
        c.approvedBy ?? '',
        c.approvedAt ?? '',
        c.cost?.currency ?? '',
        c.cost?.actual ?? '',
        c.cost?.estimate ?? '',
        String(c.sourceIn),
        String(c.sourceOut),
        String(c.frames),
        c.original.path,
        c.original.sha256,
        c.proxy?.path ?? '',
        c.proxy?.sha256 ?? '',
        c.timelineMedia,
        String(c.markers),
        c.takeId,
        c.shotId,
      ]),
    );
  }
  return lines.join('');
}

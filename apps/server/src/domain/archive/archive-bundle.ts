/**
 * The archive bundle (issue 19): one zip holding a project's whole record — records as JSON lines,
 * every referenced blob under its SHA-256, the project's audit chain, its members as the invitations
 * they come back as, a README and, last, a manifest with the hash of every file (and of every line
 * of the JSON-lines files, so an edited record is named). Pure: paths, the README, the manifest's
 * shape, what is left out, and which rows of the project's tables carry a secret.
 */
import { z } from 'zod';

export const ARCHIVE_FORMAT = 'backlot-archive';
export const ARCHIVE_VERSION = 1;

export const PATHS = {
  readme: 'README.md',
  bundle: 'bundle.json',
  members: 'members.jsonl',
  auditEvents: 'audit/events.jsonl',
  auditHead: 'audit/head.json',
  manifest: 'manifest.json',
} as const;

/** Where a table's rows go. */
export const recordsPath = (table: string) => `records/${table}.jsonl`;

/** Where a blob goes: content-addressed, fanned out by its first two hex digits. */
export const blobPath = (sha256: string) => `blobs/sha256/${sha256.slice(0, 2)}/${sha256}`;

const BLOB_PATH = /^blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** The blob a path names, or undefined when the path is not a blob's. */
export function blobOfPath(path: string): string | undefined {
  const m = BLOB_PATH.exec(path);
  return m?.[2].startsWith(m[1]) ? m[2] : undefined;
}

/**
 * The project's tables in the order they are restored (a row's parents before it). `blobs` is
 * written from the blobs the other records name, so it comes before the files that reference it.
 */
export const RECORD_TABLES = [
  'projects',
  'project_retention',
  'scenes',
  'script_revisions',
  'scene_revisions',
  'scene_numbering_locks',
  'shots',
  'shot_plan_versions',
  'assets',
  'asset_versions',
  'blobs',
  'asset_files',
  'clearance_events',
  'consents',
  'consent_changes',
  'consent_provider_assets',
  'plan_references',
  'takes',
  'take_references',
  'take_review_events',
  'notes',
  'ledger_entries',
  'price_entries',
  'scene_budgets',
  'spend_caps',
  'dailies_sessions',
  'dailies_items',
  'dailies_log',
  'dailies_movies',
  'comfy_workflows',
  'comfy_workflow_versions',
] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

/**
 * Columns that hold a secret, emptied on export: a take's webhook secret is a credential for the
 * provider's callbacks (the worker polls an imported take instead).
 */
export const REDACTED_COLUMNS: Readonly<Partial<Record<RecordTable, readonly string[]>>> = {
  takes: ['webhook_secret'],
};

/**
 * Columns one database derives by itself and the other does not have: PostgreSQL's search index of
 * a take's prompt (SQLite keeps its own in a side table its triggers fill). Left out; each
 * database derives them again on restore.
 */
export const DERIVED_COLUMNS: Readonly<Partial<Record<RecordTable, readonly string[]>>> = {
  takes: ['prompt_search'],
};

/** A row as it is written: secrets emptied, derived columns left out. */
export function redactRow(table: RecordTable, row: Record<string, unknown>): Record<string, unknown> {
  const redacted = REDACTED_COLUMNS[table];
  const derived = DERIVED_COLUMNS[table];
  if (!redacted && !derived) return row;
  const out = { ...row };
  for (const c of redacted ?? []) if (c in out) out[c] = null;
  for (const c of derived ?? []) delete out[c];
  return out;
}

/** Every SHA-256-shaped value a line of records mentions: the candidates for the blobs it references. */
export function sha256sIn(line: string): string[] {
  return line.match(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g) ?? [];
}

/** A member, as it comes back: an invitation to the same email in the same role. */
export const ArchivedMember = z.object({ email: z.string().min(3), name: z.string(), role: z.enum(['owner', 'producer', 'director', 'editor', 'viewer']) });
export type ArchivedMember = z.infer<typeof ArchivedMember>;

export const BundleInfo = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  project: z.object({ id: z.string().min(1), code: z.string().min(1), name: z.string() }),
  exportedAt: z.string(),
  exportedBy: z.string(),
  /** The newest database migration of the exporting instance. */
  schema: z.string(),
  tables: z.array(z.string()),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  blobs: z.object({ count: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  auditEvents: z.number().int().nonnegative(),
  members: z.number().int().nonnegative(),
});
export type BundleInfo = z.infer<typeof BundleInfo>;

export const AuditHeadFile = z.object({ chain: z.string(), count: z.number().int().nonnegative(), lastHash: z.string().regex(/^[0-9a-f]{64}$/) });
export type AuditHeadFile = z.infer<typeof AuditHeadFile>;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'is not a lower-case SHA-256');
export const ManifestFile = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: Hex64,
  /** For JSON-lines files: the SHA-256 of each line (without its newline), in order. */
  lines: z.array(Hex64).optional(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const Manifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  algorithm: z.literal('sha256'),
  files: z.array(ManifestFile),
});
export type Manifest = z.infer<typeof Manifest>;

/** The README inside every bundle: what each file is and how to check it by hand. */
export function bundleReadme(info: Pick<BundleInfo, 'project' | 'exportedAt' | 'exportedBy' | 'counts' | 'blobs' | 'auditEvents' | 'members'>): string {
  const counts = Object.entries(info.counts)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `- \`records/${t}.jsonl\`: ${n} row${n === 1 ? '' : 's'}`)
    .join('\n');
  return `# Backlot archive: ${info.project.code} — ${info.project.name}

Exported ${info.exportedAt} by ${info.exportedBy}. This zip is the project's whole record; it
restores into a Backlot instance with \`backlot archive import\` and checks itself with
\`backlot archive verify\`.

## Layout

- \`README.md\`: this file.
- \`bundle.json\`: what the bundle is (format \`${ARCHIVE_FORMAT}\` version ${ARCHIVE_VERSION}), the project, when
  and by whom it was exported, the exporting instance's schema, and counts.
- \`records/<table>.jsonl\`: the project's rows, one JSON object per line, columns as the database
  stores them (times as ISO 8601 UTC text, money in micro-units, JSON columns as text), sorted
  by key. Tables in restore order: ${RECORD_TABLES.join(', ')}.
- \`members.jsonl\`: each member's email, name and role. Accounts are not archived: members come
  back as pending invitations to the same email and role.
- \`audit/events.jsonl\`: the project's audit chain in order (${info.auditEvents} events), each with its
  \`prev_hash\` and \`hash\`; \`audit/head.json\`: the chain's head (count and last hash).
- \`blobs/sha256/<first two hex digits>/<sha256>\`: every file the records reference (${info.blobs.count}
  blobs, ${info.blobs.bytes} bytes), named by the SHA-256 of its bytes.
- \`manifest.json\`, written last: the size and SHA-256 of every other file and, for the
  \`.jsonl\` files, the SHA-256 of each line (without its newline), so a changed record is named.

${counts}

## What is not here

No provider keys, password hashes, sessions, API tokens, invitation tokens, guest review links or
passcodes, and no take's webhook secret (emptied). Saved searches and read marks belong to
accounts and stay behind; so do dailies attendance and presence.

## Checking by hand

Each blob's name is the SHA-256 of its bytes (\`sha256sum\`); each file's SHA-256 is in the
manifest. Each audit event's hash covers its canonical content and the previous event's hash
(see Backlot's docs/ARCHITECTURE.md, "The audit log").
`;
}

/**
 * The archive bundle (issue 19): a project's whole record exported as one self-describing zip,
 * written as it is read (one table, one blob at a time, hashed on the way, never whole in memory
 * and never staged on disk); a bundle verified file by file, record by record and along its audit
 * chain, naming the first problem; and a bundle restored into an instance in one transaction
 * (blobs first: a crash leaves at most unrecorded blobs, which the start-up sweep removes), its
 * members coming back as pending invitations.
 *
 * `exportBundle`, `verifyBundle` and `importBundle` are also what `bench/archive` measures.
 */
import { createInterface } from 'node:readline';
import type { Role } from '@backlot/contracts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  ArchivedMember,
  AuditHeadFile,
  BundleInfo,
  blobOfPath,
  blobPath,
  bundleReadme,
  Manifest,
  type ManifestFile,
  PATHS,
  RECORD_TABLES,
  type RecordTable,
  recordsPath,
  redactRow,
  sha256sIn,
} from '../../domain/archive/archive-bundle.ts';
import { INSTANCE_CHAIN, projectChain, verifyChain, type ChainedEvent } from '../../domain/audit/audit-chain.ts';
import { DomainError, fail } from '../../domain/errors.ts';
import type { ArchiveRow, BundleFormat, BundleReader } from '../../ports/archive.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface ArchiveDeps {
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  bundles: BundleFormat;
  mailer: Mailer;
  publicUrl: string;
}

/** How far a long archive step is: bytes of the bundle written or read, against the total once known. */
export interface ArchiveProgress {
  phase: 'records' | 'blobs' | 'audit' | 'manifest' | 'checking' | 'restoring';
  bytes: number;
  /** The bundle's expected bytes (blobs and records), once known; null before. */
  total: number | null;
}
export type OnProgress = (p: ArchiveProgress) => void;

export interface ExportSummary {
  project: { id: string; code: string; name: string };
  bytes: number;
  files: number;
  blobs: number;
  blobBytes: number;
  auditEvents: number;
  counts: Record<string, number>;
}

export interface VerifySummary {
  ok: boolean;
  /** The first problem found, in a sentence naming the file, record, blob or event; null when the bundle is whole. */
  problem: string | null;
  project: { id: string; code: string; name: string } | null;
  files: number;
  bytes: number;
  auditEvents: number;
}

export interface ImportSummary {
  project: { id: string; code: string; name: string };
  counts: Record<string, number>;
  blobs: number;
  blobsAdded: number;
  auditEvents: number;
  /** Each member of the archived project, now a pending invitation, with the link to accept it. */
  invitations: { email: string; role: Role; url: string; emailed: boolean }[];
}

const BATCH = 500;
/** How long the invitations of a restored project stay open. */
const INVITATION_DAYS = 30;

/** A problem with a bundle: the first one found, named. */
class BundleProblem extends Error {}

/** The lines of a text file in the bundle, without their newlines. */
async function* linesOf(reader: BundleReader, path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: (await reader.open(path)) as NodeJS.ReadableStream, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) yield line;
}

async function textOf(reader: BundleReader, path: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of (await reader.open(path)) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BundleProblem(`${path} is not JSON`);
  }
}

function parseWith<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  value: unknown,
  path: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new BundleProblem(`${path}: ${issue.path.map(String).join('.') || 'the document'} ${issue.message}`);
  }
  return r.data;
}

/** An audit row as the chain check reads it. */
function chainedOf(row: ArchiveRow): ChainedEvent {
  return {
    chain: String(row.chain),
    seq: Number(row.seq),
    actorId: (row.actor_id as string | null) ?? null,
    actorName: String(row.actor_name),
    action: String(row.action),
    targetType: String(row.target_type),
    targetId: (row.target_id as string | null) ?? null,
    summary: String(row.summary),
    data: JSON.parse(String(row.data)),
    at: String(row.at),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
    hashVersion: Number(row.hash_version),
  };
}

/** A record's name for messages: its table and key. */
function recordName(path: string, line: string): string {
  const table = path.replace(/^records\//, '').replace(/\.jsonl$/, '');
  try {
    const row = JSON.parse(line) as Record<string, unknown>;
    const key = row.id ?? row.sha256 ?? row.shot_id ?? row.scene_id ?? row.take_id ?? row.session_id ?? row.project_id;
    if (typeof key === 'string') return `${table} ${key}`;
  } catch {
    // named by line only
  }
  return table;
}

/** The checks of a bundle, which need no database: `backlot archive verify` runs them on any machine. */
export function createBundleChecks(deps: { secrets: Secrets; bundles: BundleFormat }) {
  const { secrets } = deps;

  /** The manifest, the bundle's description and the presence of every file: what every check starts from. */
  async function structure(reader: BundleReader): Promise<{ manifest: Manifest; info: BundleInfo; listed: Map<string, ManifestFile> }> {
    const present = new Set(reader.entries.map((e) => e.path));
    if (!present.has(PATHS.manifest)) throw new BundleProblem(`${PATHS.manifest} is missing: this is not a Backlot archive bundle, or it was cut short`);
    const manifest = parseWith(Manifest, parseJson(await textOf(reader, PATHS.manifest), PATHS.manifest), PATHS.manifest);
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    for (const f of manifest.files) if (!present.has(f.path)) throw new BundleProblem(`${f.path} is listed in the manifest but missing from the bundle`);
    for (const e of reader.entries) if (e.path !== PATHS.manifest && !listed.has(e.path)) throw new BundleProblem(`${e.path} is in the bundle but not in its manifest: it was added after export`);
    const info = parseWith(BundleInfo, parseJson(await textOf(reader, PATHS.bundle), PATHS.bundle), PATHS.bundle);
    return { manifest, info, listed };
  }

  /** The audit chain in the bundle, checked event by event against its head. */
  async function checkChain(reader: BundleReader, info: BundleInfo): Promise<ArchiveRow[]> {
    const head = parseWith(AuditHeadFile, parseJson(await textOf(reader, PATHS.auditHead), PATHS.auditHead), PATHS.auditHead);
    if (head.chain !== projectChain(info.project.id)) throw new BundleProblem(`${PATHS.auditHead} is the head of ${head.chain}, not of the project's chain`);
    const rows: ArchiveRow[] = [];
    let n = 0;
    for await (const line of linesOf(reader, PATHS.auditEvents)) {
      n++;
      if (!line) continue;
      const row = parseJson(line, `${PATHS.auditEvents} line ${n}`) as ArchiveRow;
      if (row.chain !== head.chain) throw new BundleProblem(`${PATHS.auditEvents} line ${n} belongs to ${String(row.chain)}, not the project's chain`);
      rows.push(row);
    }
    const check = verifyChain(rows.map(chainedOf), { count: head.count, lastHash: head.lastHash }, secrets.sha256);
    if (!check.ok) throw new BundleProblem(`the audit chain: ${check.problem}${check.badCount > 1 ? ` (${check.badCount} problems in all)` : ''}`);
    return rows;
  }

  /** A JSON-lines file checked line by line against the manifest, naming the first record changed, added or removed. */
  async function checkLines(reader: BundleReader, file: ManifestFile, each?: (line: string) => void | Promise<void>): Promise<number> {
    const expected = file.lines ?? [];
    let n = 0;
    for await (const line of linesOf(reader, file.path)) {
      if (n >= expected.length) throw new BundleProblem(`${file.path} line ${n + 1} (${recordName(file.path, line)}) is not in the manifest: a record was added after export`);
      if (secrets.sha256(line) !== expected[n]) throw new BundleProblem(`${file.path} line ${n + 1} (${recordName(file.path, line)}) was changed after export`);
      n++;
      await each?.(line);
    }
    if (n < expected.length)
      throw new BundleProblem(`${file.path} has ${n} lines but the manifest lists ${expected.length}: ${expected.length - n === 1 ? 'a record was' : 'records were'} deleted after export`);
    return n;
  }

  async function verifyWith(reader: BundleReader, onProgress?: OnProgress): Promise<VerifySummary> {
    let bytes = 0;
    let project: VerifySummary['project'] = null;
    let events = 0;
    let files = 0;
    try {
      const { manifest, info } = await structure(reader);
      project = info.project;
      const total = manifest.files.reduce((n, f) => n + f.size, 0);
      events = (await checkChain(reader, info)).length;
      for (const file of manifest.files) {
        if (file.lines) await checkLines(reader, file);
        const got = await reader.hash(file.path, (n) => {
          bytes += n;
          onProgress?.({ phase: 'checking', bytes, total });
        });
        const blob = blobOfPath(file.path);
        if (blob && got.sha256 !== blob) throw new BundleProblem(`${file.path}: its bytes hash to ${got.sha256}, not to the blob's name: the blob was changed`);
        if (got.sha256 !== file.sha256 || got.size !== file.size)
          throw new BundleProblem(`${file.path}: its SHA-256 (${got.sha256}, ${got.size} bytes) is not the manifest's: the file was changed after export`);
        files++;
      }
      return { ok: true, problem: null, project, files, bytes, auditEvents: events };
    } catch (err) {
      if (err instanceof BundleProblem) return { ok: false, problem: err.message, project, files, bytes, auditEvents: events };
      if (err instanceof DomainError) return { ok: false, problem: err.message, project, files, bytes, auditEvents: events };
      throw err;
    }
  }

  return {
    structure,
    checkChain,
    checkLines,
    /** Checks every file's hash, every record line, every blob against its name and the audit chain; names the first problem. */
    async verifyBundle(path: string, onProgress?: OnProgress): Promise<VerifySummary> {
      const reader = await deps.bundles.open(path);
      try {
        return await verifyWith(reader, onProgress);
      } finally {
        await reader.close();
      }
    },
  };
}

export function createArchiveService(deps: ArchiveDeps) {
  const { store, blobs, secrets } = deps;
  const checks = createBundleChecks(deps);
  const { structure, checkChain, checkLines } = checks;

  return {
    verifyBundle: checks.verifyBundle,

    /** The instance admin an operator's command acts as: the one named by email, or the only one. */
    async adminActor(email?: string): Promise<Actor> {
      const admins = (await store.read.accounts.list()).filter((a) => a.isAdmin && !a.disabledAt);
      const chosen = email ? admins.find((a) => a.email.toLowerCase() === email.toLowerCase()) : admins.length === 1 ? admins[0] : undefined;
      if (!chosen) {
        if (email) fail('request.invalid', `as: ${email} is not an active instance admin of this instance.`, 'as');
        fail(
          'request.invalid',
          admins.length
            ? `as: this instance has ${admins.length} admins; name the one restoring with --as EMAIL.`
            : 'as: this instance has no admin yet; create one first (backlot user create --admin).',
          'as',
        );
      }
      return { accountId: chosen.id, name: chosen.name };
    },

    /** The bundle's file name: `NITE_archive_2026-12-07.zip`. */
    async bundleName(projectId: string): Promise<string> {
      const project = (await store.read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
      return `${project.code}_archive_${deps.clock.now().toISOString().slice(0, 10)}.zip`;
    },

    /**
     * Writes the project's bundle into `out` as it reads it; audited first, so the bundle holds
     * its own export. A blob the records name that storage does not hold fails the export.
     */
    async exportBundle(actor: Actor, projectId: string, out: NodeJS.WritableStream, onProgress?: OnProgress): Promise<ExportSummary> {
      const project = (await store.read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
      const exportedAt = deps.clock.now().toISOString();
      await store.transaction((tx) =>
        appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'archive.exported',
          targetType: 'project',
          targetId: projectId,
          summary: `${actor.name} exported the archive bundle of ${project.code}`,
        }),
      );
      const writer = deps.bundles.create(out);
      const files: ManifestFile[] = [];
      let bytes = 0;
      let total: number | null = null;
      const tell = (phase: ArchiveProgress['phase']) => onProgress?.({ phase, bytes, total });
      const add = async (path: string, source: AsyncIterable<string> | NodeJS.ReadableStream, lines?: string[]) => {
        const got = await writer.add(path, source);
        bytes += got.size;
        files.push({ path, size: got.size, sha256: got.sha256, ...(lines ? { lines } : {}) });
        return got;
      };
      /** A JSON-lines file from rows, each line's hash kept for the manifest. */
      const jsonl = async (path: string, rows: AsyncIterable<ArchiveRow[]>, scan?: (line: string) => void) => {
        const lines: string[] = [];
        let count = 0;
        async function* text() {
          for await (const batch of rows) {
            let chunk = '';
            for (const row of batch) {
              const line = JSON.stringify(row);
              lines.push(secrets.sha256(line));
              scan?.(line);
              chunk += `${line}\n`;
              count++;
            }
            yield chunk;
          }
        }
        await add(path, text(), lines);
        return count;
      };
      try {
        const counts: Record<string, number> = {};
        const named = new Set<string>();
        const scan = (line: string) => {
          for (const h of sha256sIn(line)) named.add(h);
        };
        for (const table of RECORD_TABLES) {
          if (table === 'blobs') continue;
          async function* redacted() {
            for await (const batch of store.read.archive.rows(projectId, table as Exclude<RecordTable, 'blobs'>, BATCH)) yield batch.map((r) => redactRow(table, r));
          }
          counts[table] = await jsonl(recordsPath(table), redacted(), scan);
          tell('records');
        }
        const blobRows = await store.read.archive.blobRows([...named]);
        named.clear();
        counts.blobs = await jsonl(
          recordsPath('blobs'),
          (async function* () {
            if (blobRows.length) yield blobRows;
          })(),
        );
        const blobBytes = blobRows.reduce((n, r) => n + Number(r.size), 0);
        total = bytes + blobBytes;
        for (const r of blobRows) {
          const sha256 = String(r.sha256);
          if (!(await blobs.stat(sha256)))
            fail('blob.not_found', `The project's records name the blob ${sha256}, which the media storage (${blobs.location}) does not hold: the archive cannot be whole.`);
          const got = await add(blobPath(sha256), await blobs.get(sha256));
          if (got.sha256 !== sha256) fail('blob.not_found', `The stored blob ${sha256} no longer hashes to its name (it hashes to ${got.sha256}): the media storage is damaged.`);
          tell('blobs');
        }
        const members = await store.read.archive.members(projectId);
        await add(
          PATHS.members,
          (async function* () {
            yield members.map((m) => `${JSON.stringify({ email: m.email, name: m.name, role: m.role })}\n`).join('');
          })(),
          members.map((m) => secrets.sha256(JSON.stringify({ email: m.email, name: m.name, role: m.role }))),
        );
        // The head first, then the events up to it: the chain in the bundle is whole even while the project is used.
        const chain = projectChain(projectId);
        const head = (await store.read.audit.head(chain)) ?? { count: 0, lastHash: '0'.repeat(64) };
        async function* upToHead() {
          for await (const batch of store.read.archive.auditRows(chain, BATCH)) {
            const kept = batch.filter((r) => Number(r.seq) <= head.count);
            if (kept.length) yield kept;
            if (kept.length < batch.length) return;
          }
        }
        const auditEvents = await jsonl(PATHS.auditEvents, upToHead());
        await add(
          PATHS.auditHead,
          (async function* () {
            yield `${JSON.stringify({ chain, count: head.count, lastHash: head.lastHash })}\n`;
          })(),
        );
        tell('audit');
        const info: BundleInfo = {
          format: ARCHIVE_FORMAT,
          version: ARCHIVE_VERSION,
          project: { id: project.id, code: project.code, name: project.name },
          exportedAt,
          exportedBy: actor.name,
          schema: await store.read.archive.schemaVersion(),
          tables: [...RECORD_TABLES],
          counts,
          blobs: { count: blobRows.length, bytes: blobBytes },
          auditEvents,
          members: members.length,
        };
        const once = (text: string) =>
          (async function* () {
            yield text;
          })();
        await add(PATHS.bundle, once(`${JSON.stringify(info, null, 2)}\n`));
        await add(PATHS.readme, once(bundleReadme(info)));
        const manifest: Manifest = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, algorithm: 'sha256', files };
        await writer.add(PATHS.manifest, once(`${JSON.stringify(manifest)}\n`));
        tell('manifest');
        const written = await writer.finish();
        return { project: info.project, bytes: written, files: files.length + 1, blobs: blobRows.length, blobBytes, auditEvents, counts };
      } catch (err) {
        writer.abort(err instanceof Error ? err : new Error(String(err)));
        throw err;
      }
    },

    /**
     * Restores a bundle into this instance: refused whole (nothing changed) when the bundle has a
     * problem or the project (by id or code) is already here. Blobs go into storage first, checked
     * against their names; then every row, the audit chain and the members' invitations in one
     * transaction, audited on the instance's chain. Members come back as pending invitations
     * (mailed when mail is set up); the project keeps its creator when that account is here, else
     * names the admin who restored it.
     */
    async importBundle(actor: Actor, path: string, onProgress?: OnProgress): Promise<ImportSummary> {
      if (!actor.accountId) fail('request.invalid', 'as: a bundle is restored by an instance admin’s account, which invites its members again.', 'as');
      const reader = await deps.bundles.open(path);
      try {
        let manifest: Manifest;
        let info: BundleInfo;
        let listed: Map<string, ManifestFile>;
        let events: ArchiveRow[];
        try {
          ({ manifest, info, listed } = await structure(reader));
          events = await checkChain(reader, info);
        } catch (err) {
          if (err instanceof BundleProblem) fail('archive.invalid', `The bundle cannot be restored: ${err.message}.`, 'bundle');
          throw err;
        }
        const exists = async () => {
          const byId = await store.read.projects.findById(info.project.id);
          if (byId) fail('archive.project_exists', `Project ${byId.code} (${byId.id}) is already on this instance: importing it again would overwrite it, so nothing was changed.`, 'bundle');
          const byCode = await store.read.projects.findByCode(info.project.code);
          if (byCode) fail('project.code_taken', `Another project on this instance already has the code ${info.project.code}; nothing was changed.`, 'bundle');
        };
        await exists();
        const total = manifest.files.reduce((n, f) => n + f.size, 0);
        let bytes = 0;
        let blobsAdded = 0;
        const blobFiles = manifest.files.filter((f) => blobOfPath(f.path));
        for (const f of blobFiles) {
          const sha256 = blobOfPath(f.path)!;
          if (await blobs.stat(sha256)) {
            bytes += f.size;
            continue;
          }
          const stored = await blobs.put(await reader.open(f.path));
          if (stored.sha256 !== sha256) {
            if (!(await store.read.blobs.exists(stored.sha256))) await blobs.delete(stored.sha256);
            fail('archive.invalid', `The bundle cannot be restored: ${f.path}: its bytes hash to ${stored.sha256}, not to the blob's name: the blob was changed.`, 'bundle');
          }
          blobsAdded++;
          bytes += f.size;
          onProgress?.({ phase: 'blobs', bytes, total });
        }
        const members: ArchivedMember[] = [];
        const membersFile = listed.get(PATHS.members);
        const counts: Record<string, number> = {};
        const invitations: { email: string; role: Role; token: string; expiresAt: string }[] = [];
        const now = deps.clock.now();
        await store.transaction(async (tx) => {
          members.length = 0;
          invitations.length = 0;
          // The project's chain head, locked first: imports of one project at once take turns here, and the later finds it restored.
          const chain = projectChain(info.project.id);
          const held = await tx.audit.lockHead(chain);
          if (held.count > 0 || (await tx.projects.findById(info.project.id)))
            fail('archive.project_exists', `Project ${info.project.code} (${info.project.id}) is already on this instance: importing it again would overwrite it, so nothing was changed.`, 'bundle');
          if (await tx.projects.findByCode(info.project.code)) fail('project.code_taken', `Another project on this instance already has the code ${info.project.code}; nothing was changed.`, 'bundle');
          const creatorKept = new Map<string, boolean>();
          for (const table of RECORD_TABLES) {
            const file = listed.get(recordsPath(table));
            if (!file) fail('archive.invalid', `The bundle cannot be restored: ${recordsPath(table)} is missing.`, 'bundle');
            let batch: ArchiveRow[] = [];
            try {
              counts[table] = await checkLines(reader, file, async (line) => {
                const row = JSON.parse(line) as ArchiveRow;
                if (table === 'projects') {
                  const creator = String(row.created_by);
                  if (!creatorKept.has(creator)) creatorKept.set(creator, !!(await tx.accounts.findById(creator)));
                  if (!creatorKept.get(creator)) row.created_by = actor.accountId;
                }
                batch.push(row);
                if (batch.length >= BATCH) {
                  await tx.archive.insert(table, batch);
                  batch = [];
                }
              });
            } catch (err) {
              if (err instanceof BundleProblem) fail('archive.invalid', `The bundle cannot be restored: ${err.message}.`, 'bundle');
              throw err;
            }
            await tx.archive.insert(table, batch);
            bytes += file.size;
            onProgress?.({ phase: 'restoring', bytes, total });
          }
          for (let i = 0; i < events.length; i += BATCH) await tx.archive.insert('audit_events', events.slice(i, i + BATCH));
          const last = events[events.length - 1];
          if (last) await tx.audit.saveHead(chain, { count: events.length, lastHash: String(last.hash) });
          if (membersFile) {
            try {
              await checkLines(reader, membersFile, (line) => {
                members.push(parseWith(ArchivedMember, parseJson(line, PATHS.members), PATHS.members));
              });
            } catch (err) {
              if (err instanceof BundleProblem) fail('archive.invalid', `The bundle cannot be restored: ${err.message}.`, 'bundle');
              throw err;
            }
          }
          for (const m of members) {
            const token = secrets.randomToken();
            const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
            await tx.invitations.insert({
              id: deps.ids.next(),
              projectId: info.project.id,
              email: m.email,
              role: m.role,
              tokenHash: secrets.sha256(token),
              invitedBy: actor.accountId!,
              createdAt: now.toISOString(),
              expiresAt,
              acceptedAt: null,
              acceptedBy: null,
              revokedAt: null,
            });
            invitations.push({ email: m.email, role: m.role, token, expiresAt });
          }
          await appendAudit(tx, deps, {
            chain: INSTANCE_CHAIN,
            actor,
            action: 'archive.imported',
            targetType: 'project',
            targetId: info.project.id,
            summary: `${actor.name} restored ${info.project.code} “${info.project.name}” from an archive bundle exported ${info.exportedAt} by ${info.exportedBy}: ${events.length} audit events, ${blobFiles.length} blobs, ${members.length} members invited again`,
            data: {
              exportedAt: info.exportedAt,
              exportedBy: info.exportedBy,
              counts,
              blobs: blobFiles.length,
              auditEvents: events.length,
              invited: members.map((m) => ({ email: m.email, role: m.role })),
            },
          });
        });
        onProgress?.({ phase: 'restoring', bytes: total, total });
        const out: ImportSummary['invitations'] = [];
        for (const inv of invitations) {
          const url = `${deps.publicUrl}/invite#token=${inv.token}`;
          let emailed = false;
          if (deps.mailer.configured) {
            try {
              await deps.mailer.send({
                to: inv.email,
                subject: `Invitation to ${info.project.code} on Backlot`,
                text: `${info.project.code} “${info.project.name}” was restored on this Backlot instance by ${actor.name}. You were a ${inv.role} of it.\n\nOpen this link to join again:\n\n${url}\n\nIt works once, until ${inv.expiresAt} (UTC).\n`,
              });
              emailed = true;
            } catch {
              emailed = false;
            }
          }
          out.push({ email: inv.email, role: inv.role, url, emailed });
        }
        return { project: info.project, counts, blobs: blobFiles.length, blobsAdded, auditEvents: events.length, invitations: out };
      } finally {
        await reader.close();
      }
    },
  };
}

export type ArchiveService = ReturnType<typeof createArchiveService>;

/**
 * The audit hash chain. Each event's hash covers its canonical content and the previous hash;
 * the chain head (count, last hash) is kept apart, so an edited, deleted or reordered event is found.
 * Pure: the digest function is passed in.
 */
import { toStoredText } from '@backlot/contracts';

/** The genesis "previous hash" of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Hash formats, recorded on each event: 1 covered everything but the actor's name; 2 covers the
 * actor's name and the format number too. New events are written in the latest; along a chain the
 * format never goes back, so old chains still verify and nothing can be passed off as older.
 */
export const HASH_VERSIONS = [1, 2] as const;
export type HashVersion = (typeof HASH_VERSIONS)[number];
export const CURRENT_HASH_VERSION: HashVersion = 2;

/** The fields of an event that its hash covers (the actor's name from format 2). */
export interface AuditContent {
  chain: string;
  seq: number;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  data: unknown;
  at: string;
}

export interface ChainedEvent extends AuditContent {
  hashVersion: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  count: number;
  lastHash: string;
}

export type Digest = (text: string) => string;

/** JSON with object keys sorted at every depth, so equal content always hashes equal. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function storedJson(value: unknown): unknown {
  if (typeof value === 'string') return toStoredText(value);
  if (Array.isArray(value)) return value.map(storedJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStoredText(k), storedJson(v)]));
  return value;
}

/**
 * An event's content exactly as the databases will give it back: data as JSON keeps it, and every
 * string with NUL and lone surrogates as U+FFFD. Text reaching the log from outside an input (a
 * provider's message, a file name) is hashed as it will be stored, so the chain verifies from what
 * is read back.
 */
export function storedContent(content: AuditContent): AuditContent {
  const text = (s: string) => toStoredText(s);
  return {
    chain: text(content.chain),
    seq: content.seq,
    actorId: content.actorId === null ? null : text(content.actorId),
    actorName: text(content.actorName),
    action: text(content.action),
    targetType: text(content.targetType),
    targetId: content.targetId === null ? null : text(content.targetId),
    summary: text(content.summary),
    data: storedJson(JSON.parse(JSON.stringify(content.data ?? null))),
    at: text(content.at),
  };
}

/** The hash of an event in a format: digest of the previous hash and the canonical content that format covers. */
export function hashEvent(content: AuditContent, prevHash: string, digest: Digest, version: HashVersion = CURRENT_HASH_VERSION): string {
  const { actorName, ...rest } = content;
  const covered = version === 1 ? rest : { ...rest, actorName, hashVersion: version };
  return digest(`${prevHash}\n${canonicalJson(covered)}`);
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

export interface ChainCheck {
  ok: boolean;
  count: number;
  /** The first problem, as before every problem was listed. */
  firstBadSeq: number | null;
  problem: string | null;
  /** Every bad event (or gap), in seq order, with what is wrong in a sentence. */
  problems: ChainProblem[];
  badCount: number;
}

const isHashVersion = (v: number): v is HashVersion => (HASH_VERSIONS as readonly number[]).includes(v);

/**
 * Verifies events (in stored seq order) against the head and reports every problem. Each event is
 * checked on its own (its hash against its content and its stored previous hash) and each link
 * separately, so one edited event does not make every later one look bad: an edit breaks its own
 * hash, a reorder or deletion breaks a link or the numbering, and deleting the last events leaves
 * the head pointing past the end.
 */
export function verifyChain(events: readonly ChainedEvent[], head: ChainHead | null, digest: Digest): ChainCheck {
  const found = new Map<number, string[]>();
  const note = (seq: number, problem: string) => found.set(seq, [...(found.get(seq) ?? []), problem]);
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let newestVersion = 1;
  for (const e of events) {
    if (e.seq > prevSeq + 1) {
      const missing = e.seq - prevSeq === 2 ? `event ${prevSeq + 1} is missing` : `events ${prevSeq + 1} to ${e.seq - 1} are missing`;
      note(prevSeq + 1, `${missing}: events were deleted or renumbered`);
    } else if (e.prevHash !== prevHash) {
      note(
        e.seq,
        e.seq === 1 ? 'event 1 does not start the chain: events were reordered, deleted or replaced' : `event ${e.seq} does not follow event ${prevSeq}: events were reordered, deleted or replaced`,
      );
    }
    if (!isHashVersion(e.hashVersion)) note(e.seq, `event ${e.seq} names hash format ${e.hashVersion}, which Backlot does not know`);
    else {
      const { prevHash: _p, hash: _h, hashVersion: _v, ...content } = e;
      if (hashEvent(content, e.prevHash, digest, e.hashVersion) !== e.hash) note(e.seq, `event ${e.seq} (${e.action}) was changed after it was written`);
      if (e.hashVersion < newestVersion) note(e.seq, `event ${e.seq} is in hash format ${e.hashVersion} after an event in format ${newestVersion}: formats never go back`);
      newestVersion = Math.max(newestVersion, e.hashVersion);
    }
    prevSeq = e.seq;
    prevHash = e.hash;
  }
  const headCount = head?.count ?? 0;
  const headHash = head?.lastHash ?? GENESIS_HASH;
  if (headCount !== prevSeq) {
    note(Math.min(headCount, prevSeq) + 1, `the chain head records ${headCount} events but ${prevSeq} are stored: the last events were deleted or added outside Backlot`);
  } else if (headHash !== prevHash) {
    note(Math.max(prevSeq, 1), 'the last event does not match the chain head');
  }
  const problems = [...found.entries()].sort(([a], [b]) => a - b).map(([seq, list]) => ({ seq, problem: list.join('; ') }));
  return {
    ok: problems.length === 0,
    count: events.length,
    firstBadSeq: problems[0]?.seq ?? null,
    problem: problems[0]?.problem ?? null,
    problems,
    badCount: problems.length,
  };
}

/** The chain name of a project's events. */
export function projectChain(projectId: string): string {
  return `project:${projectId}`;
}

/** The chain of account and instance events. */
export const INSTANCE_CHAIN = 'instance';

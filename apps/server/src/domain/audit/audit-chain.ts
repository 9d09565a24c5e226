/**
 * The audit hash chain. Each event's hash covers its canonical content and the previous hash;
 * the chain head (count, last hash) is kept apart, so an edited, deleted or reordered event is found.
 * Pure: the digest function is passed in.
 */

/** The genesis "previous hash" of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers. */
export interface AuditContent {
  chain: string;
  seq: number;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  data: unknown;
  at: string;
}

export interface ChainedEvent extends AuditContent {
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

/** The hash of an event: digest of the previous hash and its canonical content. */
export function hashEvent(content: AuditContent, prevHash: string, digest: Digest): string {
  return digest(`${prevHash}\n${canonicalJson(content)}`);
}

export interface ChainCheck {
  ok: boolean;
  count: number;
  firstBadSeq: number | null;
  problem: string | null;
}

/**
 * Verifies events (in stored seq order) against the head. Names the first bad event:
 * an edit breaks its own hash, a reorder or deletion breaks a link or the numbering,
 * and deleting the last events leaves the head pointing past the end.
 */
export function verifyChain(events: readonly ChainedEvent[], head: ChainHead | null, digest: Digest): ChainCheck {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const expectedSeq = i + 1;
    if (e.seq !== expectedSeq) {
      return bad(events.length, expectedSeq, `event ${expectedSeq} is missing (found ${e.seq} in its place): events were deleted or renumbered`);
    }
    if (e.prevHash !== prev) {
      return bad(events.length, e.seq, `event ${e.seq} does not follow event ${e.seq - 1}: events were reordered, deleted or replaced`);
    }
    const { prevHash: _p, hash: _h, ...content } = e;
    if (hashEvent(content, prev, digest) !== e.hash) {
      return bad(events.length, e.seq, `event ${e.seq} (${e.action}) was changed after it was written`);
    }
    prev = e.hash;
  }
  const headCount = head?.count ?? 0;
  const headHash = head?.lastHash ?? GENESIS_HASH;
  if (headCount !== events.length) {
    return bad(events.length, Math.min(headCount, events.length) + 1, `the chain head records ${headCount} events but ${events.length} are stored: the last events were deleted or added outside Backlot`);
  }
  if (headHash !== prev) {
    return bad(events.length, events.length, `the last event does not match the chain head`);
  }
  return { ok: true, count: events.length, firstBadSeq: null, problem: null };
}

function bad(count: number, seq: number, problem: string): ChainCheck {
  return { ok: false, count, firstBadSeq: seq, problem };
}

/** The chain name of a project's events. */
export function projectChain(projectId: string): string {
  return `project:${projectId}`;
}

/** The chain of account and instance events. */
export const INSTANCE_CHAIN = 'instance';

/** Appends an event to an audit chain inside the caller's transaction, so the change and its record commit together. */
import { CURRENT_HASH_VERSION, hashEvent, storedContent } from '../../domain/audit/audit-chain.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Repos } from '../../ports/store.ts';

/** Who did it: an account, or Backlot itself (a sweep, a command run on the server). */
export interface Actor {
  accountId: string | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { accountId: null, name: 'Backlot' };

export interface AuditDeps {
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}

export interface NewAuditEvent {
  chain: string;
  actor: Actor;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  data?: Record<string, unknown>;
}

/**
 * Locks the chain head, links the event to it and moves the head forward. The content is first
 * made what the database will give back, and hashed (actor's name included) and stored as that.
 */
export async function appendAudit(tx: Repos, deps: AuditDeps, e: NewAuditEvent): Promise<void> {
  const head = await tx.audit.lockHead(e.chain);
  const content = storedContent({
    chain: e.chain,
    seq: head.count + 1,
    actorId: e.actor.accountId,
    actorName: e.actor.name,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    summary: e.summary,
    data: e.data ?? {},
    at: deps.clock.now().toISOString(),
  });
  const hash = hashEvent(content, head.lastHash, deps.secrets.sha256, CURRENT_HASH_VERSION);
  await tx.audit.insert({ ...content, id: deps.ids.next(), hashVersion: CURRENT_HASH_VERSION, prevHash: head.lastHash, hash });
  await tx.audit.saveHead(e.chain, { count: content.seq, lastHash: hash });
}

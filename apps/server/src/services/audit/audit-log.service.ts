/** Reading and verifying audit chains. */
import type { AuditEvent, ChainVerification } from '@backlot/contracts';
import { verifyChain, type ChainedEvent } from '../../domain/audit/audit-chain.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { AuditRecord, Store } from '../../ports/store.ts';

export interface AuditLogDeps {
  store: Store;
  secrets: Secrets;
}

export function presentAuditEvent(e: AuditRecord): AuditEvent {
  return {
    id: e.id,
    seq: e.seq,
    actor: { id: e.actorId, name: e.actorName },
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    summary: e.summary,
    at: e.at,
    hash: e.hash,
  };
}

export function createAuditLogService(deps: AuditLogDeps) {
  return {
    /** One page of a chain, newest first. */
    async page(chain: string, before: number | undefined, limit: number) {
      const [events, head] = await Promise.all([deps.store.read.audit.page(chain, before, limit), deps.store.read.audit.head(chain)]);
      const last = events[events.length - 1];
      return {
        events: events.map(presentAuditEvent),
        nextBefore: last && last.seq > 1 ? last.seq : null,
        total: head?.count ?? 0,
      };
    },

    /** Recomputes every hash of a chain from the stored values and compares it with the head; reports every bad event. */
    async verify(chain: string): Promise<ChainVerification> {
      const events: ChainedEvent[] = [];
      for await (const batch of deps.store.read.audit.walk(chain, 1000)) {
        for (const { id: _id, ...e } of batch) events.push(e);
      }
      const head = await deps.store.read.audit.head(chain);
      return { chain, ...verifyChain(events, head, deps.secrets.sha256) };
    },

    /** Every chain that exists, for verifying the whole instance. */
    chains: () => deps.store.read.audit.chains(),
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;

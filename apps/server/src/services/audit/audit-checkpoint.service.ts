/**
 * Audit checkpoints: every chain's count and last hash at a moment, recorded and handed out to be
 * kept outside the database. Verifying against one finds what the chain alone cannot: the newest
 * events deleted and the head rewritten to match.
 */
import type { AuditCheckpoint, AuditCheckpointRecord, ChainVerification } from '@backlot/contracts';
import { INSTANCE_CHAIN } from '../../domain/audit/audit-chain.ts';
import type { AuditCheckpointRow, AuditHeadView, Store } from '../../ports/store.ts';
import { appendAudit, type Actor, type AuditDeps } from './audit-append.ts';
import type { AuditLogService } from './audit-log.service.ts';

export interface AuditCheckpointDeps extends AuditDeps {
  store: Store;
  auditLog: AuditLogService;
}

/** How one chain of a checkpoint stands today. */
export interface CheckpointChainCheck {
  chain: string;
  label: string;
  ok: boolean;
  /** Events at the checkpoint, and now. */
  checkpointCount: number;
  count: number;
  /** What is wrong, in sentences; empty when the chain extends the checkpoint. */
  problems: string[];
  verification: ChainVerification;
}

/** `instance`, or `project CODE` (the id when the project is gone). */
function labelOf(head: Pick<AuditHeadView, 'chain' | 'projectCode'>): string {
  if (head.chain === INSTANCE_CHAIN) return 'instance';
  return head.projectCode ? `project ${head.projectCode}` : head.chain;
}

function present(row: AuditCheckpointRow): AuditCheckpointRecord {
  return { id: row.id, takenAt: row.takenAt, takenBy: { id: row.takenById, name: row.takenByName }, checkpoint: row.document };
}

export function createAuditCheckpointService(deps: AuditCheckpointDeps) {
  return {
    /**
     * Takes a checkpoint of the chains named (every chain when none are), records it and audits it
     * on the instance chain, in one transaction. The checkpoint holds the chains as they were just
     * before its own event.
     */
    async take(actor: Actor, only?: readonly string[]): Promise<AuditCheckpointRecord> {
      return deps.store.transaction(async (tx) => {
        const heads = (await tx.audit.heads()).filter((h) => !only || only.includes(h.chain));
        const takenAt = deps.clock.now().toISOString();
        const checkpoint: AuditCheckpoint = {
          kind: 'backlot.audit-checkpoint',
          version: 1,
          takenAt,
          takenBy: actor.name,
          chains: heads.map((h) => ({ chain: h.chain, label: labelOf(h), count: h.count, lastHash: h.lastHash })),
        };
        const row: AuditCheckpointRow = { id: deps.ids.next(), takenAt, takenById: actor.accountId, takenByName: actor.name, document: checkpoint };
        await tx.audit.insertCheckpoint(row);
        const events = heads.reduce((n, h) => n + h.count, 0);
        await appendAudit(tx, deps, {
          chain: INSTANCE_CHAIN,
          actor,
          action: 'audit.checkpoint_taken',
          targetType: 'audit_checkpoint',
          targetId: row.id,
          summary: `${actor.name} took an audit checkpoint of ${heads.length} ${heads.length === 1 ? 'chain' : 'chains'} (${events} ${events === 1 ? 'event' : 'events'})`,
          data: { chains: heads.length, events },
        });
        return present(row);
      });
    },

    /** Checkpoints taken, newest first. */
    async list(limit = 20): Promise<AuditCheckpointRecord[]> {
      return (await deps.store.read.audit.checkpoints(limit)).map(present);
    },

    /**
     * Checks that every chain of a checkpoint still extends it: its event `count` still has the
     * recorded hash, and the whole chain verifies.
     */
    async verifyAgainst(checkpoint: AuditCheckpoint): Promise<CheckpointChainCheck[]> {
      const results: CheckpointChainCheck[] = [];
      for (const c of checkpoint.chains) {
        const verification = await deps.auditLog.verify(c.chain);
        const problems: string[] = [];
        if (c.count > 0) {
          const event = await deps.store.read.audit.eventAt(c.chain, c.count);
          if (!event) problems.push(`event ${c.count}, the last one the checkpoint recorded, is gone: events were deleted since ${checkpoint.takenAt}`);
          else if (event.hash !== c.lastHash) problems.push(`event ${c.count} no longer has the hash the checkpoint recorded: the chain was rewritten since ${checkpoint.takenAt}`);
        }
        if (!verification.ok) {
          problems.push(`the chain does not verify: ${verification.badCount} bad ${verification.badCount === 1 ? 'event' : 'events'}, the first #${verification.firstBadSeq}: ${verification.problem}`);
        }
        results.push({ chain: c.chain, label: c.label, ok: problems.length === 0, checkpointCount: c.count, count: verification.count, problems, verification });
      }
      return results;
    },
  };
}

export type AuditCheckpointService = ReturnType<typeof createAuditCheckpointService>;

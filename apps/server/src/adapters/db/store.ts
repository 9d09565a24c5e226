/** The Kysely implementation of the Store port: every repository, bound to a connection or a transaction. */
import type { Kysely } from 'kysely';
import type { Repos, Store } from '../../ports/store.ts';
import type { Dialect } from './database.ts';
import type { DB } from './schema.ts';
import { isTransient, takenError } from './db-errors.ts';
import { createAccountRepository, createPasswordResetRepository, createSessionRepository, createSettingRepository, createTokenRepository } from './repositories/account.repository.ts';
import { createAuditRepository } from './repositories/audit.repository.ts';
import { createSignInFailureRepository } from './repositories/sign-in-failure.repository.ts';
import { createAssetRepository, createBlobRepository, createPlanReferenceRepository } from './repositories/asset.repository.ts';
import { createSpendRepository } from './repositories/spend.repository.ts';
import { createLedgerRepository, createOutboxRepository, createPriceRepository, createSpendLimitRepository } from './repositories/ledger.repository.ts';
import { createHomeRepository } from './repositories/home.repository.ts';
import { createNoteRepository } from './repositories/note.repository.ts';
import { createTakeFilterRepository, createTakeRepository } from './repositories/take.repository.ts';
import { createProviderKeyRepository } from './repositories/provider-key.repository.ts';
import { createComfyWorkflowRepository } from './repositories/comfy-workflow.repository.ts';
import { createLikenessAssetRepository } from './repositories/likeness-asset.repository.ts';
import { createReviewRepository } from './repositories/review.repository.ts';
import { createRevisionRepository } from './repositories/revision.repository.ts';
import { createSceneRepository, createShotRepository } from './repositories/plan.repository.ts';
import { createArchiveRepository } from './repositories/archive.repository.ts';
import { createDailiesRepository } from './repositories/dailies.repository.ts';
import { createRetentionRepository } from './repositories/retention.repository.ts';
import { createInvitationRepository, createMemberRepository, createProjectRepository } from './repositories/project.repository.ts';

function bind(db: Kysely<DB>, dialect: Dialect): Repos {
  return {
    accounts: createAccountRepository(db),
    sessions: createSessionRepository(db),
    tokens: createTokenRepository(db),
    resets: createPasswordResetRepository(db),
    signInFailures: createSignInFailureRepository(db),
    settings: createSettingRepository(db),
    projects: createProjectRepository(db, dialect),
    members: createMemberRepository(db),
    invitations: createInvitationRepository(db),
    audit: createAuditRepository(db, dialect),
    scenes: createSceneRepository(db),
    shots: createShotRepository(db),
    assets: createAssetRepository(db, dialect),
    blobs: createBlobRepository(db),
    references: createPlanReferenceRepository(db),
    takes: createTakeRepository(db, dialect),
    takeFilters: createTakeFilterRepository(db),
    notes: createNoteRepository(db, dialect),
    home: createHomeRepository(db),
    ledger: createLedgerRepository(db, dialect),
    prices: createPriceRepository(db),
    spendLimits: createSpendLimitRepository(db),
    spend: createSpendRepository(db),
    outbox: createOutboxRepository(db, dialect),
    review: createReviewRepository(db, dialect),
    providerKeys: createProviderKeyRepository(db),
    likenessAssets: createLikenessAssetRepository(db),
    revisions: createRevisionRepository(db),
    dailies: createDailiesRepository(db, dialect),
    comfyWorkflows: createComfyWorkflowRepository(db),
    retention: createRetentionRepository(db),
    archive: createArchiveRepository(db),
  };
}

/** Attempts in all for a transaction the database refuses for its timing alone. */
const ATTEMPTS = 5;

/** 5–15 ms, then 10–30, 20–60…: jittered, so two transactions that collided do not meet again in step. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * (0.5 + Math.random())));

export function createStore(db: Kysely<DB>, dialect: Dialect): Store {
  return {
    read: bind(db, dialect),
    async transaction(work) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction().execute((trx) => work(bind(trx, dialect)));
        } catch (err) {
          // A deadlock or busy database rolled everything back; `work` runs again whole, which is why
          // it may do nothing outside the transaction (blob puts, mail, counters kept by the caller).
          if (isTransient(err) && attempt + 1 < ATTEMPTS) {
            await backoff(attempt);
            continue;
          }
          // Services check names and numbers before inserting; two people taking the same one at once
          // pass that check together, and the unique index refuses the later: the same answer, a 409.
          throw takenError(err) ?? err;
        }
      }
    },
  };
}

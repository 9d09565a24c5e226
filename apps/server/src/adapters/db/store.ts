/** The Kysely implementation of the Store port: every repository, bound to a connection or a transaction. */
import type { Kysely } from 'kysely';
import type { Repos, Store } from '../../ports/store.ts';
import type { Dialect } from './database.ts';
import type { DB } from './schema.ts';
import { createAccountRepository, createPasswordResetRepository, createSessionRepository, createSettingRepository, createTokenRepository } from './repositories/account.repository.ts';
import { createAuditRepository } from './repositories/audit.repository.ts';
import { createSignInFailureRepository } from './repositories/sign-in-failure.repository.ts';
import { createAssetRepository, createBlobRepository, createPlanReferenceRepository } from './repositories/asset.repository.ts';
import { createLedgerRepository, createOutboxRepository, createPriceRepository } from './repositories/ledger.repository.ts';
import { createNoteRepository } from './repositories/note.repository.ts';
import { createTakeRepository } from './repositories/take.repository.ts';
import { createReviewRepository } from './repositories/review.repository.ts';
import { createSceneRepository, createShotRepository } from './repositories/plan.repository.ts';
import { createInvitationRepository, createMemberRepository, createProjectRepository } from './repositories/project.repository.ts';

function bind(db: Kysely<DB>, dialect: Dialect): Repos {
  return {
    accounts: createAccountRepository(db),
    sessions: createSessionRepository(db),
    tokens: createTokenRepository(db),
    resets: createPasswordResetRepository(db),
    signInFailures: createSignInFailureRepository(db),
    settings: createSettingRepository(db),
    projects: createProjectRepository(db),
    members: createMemberRepository(db),
    invitations: createInvitationRepository(db),
    audit: createAuditRepository(db, dialect),
    scenes: createSceneRepository(db),
    shots: createShotRepository(db),
    assets: createAssetRepository(db),
    blobs: createBlobRepository(db),
    references: createPlanReferenceRepository(db),
    takes: createTakeRepository(db, dialect),
    notes: createNoteRepository(db, dialect),
    ledger: createLedgerRepository(db, dialect),
    prices: createPriceRepository(db),
    outbox: createOutboxRepository(db, dialect),
    review: createReviewRepository(db, dialect),
  };
}

export function createStore(db: Kysely<DB>, dialect: Dialect): Store {
  return {
    read: bind(db, dialect),
    transaction: (work) => db.transaction().execute((trx) => work(bind(trx, dialect))),
  };
}

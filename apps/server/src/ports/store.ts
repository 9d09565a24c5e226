/**
 * The database port: repository interfaces and a unit of work. Services see only these types;
 * the Kysely adapters implement them on SQLite and PostgreSQL alike.
 */
import type { ArchiveRepository } from './archive.ts';
import type { AuditCheckpoint, GenerationProjectSettings, ReviewProjectSettings, Role } from '@backlot/contracts';
import type { ChainedEvent, ChainHead } from '../domain/audit/audit-chain.ts';
import type { AssetRepository, BlobRepository, LikenessAssetRepository, PlanReferenceRepository } from './asset-store.ts';
import type { DailiesRepository } from './dailies-store.ts';
import type { HomeRepository } from './home-store.ts';
import type { NoteRepository } from './note-store.ts';
import type { SceneRepository, ShotRepository } from './plan-store.ts';
import type { ReviewRepository } from './review-store.ts';
import type { SpendRepository } from './spend-store.ts';
import type { RevisionRepository } from './revision-store.ts';
import type { RetentionRepository } from './retention-store.ts';
import type { LedgerRepository, OutboxRepository, PriceRepository, SpendLimitRepository, TakeFilterRepository, TakeRepository } from './take-store.ts';

export interface AccountRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  isAdmin: boolean;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SessionRecord {
  id: string;
  accountId: string;
  tokenHash: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  userAgent: string | null;
}

export interface TokenRecord {
  id: string;
  accountId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface PasswordResetRecord {
  id: string;
  accountId: string;
  tokenHash: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface ProjectRecord {
  id: string;
  code: string;
  name: string;
  fpsNum: number;
  fpsDen: number;
  timecodeMode: 'ndf' | 'df';
  width: number;
  height: number;
  currency: string;
  budgetMicros: number;
  /** Generation rules of the project (lock requirement, continuity thresholds). */
  generation: GenerationProjectSettings;
  /** Review rules of the project (which decisions need a reason). */
  review: ReviewProjectSettings;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface MemberRecord {
  projectId: string;
  accountId: string;
  role: Role;
  createdAt: string;
}

export interface MemberView extends MemberRecord {
  name: string;
  email: string;
}

export interface InvitationRecord {
  id: string;
  projectId: string;
  email: string;
  role: Role;
  tokenHash: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  revokedAt: string | null;
}

export interface AuditRecord extends ChainedEvent {
  id: string;
}

/** A chain head, with the project's code when the chain is a project's. */
export interface AuditHeadView extends ChainHead {
  chain: string;
  projectCode: string | null;
}

export interface AuditCheckpointRow {
  id: string;
  takenAt: string;
  takenById: string | null;
  takenByName: string;
  /** The document as handed out. */
  document: AuditCheckpoint;
}

/** A provider key as stored: sealed, with who set it and how its last connection test went. */
export interface ProviderKeyRecord {
  id: string;
  /** 'instance', or the project's id. */
  scope: string;
  projectId: string | null;
  provider: string;
  sealed: string;
  sealedWith: string;
  hint: string;
  /** The provider's asset-API credential (JSON), sealed like the key, and its hint; null when none was set. */
  assetSealed: string | null;
  assetHint: string | null;
  setById: string | null;
  setByName: string;
  setAt: string;
  test: { at: string; ok: boolean; message: string } | null;
}

export interface ProviderKeyRepository {
  find(scope: string, provider: string): Promise<ProviderKeyRecord | undefined>;
  list(scope: string): Promise<ProviderKeyRecord[]>;
  /** Every stored key of every scope (rotation, the start-up check). */
  all(): Promise<ProviderKeyRecord[]>;
  /** Sets the scope's key for the provider, replacing one already there. */
  put(k: ProviderKeyRecord): Promise<void>;
  remove(scope: string, provider: string): Promise<boolean>;
  reseal(id: string, sealed: string, sealedWith: string, assetSealed: string | null): Promise<void>;
  recordTest(id: string, test: { at: string; ok: boolean; message: string }): Promise<void>;
}

export type ClosedFilter = 'include' | 'only' | 'exclude';

export interface AccountRepository {
  count(): Promise<number>;
  countActiveAdmins(): Promise<number>;
  insert(a: AccountRecord): Promise<void>;
  findById(id: string): Promise<AccountRecord | undefined>;
  /** Accounts by id, in one query (the event streams' access checks). */
  findByIds(ids: string[]): Promise<AccountRecord[]>;
  findByEmail(email: string): Promise<AccountRecord | undefined>;
  list(): Promise<AccountRecord[]>;
  update(id: string, patch: Partial<Pick<AccountRecord, 'name' | 'passwordHash' | 'isAdmin' | 'disabledAt' | 'updatedAt'>>): Promise<void>;
}

export interface SessionRepository {
  insert(s: SessionRecord): Promise<void>;
  findByTokenHash(hash: string): Promise<SessionRecord | undefined>;
  findById(id: string): Promise<SessionRecord | undefined>;
  findByIds(ids: string[]): Promise<SessionRecord[]>;
  touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  revoke(id: string, at: string): Promise<void>;
  revokeAllForAccount(accountId: string, at: string, exceptId?: string): Promise<void>;
  listActive(accountId: string, now: string): Promise<SessionRecord[]>;
}

export interface TokenRepository {
  insert(t: TokenRecord): Promise<void>;
  findByHash(hash: string): Promise<TokenRecord | undefined>;
  listActive(accountId: string, now: string): Promise<TokenRecord[]>;
  findById(id: string): Promise<TokenRecord | undefined>;
  findByIds(ids: string[]): Promise<TokenRecord[]>;
  revoke(id: string, at: string): Promise<void>;
  /** Revokes every token of the account still in force; answers how many. */
  revokeAllForAccount(accountId: string, at: string): Promise<number>;
  touch(id: string, at: string): Promise<void>;
}

export interface PasswordResetRepository {
  insert(r: PasswordResetRecord): Promise<void>;
  findByHash(hash: string): Promise<PasswordResetRecord | undefined>;
  markUsed(id: string, at: string): Promise<void>;
  invalidateForAccount(accountId: string, at: string): Promise<void>;
}

/**
 * Failed sign-ins counted per email within a window, shared by every server on the database. An
 * attempt is counted before its password is checked and forgotten when it succeeds, so guesses
 * sent at once cannot all slip past the limit.
 */
export interface SignInFailureRepository {
  /**
   * Counts one attempt for the email, atomically, first forgetting every count whose window began
   * at or before `windowStart`; answers the count now and when its window began.
   */
  countAttempt(email: string, at: string, windowStart: string): Promise<{ failures: number; firstFailedAt: string }>;
  /** Forgets the email's count (after a successful sign-in). */
  clear(email: string): Promise<void>;
}

export interface SettingRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface ProjectRepository {
  /**
   * Locks the project until the transaction ends, so whatever allocates a number or code in it
   * (scenes, shots, takes, versions) or reorders its rows takes turns and reads what the one before
   * wrote. Taken first in the transaction, before any row of the project, so locks always come in
   * one order. A row lock on PostgreSQL; SQLite's write lock already serialises.
   */
  lock(id: string): Promise<void>;
  insert(p: ProjectRecord): Promise<void>;
  findById(id: string): Promise<ProjectRecord | undefined>;
  findByCode(code: string): Promise<ProjectRecord | undefined>;
  listForAccount(accountId: string, closed: ClosedFilter): Promise<(ProjectRecord & { role: Role })[]>;
  update(id: string, patch: Partial<Omit<ProjectRecord, 'id' | 'code' | 'createdBy' | 'createdAt'>>): Promise<void>;
}

export interface MemberRepository {
  /** The member's role and whether the project is closed, in one query; undefined when not a member. */
  findAccess(projectId: string, accountId: string): Promise<{ role: Role; closed: boolean } | undefined>;
  /** The same for many accounts in one query; members only. */
  findAccessMany(projectId: string, accountIds: string[]): Promise<Map<string, { role: Role; closed: boolean }>>;
  find(projectId: string, accountId: string): Promise<MemberView | undefined>;
  list(projectId: string): Promise<MemberView[]>;
  insert(m: MemberRecord): Promise<void>;
  updateRole(projectId: string, accountId: string, role: Role): Promise<void>;
  remove(projectId: string, accountId: string): Promise<void>;
  countOwners(projectId: string): Promise<number>;
}

export interface InvitationRepository {
  insert(i: InvitationRecord): Promise<void>;
  findByHash(hash: string): Promise<InvitationRecord | undefined>;
  findById(projectId: string, id: string): Promise<InvitationRecord | undefined>;
  list(projectId: string): Promise<(InvitationRecord & { invitedByName: string })[]>;
  markAccepted(id: string, accountId: string, at: string): Promise<void>;
  revoke(id: string, at: string): Promise<void>;
}

export interface AuditRepository {
  /** The chain head, locked against concurrent appends until the transaction ends. */
  lockHead(chain: string): Promise<ChainHead>;
  insert(e: AuditRecord): Promise<void>;
  saveHead(chain: string, head: ChainHead): Promise<void>;
  /** Newest first, seq below `before`. */
  page(chain: string, before: number | undefined, limit: number): Promise<AuditRecord[]>;
  head(chain: string): Promise<ChainHead | null>;
  /** Every event of a chain in stored seq order, in batches. */
  walk(chain: string, batch: number): AsyncIterable<AuditRecord[]>;
  /** The event numbered `seq`, as stored. */
  eventAt(chain: string, seq: number): Promise<AuditRecord | undefined>;
  chains(): Promise<string[]>;
  /** Every chain head, in chain order. */
  heads(): Promise<AuditHeadView[]>;
  insertCheckpoint(c: AuditCheckpointRow): Promise<void>;
  /** Checkpoints taken, newest first. */
  checkpoints(limit: number): Promise<AuditCheckpointRow[]>;
}

/** Every repository, bound to one connection or transaction. */
export interface Repos {
  accounts: AccountRepository;
  sessions: SessionRepository;
  tokens: TokenRepository;
  resets: PasswordResetRepository;
  signInFailures: SignInFailureRepository;
  settings: SettingRepository;
  projects: ProjectRepository;
  members: MemberRepository;
  invitations: InvitationRepository;
  audit: AuditRepository;
  scenes: SceneRepository;
  shots: ShotRepository;
  assets: AssetRepository;
  blobs: BlobRepository;
  references: PlanReferenceRepository;
  takes: TakeRepository;
  takeFilters: TakeFilterRepository;
  notes: NoteRepository;
  home: HomeRepository;
  ledger: LedgerRepository;
  prices: PriceRepository;
  spendLimits: SpendLimitRepository;
  spend: SpendRepository;
  outbox: OutboxRepository;
  review: ReviewRepository;
  providerKeys: ProviderKeyRepository;
  likenessAssets: LikenessAssetRepository;
  revisions: RevisionRepository;
  dailies: DailiesRepository;
  comfyWorkflows: ComfyWorkflowRepository;
  retention: RetentionRepository;
  /** A project's rows as stored, read for and restored from an archive bundle (issue 19). */
  archive: ArchiveRepository;
}

/** A project's ComfyUI workflow (issue 18); its versions never change once written. */
export interface ComfyWorkflowRecord {
  id: string;
  projectId: string;
  name: string;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface ComfyWorkflowVersionRecord {
  workflowId: string;
  version: number;
  /** The API-format graph and the mapping, as stored JSON. */
  workflow: Record<string, unknown>;
  mapping: { fps: number; inputs: Record<string, { node: string; input: string }> };
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ComfyWorkflowRepository {
  list(projectId: string): Promise<ComfyWorkflowRecord[]>;
  findById(projectId: string, id: string): Promise<ComfyWorkflowRecord | undefined>;
  insert(w: ComfyWorkflowRecord): Promise<void>;
  /** Moves the current version on by one and answers the new number (the row is locked until the transaction ends). */
  nextVersion(id: string, updatedAt: string): Promise<number>;
  insertVersion(v: ComfyWorkflowVersionRecord): Promise<void>;
  version(id: string, version: number): Promise<ComfyWorkflowVersionRecord | undefined>;
  /** Every version, newest first. */
  versions(id: string): Promise<ComfyWorkflowVersionRecord[]>;
}

/** Reads outside a transaction, and all-or-nothing writes inside one. */
export interface Store {
  readonly read: Repos;
  /**
   * Runs `work` in one transaction. When the database refuses it for its timing alone (a deadlock,
   * a busy file) it runs again from the start, so `work` must change nothing outside the
   * transaction: blob puts, mail and the caller's own counters go before or after it. A name or
   * number taken by someone else at the same moment fails with the same domain error as the
   * service's own check (`scene.number_taken`, `project.code_taken`…).
   */
  transaction<T>(work: (tx: Repos) => Promise<T>): Promise<T>;
}

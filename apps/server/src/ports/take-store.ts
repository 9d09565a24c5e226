/** Repository interfaces for takes (each row is also the worker's job), the ledger, the price catalog and the event outbox. */
import type { Adaptation, ContinuityResult, GenerationStatus, ProjectEvent, ReferenceRole } from '@backlot/contracts';
import type { CompiledRequest, GenerationSpec, TaskSnapshot } from './video-provider.ts';

/** Where the worker is inside a status. */
export type TakeStep = 'submit' | 'cancel' | 'poll' | 'ingest' | 'done';

/** What ingest learned about a take's output, kept as one record on the take. */
export interface TakeMediaRecord {
  originalSha256: string;
  proxySha256: string;
  posterSha256: string;
  filmstripSha256: string;
  filmstrip: { columns: number; rows: number; tileWidth: number; tileHeight: number; frameNumbers: number[] };
  width: number;
  height: number;
  frameRate: string;
  frames: number;
  durationUs: number;
  videoCodec: string | null;
  /** The original's audio codec, null when it has no sound; absent on takes ingested before it was recorded (read as no sound). */
  audioCodec?: string | null;
  mediaType: string;
  proxyFrames: number;
}

export interface TakeRecord {
  id: string;
  projectId: string;
  shotId: string;
  number: number;
  provider: string;
  model: string;
  external: boolean;
  status: GenerationStatus;
  step: TakeStep;
  providerStatus: string | null;
  progress: number | null;
  error: { code: string; message: string; category: string } | null;
  review: string;
  planVersion: number;
  settings: Record<string, unknown>;
  seed: number | null;
  prompt: string;
  negativePrompt: string | null;
  /** The provider-neutral spec the request was compiled from (needed to estimate and settle). */
  spec: GenerationSpec | null;
  /** Exactly what is (or was) sent, credentials redacted. */
  request: CompiledRequest | null;
  adaptations: Adaptation[];
  idempotencyKey: string;
  webhookSecret: string | null;
  providerTaskId: string | null;
  snapshot: TaskSnapshot | null;
  currency: string;
  estimateMicros: number;
  reservedMicros: number;
  actualMicros: number | null;
  estimateDetail: string;
  usageUnit: string;
  usageQuantity: number;
  media: TakeMediaRecord | null;
  continuity: ContinuityResult[];
  outputHidden: boolean;
  parentTakeId: string | null;
  requestedBy: string;
  requestedByName: string;
  attempts: number;
  /** The provider answered the last send with a refusal (a 429, a 4xx): the take is certainly not there. Absent: false. */
  sendRefused?: boolean;
  nextAttemptAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  requestedAt: string;
  submittedAt: string | null;
  finishedAt: string | null;
  ingestMs: number | null;
  updatedAt: string;
  criteria: { criterion: string; result: 'pass' | 'fail' | 'unsure' }[];
  rating: number | null;
  verdict: string;
  inFrame: number | null;
  outFrame: number | null;
  /** The note this take was generated from. */
  sourceNoteId: string | null;
  /** The price it was estimated at: `catalog:<entry id>`, `instance`, `list` or `free`; null before the catalog kept it. */
  priceSource: string | null;
  /** A producer's decision on a take asked for over the sign-off threshold; null while none was needed or made. */
  signOff: SignOffRecord | null;
  /** What retention purged from the take (its `media` is then null); absent or null when nothing was. */
  mediaPurge?: MediaPurgeRecord | null;
}

/** A take's media purged by retention: when, by whom, how many bytes were freed, and the poster it keeps. */
export interface MediaPurgeRecord {
  at: string;
  byName: string;
  bytes: number;
  posterSha256: string;
  /** The files the take held before (original, proxy, filmstrip), for the record. */
  purged: { originalSha256: string; proxySha256: string; filmstripSha256: string };
}

export interface SignOffRecord {
  decision: 'signed_off' | 'refused';
  byId: string | null;
  byName: string;
  at: string;
  reason: string | null;
}

export type TakePatch = Partial<
  Pick<
    TakeRecord,
    | 'status'
    | 'step'
    | 'providerStatus'
    | 'progress'
    | 'error'
    | 'review'
    | 'request'
    | 'providerTaskId'
    | 'snapshot'
    | 'actualMicros'
    | 'media'
    | 'continuity'
    | 'outputHidden'
    | 'attempts'
    | 'sendRefused'
    | 'nextAttemptAt'
    | 'leaseOwner'
    | 'leaseUntil'
    | 'submittedAt'
    | 'finishedAt'
    | 'ingestMs'
    | 'updatedAt'
    | 'criteria'
    | 'rating'
    | 'verdict'
    | 'inFrame'
    | 'outFrame'
    | 'reservedMicros'
    | 'signOff'
  >
>;

export interface TakeReferenceRecord {
  takeId: string;
  assetId: string;
  assetVersion: number;
  role: ReferenceRole;
}

export interface TakeRepository {
  insert(t: TakeRecord): Promise<void>;
  insertReferences(refs: TakeReferenceRecord[]): Promise<void>;
  findById(projectId: string, id: string): Promise<TakeRecord | undefined>;
  /** By id alone, for the worker. */
  get(id: string): Promise<TakeRecord | undefined>;
  /** Newest first. */
  listForShot(shotId: string, filter?: { status?: GenerationStatus }): Promise<TakeRecord[]>;
  references(takeIds: string[]): Promise<TakeReferenceRecord[]>;
  /** The next take number of a shot (numbers are never reused: takes are never deleted). */
  nextNumber(shotId: string): Promise<number>;
  update(id: string, patch: TakePatch): Promise<void>;
  /** Writes while `owner` holds the lease (and, when `status` is given, while the take is still in it); false when it did not. */
  updateLeased(id: string, owner: string, patch: TakePatch, status?: GenerationStatus): Promise<boolean>;
  /**
   * Claims up to `limit` takes that have work to do (not terminal, not awaiting approval, due, and
   * not leased by a live worker), leasing them to `owner` until `leaseUntil`; answers their ids.
   * On PostgreSQL `FOR UPDATE SKIP LOCKED`; on SQLite the write lock of the transaction makes it atomic.
   */
  claim(owner: string, now: string, leaseUntil: string, limit: number): Promise<string[]>;
  /**
   * Gives the take one of a provider key's `limit` places and writes `patch` (the attempt that is
   * about to send it), while `owner` holds its lease; when the places are all held it writes
   * `waiting` instead and marks the take as waiting for that key. False when it got no place (or
   * the lease was lost). A place is held by a take at the provider (sent, running or being
   * canceled, until its output is ready) or being sent by a worker, in every process sharing the
   * database. Call it inside a transaction: PostgreSQL locks the key until the transaction ends,
   * SQLite's write lock already serialises.
   */
  takeSlot(id: string, owner: string, slotKey: string, limit: number, patch: TakePatch, waiting: TakePatch): Promise<boolean>;
  /** Makes the `count` longest-waiting takes waiting for a place under this key due now. */
  wakeWaiting(slotKey: string, count: number, now: string): Promise<void>;
  /** Of these tasks at a provider, the ones a take other than `takeId` holds. */
  heldTaskIds(provider: string, providerTaskIds: string[], takeId: string): Promise<Set<string>>;
  /** When the next take with work left and no live lease is due (an ISO time, maybe past); undefined when none is. */
  nextDue(now: string): Promise<string | undefined>;
  /** A project's takes in these review states, by shot and number. */
  listReviewed(projectId: string, states: string[]): Promise<TakeRecord[]>;
  /** The approved take of each of these shots (a shot has at most one). */
  approvedForShots(shotIds: string[]): Promise<TakeRecord[]>;
  /** The approved take of a shot, if any. */
  approvedForShot(shotId: string): Promise<TakeRecord | undefined>;
  /**
   * A page of a project's takes in the sort's order, after the cursor's key if given (else from
   * `offset`), with how many match the filter and the sort key of the page's last take (for the
   * next cursor); `reviewedOnly` keeps the selected and approved takes whose output is shown.
   */
  pageForProject(
    projectId: string,
    filter: ProjectTakeFilter & { sort: TakeSort; limit: number; offset: number; after?: TakeSortKey },
  ): Promise<{ items: TakeRecord[]; total: number; lastKey: TakeSortKey | null }>;
  /** Rendered takes of a project (or one scene) whose output is shown and that are not rejected, in scene and shot order, newest first within a shot. */
  renderedForProject(projectId: string, sceneId?: string): Promise<(TakeRecord & { sceneId: string })[]>;
  /** The shots holding takes that match the filter (state, scene and shot aside), in scene and shot order. */
  shotsWithTakes(projectId: string, filter: Pick<ProjectTakeFilter, 'reviewedOnly'>): Promise<{ id: string; code: string; sceneId: string; sceneNumber: string }[]>;
  /** Per provider and model, the project's takes settled in a currency: how many, and their estimates and actual costs summed. */
  settledByModel(projectId: string, currency: string): Promise<{ provider: string; model: string; takes: number; estimatedMicros: number; actualMicros: number }[]>;
}

/** Which of a project's takes a list holds. */
export interface ProjectTakeFilter {
  /** Plain words (letters and digits only): every one is in the prompt; the last may be the start of a word. */
  words?: string[];
  provider?: string;
  model?: string;
  seed?: number;
  status?: string;
  review?: string;
  requestedBy?: string;
  sceneId?: string;
  shotId?: string;
  /** Requested at or after this instant (ISO, UTC). */
  from?: string;
  /** Requested at or before this instant (ISO, UTC). */
  to?: string;
  /** Only selected and approved takes whose output is not hidden (what every member may see). */
  reviewedOnly: boolean;
}

/** The orders of a project's takes: scene and shot order (newest take of a shot first), by request time, or dearest first. */
export type TakeSort = 'scene' | 'newest' | 'oldest' | 'cost';

/** Where a take stands in a sort, the take's id or number last so that no two takes share a key. */
export type TakeSortKey = (string | number)[];

/** A member's saved search of a project's takes. */
export interface TakeFilterRecord {
  id: string;
  projectId: string;
  accountId: string;
  name: string;
  query: Record<string, unknown>;
  createdAt: string;
}

export interface TakeFilterRepository {
  insert(filter: TakeFilterRecord): Promise<void>;
  /** A member's saved searches in a project, by name. */
  listFor(projectId: string, accountId: string): Promise<TakeFilterRecord[]>;
  /** Deletes one of a member's saved searches; whether there was one. */
  delete(projectId: string, accountId: string, id: string): Promise<boolean>;
}

export interface LedgerEntryRecord {
  id: string;
  projectId: string;
  takeId: string | null;
  kind: 'reservation' | 'settlement' | 'release';
  amountMicros: number;
  currency: string;
  note: string;
  createdAt: string;
}

export interface LedgerRepository {
  /** Locks the project's ledger until the transaction ends (a row lock on PostgreSQL; SQLite's write lock already serialises). */
  lock(projectId: string): Promise<void>;
  /** Entries are only ever appended. */
  append(e: LedgerEntryRecord): Promise<void>;
  /** Sums per kind, in micro-units. */
  totals(projectId: string): Promise<{ reserved: number; settled: number; released: number }>;
  /** Sums per kind for the takes of one scene, or those one member asked for (since a time, when given). */
  totalsFor(projectId: string, of: { sceneId: string } | { requestedBy: string; since?: string }): Promise<{ reserved: number; settled: number; released: number }>;
  /** Per scene, sums per kind for its takes. */
  totalsByScene(projectId: string): Promise<{ sceneId: string; reserved: number; settled: number; released: number }[]>;
  forTake(takeId: string): Promise<LedgerEntryRecord[]>;
}

export interface PriceRecord {
  currency: string;
  provider: string;
  model: string;
  unit: string;
  /** `priceMicros` buys this many units. */
  perQuantity: number;
  priceMicros: number;
  updatedAt: string;
}

/** A scene's own budget, within the project's. */
export interface SceneBudgetRecord {
  sceneId: string;
  projectId: string;
  amountMicros: number;
  setByName: string;
  setAt: string;
}

/** A spend cap: for one member, or for each member of a role; per UTC day or over the project. */
export interface SpendCapRecord {
  id: string;
  projectId: string;
  subjectKind: 'member' | 'role';
  subject: string;
  period: 'day' | 'project';
  amountMicros: number;
  setByName: string;
  setAt: string;
}

/** Scene budgets and spend caps. */
export interface SpendLimitRepository {
  sceneBudgets(projectId: string): Promise<SceneBudgetRecord[]>;
  sceneBudget(sceneId: string): Promise<SceneBudgetRecord | undefined>;
  setSceneBudget(b: SceneBudgetRecord): Promise<void>;
  removeSceneBudget(sceneId: string): Promise<void>;
  caps(projectId: string): Promise<SpendCapRecord[]>;
  /** Sets the cap for its subject and period, replacing the one there. */
  setCap(c: SpendCapRecord): Promise<void>;
  removeCap(projectId: string, subjectKind: 'member' | 'role', subject: string, period: 'day' | 'project'): Promise<void>;
}

/** A project's price for a model from a date on: appended, never changed. */
export interface PriceEntryRecord {
  id: string;
  projectId: string;
  currency: string;
  provider: string;
  model: string;
  unit: string;
  /** `priceMicros` buys this many units. */
  perQuantity: number;
  priceMicros: number;
  inForceFrom: string;
  source: string;
  setById: string | null;
  setByName: string;
  createdAt: string;
}

export interface PriceRepository {
  /** The instance's standing price (the operator's), in force whenever the project's catalog has none. */
  find(currency: string, provider: string, model: string): Promise<PriceRecord | undefined>;
  /** The project's entry in force at `at`: the latest in force from no later than `at` (the newest written, on a tie). */
  entryInForce(projectId: string, currency: string, provider: string, model: string, at: string): Promise<PriceEntryRecord | undefined>;
  appendEntry(e: PriceEntryRecord): Promise<void>;
  /** Every entry of the project in a currency, newest in force first. */
  entries(projectId: string, currency: string): Promise<PriceEntryRecord[]>;
  upsert(p: PriceRecord): Promise<void>;
  list(currency?: string): Promise<PriceRecord[]>;
}

/** Announces an event when (and only if) the transaction commits: an outbox row on SQLite, NOTIFY on PostgreSQL. */
export interface OutboxRepository {
  publish(event: ProjectEvent): Promise<void>;
}

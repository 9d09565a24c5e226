/** Repository interfaces for references: assets, their versions and files, blobs, clearance history, consents, and plan references. */
import type { ClearanceState, ReferenceRole } from '@backlot/contracts';

export interface AssetRecord {
  id: string;
  projectId: string;
  kind: string;
  name: string;
  status: string;
  clearance: ClearanceState;
  source: string;
  notes: string;
  tags: string[];
  rightsSource: string;
  flags: string[];
  currentVersion: number;
  lockedVersion: number | null;
  everCleared: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AssetFileRecord {
  id: string;
  assetId: string;
  version: number;
  view: string;
  sha256: string;
  mediaType: string;
  kind: 'image' | 'video' | 'audio';
  size: number;
  width: number | null;
  height: number | null;
  durationUs: number | null;
  frameRate: string | null;
  videoCodec: string | null;
  audioCodec: string | null;
  posterSha256: string | null;
  thumbnailSha256: string | null;
  originalName: string | null;
  createdAt: string;
}

export interface AssetVersionRecord {
  assetId: string;
  version: number;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ConsentRecord {
  id: string;
  assetId: string;
  person: string;
  scope: string;
  expiresOn: string;
  documentSha256: string | null;
  documentName: string | null;
  recordedBy: string;
  recordedAt: string;
  /** When the person withdrew it (null while in force), by whom it was recorded and why. */
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
}

/** One change to a consent after it was recorded: an edit of its terms, or its withdrawal. */
export interface ConsentChangeRecord {
  id: string;
  consentId: string;
  action: 'edited' | 'withdrawn';
  changes: { field: 'person' | 'scope' | 'expiresOn'; from: string; to: string }[];
  reason: string;
  actorName: string;
  at: string;
}

export interface ClearanceEventRecord {
  id: string;
  assetId: string;
  from: ClearanceState;
  to: ClearanceState;
  reason: string;
  actorName: string;
  at: string;
}

export interface PlanReferenceRecord {
  shotId: string;
  planVersion: number;
  assetId: string;
  assetVersion: number;
  role: ReferenceRole;
}

export type AssetPatch = Partial<Pick<AssetRecord, 'name' | 'notes' | 'tags' | 'rightsSource' | 'flags' | 'clearance' | 'currentVersion' | 'lockedVersion' | 'everCleared' | 'status' | 'updatedAt'>>;

export interface AssetRepository {
  list(projectId: string, filter?: { kind?: string; clearance?: string }): Promise<AssetRecord[]>;
  listByKind(projectId: string, kind: string): Promise<AssetRecord[]>;
  findById(projectId: string, id: string): Promise<AssetRecord | undefined>;
  findMany(projectId: string, ids: string[]): Promise<AssetRecord[]>;
  insert(a: Omit<AssetRecord, 'notes' | 'tags' | 'rightsSource' | 'flags' | 'currentVersion' | 'lockedVersion' | 'everCleared'> & Partial<AssetRecord>): Promise<void>;
  update(id: string, patch: AssetPatch): Promise<void>;
  /** Deletes an asset row (the caller makes sure nothing refers to it). */
  delete(id: string): Promise<void>;
  insertVersion(v: AssetVersionRecord): Promise<void>;
  versions(assetId: string): Promise<AssetVersionRecord[]>;
  insertFile(f: AssetFileRecord): Promise<void>;
  files(assetId: string): Promise<AssetFileRecord[]>;
  /** The first file (main view first) of each asset's current version, for thumbnails in lists. */
  coverFiles(assetIds: string[]): Promise<AssetFileRecord[]>;
  /** The name the original with this hash was uploaded under in this project, if any. */
  originalName(projectId: string, sha256: string): Promise<string | undefined>;
  /** Whether a blob belongs to this project (as a file, poster, thumbnail or consent document). */
  blobInProject(projectId: string, sha256: string): Promise<boolean>;
  insertClearanceEvent(e: ClearanceEventRecord): Promise<void>;
  clearanceEvents(assetId: string): Promise<ClearanceEventRecord[]>;
  insertConsent(c: ConsentRecord): Promise<void>;
  /** Every consent of the assets, withdrawn ones included (check `withdrawnAt`), latest expiry first. */
  consents(assetIds: string[]): Promise<ConsentRecord[]>;
  /** One consent of an asset; locks it until the transaction ends (PostgreSQL; SQLite's write lock already serialises). */
  consentForUpdate(assetId: string, consentId: string): Promise<ConsentRecord | undefined>;
  updateConsent(id: string, patch: Partial<Pick<ConsentRecord, 'person' | 'scope' | 'expiresOn' | 'withdrawnAt' | 'withdrawnBy' | 'withdrawalReason'>>): Promise<void>;
  insertConsentChange(c: ConsentChangeRecord): Promise<void>;
  /** Changes of the consents, oldest first. */
  consentChanges(consentIds: string[]): Promise<ConsentChangeRecord[]>;
}

export interface BlobRepository {
  /** Records a stored blob once; a second record of the same content is a no-op. */
  record(b: { sha256: string; size: number; mediaType: string; createdAt: string }): Promise<void>;
  exists(sha256: string): Promise<boolean>;
  mediaType(sha256: string): Promise<string | undefined>;
}

export interface PlanReferenceRepository {
  forVersion(shotId: string, planVersion: number): Promise<PlanReferenceRecord[]>;
  /** The references of each shot's current plan version, for many shots at once. */
  currentForShots(shotIds: string[]): Promise<PlanReferenceRecord[]>;
  insertMany(refs: PlanReferenceRecord[]): Promise<void>;
  /** Shots whose current plan references the asset, with the version and role. */
  usage(assetId: string): Promise<{ shotId: string; code: string; assetVersion: number; role: ReferenceRole }[]>;
}

/** Where a likeness stands in a provider's asset library. */
export type LikenessAssetState = 'registering' | 'processing' | 'active' | 'failed' | 'deleted';

/** A consented likeness registered in a provider's asset library: one per consent, provider and picture. */
export interface LikenessAssetRecord {
  id: string;
  consentId: string;
  projectId: string;
  provider: string;
  /** The picture registered (a reference version's file). */
  imageSha256: string;
  state: LikenessAssetState;
  /** The provider's group of the person's assets, and this asset, once it answered. */
  groupId: string | null;
  assetId: string | null;
  /** Why registering failed, in the provider's words. */
  failure: string | null;
  /** When registering was started (who claims it registers; the others wait). */
  claimedAt: string;
  registeredAt: string | null;
  deletedAt: string | null;
  /** Deletions tried and failed so far, the last error, and when the next try is due. */
  deleteAttempts: number;
  deleteError: string | null;
  nextDeleteAt: string | null;
}

/** A likeness asset due to be deleted, with what the audit entry names. */
export interface RetiringLikenessAsset extends LikenessAssetRecord {
  assetName: string;
  person: string;
  /** Why: the consent's withdrawal, or its expiry. */
  withdrawnAt: string | null;
  expiresOn: string;
}

export interface LikenessAssetRepository {
  /** The records of the consents (every provider), oldest claim first. */
  forConsents(consentIds: string[]): Promise<LikenessAssetRecord[]>;
  /** Claims registering a picture for a consent at a provider; false when a record is already there. */
  claim(r: LikenessAssetRecord): Promise<boolean>;
  /** Takes over a stale claim (its `claimedAt` unchanged since read); false when someone else did. */
  reclaim(id: string, claimedAt: string, now: string): Promise<boolean>;
  update(
    id: string,
    patch: Partial<Pick<LikenessAssetRecord, 'state' | 'claimedAt' | 'groupId' | 'assetId' | 'failure' | 'registeredAt' | 'deletedAt' | 'deleteAttempts' | 'deleteError' | 'nextDeleteAt'>>,
  ): Promise<void>;
  /** Records a processing asset as settled (active or failed); false when another process already did. */
  settle(id: string, patch: Pick<LikenessAssetRecord, 'state'> & Partial<Pick<LikenessAssetRecord, 'registeredAt' | 'failure'>>): Promise<boolean>;
  /** The provider's group of an earlier asset of the same person of the same reference, if any. */
  groupOf(assetId: string, person: string, provider: string): Promise<string | undefined>;
  /** The records of these provider asset ids at a provider, with their consent's state (deleted ones too). */
  byAssetIds(provider: string, assetIds: string[]): Promise<RetiringLikenessAsset[]>;
  /** Records not deleted yet whose consent was withdrawn or expired before `today`, due by `now`. */
  dueForDeletion(today: string, now: string, limit: number): Promise<RetiringLikenessAsset[]>;
}

/** References (assets) on the wire: kinds, versions and files, rights, clearance and consent, and their use on shots. */
import { z } from 'zod';
import { Id } from './schemas.ts';
import { text } from './text.ts';

export const ASSET_KINDS = ['character', 'wardrobe', 'location', 'prop', 'frame-anchor', 'reference-video', 'audio', 'style'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const RIGHTS_SOURCES = ['original', 'licensed', 'stock', 'client', 'public-domain', 'generated'] as const;
export const RIGHTS_FLAGS = ['copyrighted', 'likeness', 'confidential'] as const;
export const CLEARANCE_STATES = ['uncleared', 'pending', 'cleared', 'restricted'] as const;
export type ClearanceState = (typeof CLEARANCE_STATES)[number];
export const REFERENCE_ROLES = ['character', 'wardrobe', 'location', 'prop', 'start-frame', 'end-frame', 'motion', 'audio', 'style'] as const;
export type ReferenceRole = (typeof REFERENCE_ROLES)[number];

/** A reference on a shot plan: an exact asset version in a role. */
export const PlanReference = z.strictObject({
  assetId: Id,
  version: z.number().int().min(1),
  role: z.enum(REFERENCE_ROLES),
});
export type PlanReference = z.infer<typeof PlanReference>;

export const AssetFile = z.object({
  id: Id,
  view: z.string(),
  sha256: z.string(),
  mediaType: z.string(),
  kind: z.enum(['image', 'video', 'audio']),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationUs: z.number().int().nullable(),
  frameRate: z.string().nullable(),
  videoCodec: z.string().nullable(),
  audioCodec: z.string().nullable(),
  originalName: z.string().nullable(),
  hasPreview: z.boolean(),
  /** The original (members only; ?download=1 saves it, audited), its poster and its thumbnail. */
  url: z.string(),
  posterUrl: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
});
export type AssetFile = z.infer<typeof AssetFile>;

export const AssetVersion = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  note: z.string().nullable(),
  files: z.array(AssetFile),
});

export const Consent = z.object({
  id: Id,
  person: z.string(),
  scope: z.string(),
  expiresOn: z.string().describe('YYYY-MM-DD'),
  documentName: z.string().nullable(),
  hasDocument: z.boolean(),
  documentUrl: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  expired: z.boolean(),
  /** Set once the person withdrew it: when, who recorded the withdrawal, and why. */
  withdrawn: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
  /**
   * The likeness as registered in providers' asset libraries (those that take real faces only that
   * way): its state there, when it was registered and deleted, and a deletion that keeps failing.
   */
  providerAssets: z.array(
    z.object({
      provider: z.string(),
      state: z.enum(['registering', 'processing', 'active', 'failed', 'deleted']),
      assetId: z.string().nullable(),
      registeredAt: z.string().nullable(),
      deletedAt: z.string().nullable(),
      /** Why the provider refused to register it. */
      failure: z.string().nullable(),
      /** Deletions tried and failed so far, and the last error (the worker keeps trying). */
      deleteAttempts: z.number().int(),
      deleteError: z.string().nullable(),
    }),
  ),
  /** Changes after it was recorded, oldest first: edits of its terms (each field from → to) and its withdrawal. */
  history: z.array(
    z.object({
      action: z.enum(['edited', 'withdrawn']),
      changes: z.array(z.object({ field: z.enum(['person', 'scope', 'expiresOn']), from: z.string(), to: z.string() })),
      reason: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});
export type Consent = z.infer<typeof Consent>;

export const ClearanceEvent = z.object({ from: z.enum(CLEARANCE_STATES), to: z.enum(CLEARANCE_STATES), reason: z.string(), by: z.string(), at: z.string() });

/** Whether an asset may steer a generation now, and if not, why — in words. */
export const RightsStatus = z.object({ atRisk: z.boolean(), reasons: z.array(z.string()) });

export const Asset = z.object({
  id: Id,
  kind: z.enum(ASSET_KINDS),
  name: z.string(),
  notes: z.string(),
  tags: z.array(z.string()),
  rightsSource: z.enum(RIGHTS_SOURCES),
  flags: z.array(z.enum(RIGHTS_FLAGS)),
  clearance: z.enum(CLEARANCE_STATES),
  currentVersion: z.number().int(),
  lockedVersion: z.number().int().nullable(),
  rights: RightsStatus,
  thumbnailUrl: z.string().nullable(),
  updatedAt: z.string(),
});
export type Asset = z.infer<typeof Asset>;
export const AssetList = z.object({ assets: z.array(Asset) });
export const AssetListQuery = z.strictObject({
  kind: z.enum(ASSET_KINDS).optional(),
  tag: text().max(60).optional(),
  clearance: z.enum(CLEARANCE_STATES).optional(),
  q: text().max(100).optional(),
});
export const AssetDetail = z.object({
  asset: Asset,
  versions: z.array(AssetVersion),
  consents: z.array(Consent),
  clearanceHistory: z.array(ClearanceEvent),
  usage: z.array(z.object({ shotId: Id, code: z.string(), version: z.number().int(), role: z.enum(REFERENCE_ROLES) })),
});
export const CreateAssetInput = z.strictObject({
  kind: z.enum(ASSET_KINDS),
  name: text().trim().min(1, { message: 'is required' }).max(120),
  notes: text().max(5000).default(''),
  tags: z.array(text().trim().min(1).max(60)).max(30).default([]),
  rightsSource: z.enum(RIGHTS_SOURCES).default('original'),
  flags: z.array(z.enum(RIGHTS_FLAGS)).max(3).default([]),
});
export const UpdateAssetInput = z.strictObject({
  name: text().trim().min(1, { message: 'is required' }).max(120).optional(),
  notes: text().max(5000).optional(),
  tags: z.array(text().trim().min(1).max(60)).max(30).optional(),
  rightsSource: z.enum(RIGHTS_SOURCES).optional(),
  flags: z.array(z.enum(RIGHTS_FLAGS)).max(3).optional(),
});
export const LockAssetInput = z.strictObject({ version: z.number().int().min(1).nullable() });
export const ClearanceInput = z.strictObject({ clearance: z.enum(CLEARANCE_STATES), reason: text().trim().min(1, { message: 'say why' }).max(1000) });
const ConsentPerson = text().trim().min(1, { message: 'is required' }).max(200);
const ConsentScope = text().trim().min(1, { message: 'is required' }).max(2000);
const ConsentExpiry = text().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2027-06-30' });
/** The text fields of a consent recording (multipart, beside the signed document). */
export const ConsentInput = z.strictObject({
  person: ConsentPerson,
  scope: ConsentScope,
  expiresOn: ConsentExpiry,
  /** "true" to record a consent whose expiry is already past (refused with consent.expiry_past otherwise). */
  confirmExpired: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const ConsentParams = z.strictObject({ projectId: Id, assetId: Id, consentId: Id });
/** An edit of a consent's terms, saying why; an expiry in the past needs confirmExpired. */
export const EditConsentInput = z.strictObject({
  person: ConsentPerson.optional(),
  scope: ConsentScope.optional(),
  expiresOn: ConsentExpiry.optional(),
  reason: text().trim().min(1, { message: 'say why' }).max(1000),
  confirmExpired: z.boolean().optional(),
});
export const WithdrawConsentInput = z.strictObject({ reason: text().trim().min(1, { message: 'say why' }).max(1000) });
export const AssetParams = z.strictObject({ projectId: Id, assetId: Id });
/** The text fields of a version upload (multipart, beside one file part per view). */
export const AssetVersionFields = z.strictObject({ note: text().trim().max(2000).optional() });
/** A stored file of a project, by its content hash. */
export const MediaParams = z.strictObject({ projectId: Id, sha256: text().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256' }) });
export const MediaQuery = z.strictObject({ download: z.enum(['1']).optional() });

export const ShotReference = z.object({
  assetId: Id,
  name: z.string(),
  kind: z.enum(ASSET_KINDS),
  version: z.number().int(),
  role: z.enum(REFERENCE_ROLES),
  lockedVersion: z.number().int().nullable(),
  clearance: z.enum(CLEARANCE_STATES),
  rights: RightsStatus,
  thumbnailUrl: z.string().nullable(),
});
export const ShotReferences = z.object({ planVersion: z.number().int(), references: z.array(ShotReference) });
export const SetReferencesInput = z.strictObject({ references: z.array(PlanReference).max(50), baseVersion: z.number().int().min(1) });

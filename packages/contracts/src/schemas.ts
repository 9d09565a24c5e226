/** Wire schemas shared by the server, the web UI and the CLI. Objects are strict: an unknown field is an error. */
import { z } from 'zod';
import { ACTIONS, ROLES } from './roles.ts';
import { text } from './text.ts';

export const Id = text().min(1).max(64);
export const Timestamp = z.string().describe('ISO 8601, UTC');
export const RoleSchema = z.enum(ROLES);
export const ActionSchema = z.enum(ACTIONS);

export const Email = text()
  .trim()
  .max(254)
  .email({ message: 'must be an email address' })
  .transform((s) => s.toLowerCase());
export const Password = text().min(10, { message: 'must be at least 10 characters' }).max(256, { message: 'must be at most 256 characters' });
export const PersonName = text().trim().min(1, { message: 'is required' }).max(120);

// --- accounts and auth -------------------------------------------------------

export const Account = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  createdAt: Timestamp,
});
export type Account = z.infer<typeof Account>;

export const SetupStatus = z.object({ needed: z.boolean() });
export const SetupInput = z.strictObject({ name: PersonName, email: Email, password: Password });
export const SignInInput = z.strictObject({ email: Email, password: text().min(1).max(256) });
export const Me = z.object({ account: Account, canCreateProjects: z.boolean() });
export const ChangePasswordInput = z.strictObject({
  currentPassword: text().min(1).max(256),
  newPassword: Password,
  revokeTokens: z.boolean().optional().describe('Also revoke every API token of the account (other sessions end in any case)'),
});
export const ForgotPasswordInput = z.strictObject({ email: Email });
export const ResetPasswordInput = z.strictObject({ token: text().min(10).max(200), newPassword: Password });
export const Accepted = z.object({ status: z.literal('accepted') });
export const Ok = z.object({ ok: z.literal(true) });

export const Session = z.object({
  id: Id,
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const SessionList = z.object({ sessions: z.array(Session) });

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const ApiTokenList = z.object({ tokens: z.array(ApiToken) });
export const CreateTokenInput = z.strictObject({
  name: text().trim().min(1, { message: 'is required' }).max(80),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const CreatedToken = z.object({ token: ApiToken, secret: z.string() });

// --- projects ----------------------------------------------------------------

/** Frame rates a project may use, as rationals. */
export const FRAME_RATES = ['24/1', '24000/1001', '25/1', '30000/1001', '30/1', '48/1', '50/1', '60000/1001', '60/1'] as const;
/** Rates that have a drop-frame timecode: 29.97 and 59.94. Every other rate is always non-drop-frame. */
export const DROP_FRAME_RATES: readonly string[] = ['30000/1001', '60000/1001'];
/** Whether drop-frame timecode exists at this rate ("30000/1001"). */
export function dropFrameAllowedAt(rate: string): boolean {
  return DROP_FRAME_RATES.includes(rate);
}
export const FrameRate = z.enum(FRAME_RATES, { message: `must be one of ${FRAME_RATES.join(', ')}` });
export const TimecodeMode = z.enum(['ndf', 'df']);
export const ProjectCode = text()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, { message: 'must be 2–10 upper-case letters or digits, starting with a letter' });
export const Currency = text().regex(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO 4217 code' });
/** An amount of money as a decimal string, e.g. "25000" or "1999.99". Never a float. */
export const Amount = text().regex(/^\d{1,12}(\.\d{1,6})?$/, { message: 'must be a decimal amount like 25000.00' });
export const Resolution = z.strictObject({
  width: z.number().int().min(16).max(16384),
  height: z.number().int().min(16).max(16384),
});

/** Generation settings of a project. */
export const GenerationProjectSettings = z.strictObject({
  /** Plans must be locked and references on their locked versions before paid generation (previs exempt). */
  requireLocked: z.boolean().default(true),
  /** SSIM at or above which a frame comparison passes, and at or above which it only warns. */
  ssimPass: z.number().min(0).max(1).default(0.8),
  ssimWarn: z.number().min(0).max(1).default(0.6),
  /** Frames a take's length may differ from the plan's before it warns (fails at twice that). */
  durationToleranceFrames: z.number().int().min(0).max(10_000).default(2),
  /** A request whose estimate is above this (in the project's currency) waits for a producer's sign-off; null: none needed. */
  signOffAbove: Amount.nullable().default(null),
});
export type GenerationProjectSettings = z.infer<typeof GenerationProjectSettings>;

/** The review decisions a project may ask a reason for: the four states, and revoking an approval. */
export const REVIEW_DECISIONS = ['reject', 'maybe', 'select', 'approve', 'revoke'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Review settings of a project. */
export const ReviewProjectSettings = z.strictObject({
  /** Decisions refused without a reason (none by default). */
  reasonRequiredFor: z
    .array(z.enum(REVIEW_DECISIONS, { message: `must be one of ${REVIEW_DECISIONS.join(', ')}` }))
    .max(REVIEW_DECISIONS.length)
    .refine((list) => new Set(list).size === list.length, { message: 'names a decision twice' })
    .default([]),
});
export type ReviewProjectSettings = z.infer<typeof ReviewProjectSettings>;

export const CreateProjectInput = z.strictObject({
  name: text().trim().min(1, { message: 'is required' }).max(120),
  code: ProjectCode,
  frameRate: FrameRate.default('24/1'),
  timecodeMode: TimecodeMode.default('ndf'),
  resolution: Resolution.default({ width: 1920, height: 1080 }),
  currency: Currency.default('USD'),
  budget: Amount.default('0'),
});
export type CreateProjectInput = z.input<typeof CreateProjectInput>;
export const UpdateProjectInput = z.strictObject({
  name: text().trim().min(1, { message: 'is required' }).max(120).optional(),
  frameRate: FrameRate.optional(),
  timecodeMode: TimecodeMode.optional(),
  resolution: Resolution.optional(),
  currency: Currency.optional(),
  budget: Amount.optional(),
  generation: GenerationProjectSettings.partial().optional(),
  review: ReviewProjectSettings.partial().optional(),
});

export const Project = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  frameRate: z.string(),
  timecodeMode: TimecodeMode,
  resolution: z.object({ width: z.number(), height: z.number() }),
  aspect: z.string(),
  currency: z.string(),
  /** Present only for members who may read spend. */
  budget: z.string().optional(),
  generation: GenerationProjectSettings,
  review: ReviewProjectSettings,
  closed: z.boolean(),
  closedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  myRole: RoleSchema,
});
export type Project = z.infer<typeof Project>;
export const ProjectDetail = z.object({ project: Project, permissions: z.array(ActionSchema) });
export type ProjectDetail = z.infer<typeof ProjectDetail>;
export const ProjectList = z.object({ projects: z.array(Project) });
export const ProjectListQuery = z.strictObject({ closed: z.enum(['include', 'only', 'exclude']).default('exclude') });

// --- members and invitations -------------------------------------------------

export const Member = z.object({
  accountId: Id,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  joinedAt: Timestamp,
});
export type Member = z.infer<typeof Member>;
export const MemberList = z.object({ members: z.array(Member) });
/** Someone a note may @-mention: a member's name, without their email or role (a viewer writing a note sees this much). */
export const Mentionable = z.object({ accountId: Id, name: z.string() });
export type Mentionable = z.infer<typeof Mentionable>;
export const MentionableList = z.object({ people: z.array(Mentionable) });
export const ChangeRoleInput = z.strictObject({ role: RoleSchema });

export const Invitation = z.object({
  id: Id,
  email: z.string(),
  role: RoleSchema,
  invitedBy: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
});
export type Invitation = z.infer<typeof Invitation>;
export const InvitationList = z.object({ invitations: z.array(Invitation) });
export const CreateInvitationInput = z.strictObject({
  email: Email,
  role: RoleSchema,
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export const CreatedInvitation = z.object({ invitation: Invitation, url: z.string(), emailed: z.boolean() });
export const InvitationTokenInput = z.strictObject({ token: text().min(10).max(200) });
export const InvitationPreview = z.object({
  projectName: z.string(),
  projectCode: z.string(),
  role: RoleSchema,
  email: z.string(),
  expiresAt: Timestamp,
  accountExists: z.boolean(),
});
export const AcceptInvitationInput = z.strictObject({
  token: text().min(10).max(200),
  /** Needed only when no account exists for the invited email. */
  name: PersonName.optional(),
  password: Password.optional(),
});
export const AcceptedInvitation = z.object({ projectId: Id, account: Account });

// --- audit -------------------------------------------------------------------

export const AuditEvent = z.object({
  id: Id,
  seq: z.number().int(),
  actor: z.object({ id: Id.nullable(), name: z.string() }),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  summary: z.string(),
  at: Timestamp,
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditPage = z.object({ events: z.array(AuditEvent), nextBefore: z.number().int().nullable(), total: z.number().int() });
export const AuditPageQuery = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** One bad event (or a gap where events are missing), with what is wrong in a sentence. */
export const ChainProblem = z.object({ seq: z.number().int(), problem: z.string() });
export const ChainVerification = z.object({
  chain: z.string(),
  ok: z.boolean(),
  count: z.number().int(),
  /** The first problem (also the first of `problems`). */
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
  /** Every bad event, in order; one edit does not make the events after it look bad. */
  problems: z.array(ChainProblem),
  badCount: z.number().int(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

/**
 * A checkpoint: each chain's count and last hash at a moment, to keep outside the database. A
 * chain that still extends it (event `count` still has `lastHash`, and the chain verifies) has
 * lost nothing up to then; deleting the newest events and rewriting the head cannot pass it.
 * Read back from a file, so its text passes the same check as any input.
 */
export const AuditCheckpoint = z.strictObject({
  kind: z.literal('backlot.audit-checkpoint'),
  version: z.literal(1),
  takenAt: text().max(40),
  takenBy: text().max(200),
  chains: z
    .array(
      z.strictObject({
        chain: text().min(1).max(100),
        /** `instance` or `project CODE`. */
        label: text().max(100),
        count: z.number().int().min(0),
        lastHash: text().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256' }),
      }),
    )
    .max(100_000),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;
/** A checkpoint recorded when it was taken, with who took it. */
export const AuditCheckpointRecord = z.object({ id: Id, takenAt: Timestamp, takenBy: z.object({ id: Id.nullable(), name: z.string() }), checkpoint: AuditCheckpoint });
export type AuditCheckpointRecord = z.infer<typeof AuditCheckpointRecord>;
export const AuditCheckpointList = z.object({ checkpoints: z.array(AuditCheckpointRecord) });

// --- instance administration -------------------------------------------------

export const AccountList = z.object({ accounts: z.array(Account) });
export const CreateAccountInput = z.strictObject({ name: PersonName, email: Email, password: Password, isAdmin: z.boolean().default(false) });
export const UpdateAccountInput = z.strictObject({ disabled: z.boolean().optional(), isAdmin: z.boolean().optional(), name: PersonName.optional() });
export const UpdateMeInput = z.strictObject({ name: PersonName });
export const ResetLink = z.object({ url: z.string(), expiresAt: Timestamp, emailed: z.boolean() });
export const InstanceSettings = z.object({ projectCreation: z.enum(['any', 'admins']), mailConfigured: z.boolean() });
export const UpdateInstanceSettingsInput = z.strictObject({ projectCreation: z.enum(['any', 'admins']) });

export const Health = z.object({ status: z.literal('ok') });

export const ProjectParams = z.strictObject({ projectId: Id });
export const MemberParams = z.strictObject({ projectId: Id, accountId: Id });
export const InvitationParams = z.strictObject({ projectId: Id, invitationId: Id });
export const IdParams = z.strictObject({ id: Id });

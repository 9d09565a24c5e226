/** Table types for Kysely. Times are ISO 8601 UTC text on both databases; booleans are 0/1 integers. */
import type { Generated } from 'kysely';

export interface AccountsTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface PasswordResetsTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SignInFailuresTable {
  email: string;
  failures: number;
  first_failed_at: string;
}

export interface InstanceSettingsTable {
  key: string;
  value: string;
}

export interface ProjectsTable {
  id: string;
  code: string;
  name: string;
  fps_num: number;
  fps_den: number;
  timecode_mode: 'ndf' | 'df';
  width: number;
  height: number;
  currency: string;
  budget_micros: number;
  generation_settings: string;
  review_settings: string;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ProjectMembersTable {
  project_id: string;
  account_id: string;
  role: 'owner' | 'producer' | 'director' | 'editor' | 'viewer';
  created_at: string;
}

export interface InvitationsTable {
  id: string;
  project_id: string;
  email: string;
  role: 'owner' | 'producer' | 'director' | 'editor' | 'viewer';
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface AuditEventsTable {
  id: string;
  chain: string;
  seq: number;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: string;
  data: string;
  at: string;
  prev_hash: string;
  hash: string;
  /** The hash format the event was written in (1 before the actor's name was covered). */
  hash_version: Generated<number>;
}

export interface AuditHeadsTable {
  chain: string;
  count: number;
  last_hash: string;
}

export interface AuditCheckpointsTable {
  id: string;
  taken_at: string;
  taken_by_id: string | null;
  taken_by_name: string;
  /** The checkpoint document as handed out (JSON). */
  document: string;
}

export interface ScenesTable {
  id: string;
  project_id: string;
  number: string;
  heading: string;
  beat: string;
  excerpt: string;
  /** JSON array of character names. */
  characters: string;
  position: number;
  omitted_at: string | null;
  created_at: string;
  updated_at: string;
  /** 'imported' or 'manual' (added by hand). */
  origin: Generated<'imported' | 'manual'>;
}

/** A project whose scene numbers are locked has a row here. */
export interface SceneNumberingLocksTable {
  project_id: string;
  locked_by: string | null;
  locked_by_name: string;
  locked_at: string;
}

/** Each applied screenplay import: a dated revision with its colour. */
export interface ScriptRevisionsTable {
  id: string;
  project_id: string;
  number: number;
  colour: string;
  file_name: string | null;
  title: string | null;
  author_id: string | null;
  author_name: string;
  added: number;
  changed: number;
  omitted: number;
  created_at: string;
}

/** What a revision did to a scene. */
export interface SceneRevisionsTable {
  scene_id: string;
  revision_id: string;
  change: 'added' | 'changed' | 'omitted';
  /** JSON array of the parts changed (heading, action, dialogue, …). */
  parts: Generated<string>;
}

export interface ShotsTable {
  id: string;
  project_id: string;
  scene_id: string;
  code: string;
  position: number;
  status: 'planned' | 'locked' | 'in_progress' | 'approved' | 'omitted';
  plan_version: number;
  locked_at: string | null;
  locked_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ShotPlanVersionsTable {
  shot_id: string;
  version: number;
  /** JSON of the ShotPlan. */
  plan: string;
  author_id: string | null;
  author_name: string;
  note: string | null;
  created_at: string;
}

export interface AssetsTable {
  id: string;
  project_id: string;
  kind: string;
  name: string;
  status: string;
  clearance: string;
  source: string;
  created_at: string;
  updated_at: string;
  notes: Generated<string>;
  /** JSON array of tags. */
  tags: Generated<string>;
  rights_source: Generated<string>;
  /** JSON array of rights flags. */
  flags: Generated<string>;
  current_version: Generated<number>;
  locked_version: number | null;
  ever_cleared: Generated<number>;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  media_type: string;
  created_at: string;
}

export interface AssetVersionsTable {
  asset_id: string;
  version: number;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface AssetFilesTable {
  id: string;
  asset_id: string;
  version: number;
  view: string;
  sha256: string;
  media_type: string;
  kind: 'image' | 'video' | 'audio';
  size: number;
  width: number | null;
  height: number | null;
  duration_us: number | null;
  frame_rate: string | null;
  video_codec: string | null;
  audio_codec: string | null;
  poster_sha256: string | null;
  thumbnail_sha256: string | null;
  original_name: string | null;
  created_at: string;
}

export interface ClearanceEventsTable {
  id: string;
  asset_id: string;
  from_state: string;
  to_state: string;
  reason: string;
  actor_name: string;
  at: string;
}

export interface ConsentsTable {
  id: string;
  asset_id: string;
  person: string;
  scope: string;
  expires_on: string;
  document_sha256: string | null;
  document_name: string | null;
  recorded_by: string;
  recorded_at: string;
  /** When the consent was withdrawn (null while in force). */
  revoked_at: string | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
}

/** A consented likeness registered in a provider's asset library, per consent and provider. */
export interface ConsentProviderAssetsTable {
  id: string;
  consent_id: string;
  project_id: string;
  provider: string;
  image_sha256: string;
  status: string;
  group_id: string | null;
  asset_id: string | null;
  failure: string | null;
  claimed_at: string;
  registered_at: string | null;
  deleted_at: string | null;
  delete_attempts: Generated<number>;
  delete_error: string | null;
  next_delete_at: string | null;
}

export interface ConsentChangesTable {
  id: string;
  consent_id: string;
  action: string;
  changes: string;
  reason: string;
  actor_name: string;
  at: string;
}

export interface PlanReferencesTable {
  shot_id: string;
  plan_version: number;
  asset_id: string;
  asset_version: number;
  role: string;
}

export interface TakesTable {
  id: string;
  project_id: string;
  shot_id: string;
  number: number;
  provider: string;
  model: string;
  external: number;
  status: string;
  step: string;
  provider_status: string | null;
  progress: number | null;
  error_code: string | null;
  error_message: string | null;
  error_category: string | null;
  review: Generated<string>;
  plan_version: number;
  settings: string;
  seed: number | null;
  prompt: string;
  negative_prompt: string | null;
  spec: string | null;
  request: string | null;
  adaptations: string;
  idempotency_key: string;
  webhook_secret: string | null;
  provider_task_id: string | null;
  snapshot: string | null;
  currency: string;
  estimate_micros: number;
  reserved_micros: number;
  actual_micros: number | null;
  estimate_detail: string;
  usage_unit: string;
  usage_quantity: number;
  media: string | null;
  original_sha256: string | null;
  continuity: string;
  output_hidden: number;
  parent_take_id: string | null;
  requested_by: string;
  requested_by_name: string;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  /** The provider key whose places this take holds (or last held) while at the provider. */
  slot_key: Generated<string | null>;
  requested_at: string;
  submitted_at: string | null;
  finished_at: string | null;
  ingest_ms: number | null;
  updated_at: string;
  criteria: Generated<string>;
  rating: number | null;
  verdict: Generated<string>;
  in_frame: number | null;
  out_frame: number | null;
  source_note_id: string | null;
  price_source: string | null;
  sign_off: string | null;
  /** What retention purged (JSON: when, bytes, poster), or null. */
  media_purge: Generated<string | null>;
  /** 1 when the provider refused the take's last send (so it is certainly not there), else 0. */
  send_refused: Generated<number>;
}

export interface TakeReviewEventsTable {
  id: string;
  take_id: string;
  from_state: string;
  to_state: string;
  actor_id: string | null;
  actor_name: string;
  reason: string | null;
  override: number;
  at: string;
  /** The dailies session the decision was made in. */
  session_id: Generated<string | null>;
}

export interface NotesTable {
  id: string;
  project_id: string;
  take_id: string;
  parent_id: string | null;
  author_id: string | null;
  author_name: string;
  body: string;
  frame: number | null;
  frame_end: number | null;
  drawing: string | null;
  visibility: 'internal' | 'client';
  mentions: string;
  resolved_at: string | null;
  resolved_by: string | null;
  created_at: string;
  updated_at: string;
  /** The dailies session the note was made in, and the guest who wrote it on a review link. */
  session_id: Generated<string | null>;
  guest_id: Generated<string | null>;
}

export interface TakeReferencesTable {
  take_id: string;
  asset_id: string;
  asset_version: number;
  role: string;
}

export interface LedgerEntriesTable {
  id: string;
  project_id: string;
  take_id: string | null;
  kind: 'reservation' | 'settlement' | 'release';
  amount_micros: number;
  currency: string;
  note: string;
  created_at: string;
}

export interface PriceEntriesTable {
  id: string;
  project_id: string;
  currency: string;
  provider: string;
  model: string;
  unit: string;
  per_quantity: number;
  price_micros: number;
  in_force_from: string;
  source: string;
  set_by_id: string | null;
  set_by_name: string;
  created_at: string;
}

export interface SceneBudgetsTable {
  scene_id: string;
  project_id: string;
  amount_micros: number;
  set_by_name: string;
  set_at: string;
}

export interface SpendCapsTable {
  id: string;
  project_id: string;
  subject_kind: 'member' | 'role';
  subject: string;
  period: 'day' | 'project';
  amount_micros: number;
  set_by_name: string;
  set_at: string;
}

export interface PricesTable {
  currency: string;
  provider: string;
  model: string;
  unit: string;
  per_quantity: number;
  price_micros: number;
  updated_at: string;
}

export interface EventOutboxTable {
  seq: number;
  project_id: string;
  payload: string;
  created_at: string;
}

export interface PrevisTasksTable {
  id: string;
  /** The render request, JSON. */
  request: string;
  state: 'pending' | 'succeeded' | 'failed' | 'canceled';
  lease_owner: string | null;
  lease_until: string | null;
  progress: Generated<number>;
  /** The provider error, JSON, once failed. */
  error: string | null;
  output_sha256: string | null;
  output_size: number | null;
  renders: Generated<number>;
  rendered_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProcessesTable {
  id: string;
  host: string;
  pid: number;
  kind: 'serve' | 'worker';
  started_at: string;
  heartbeat_at: string;
}

export interface StorageIdentityTable {
  id: number;
  marker_sha256: string;
  /** Where the storage was when the marker was written, for messages. */
  storage: string;
  created_at: string;
}

export interface ProviderKeysTable {
  id: string;
  /** 'instance', or the project's id. */
  scope: string;
  project_id: string | null;
  provider: string;
  /** The key sealed by the secret box (AES-256-GCM); never the key. */
  sealed: string;
  /** Id of the operator's key that sealed it. */
  sealed_with: string;
  /** The key's last characters, for people to recognise it. */
  hint: string;
  set_by_id: string | null;
  set_by_name: string;
  set_at: string;
  tested_at: string | null;
  /** 1 or 0 after a connection test. */
  test_ok: number | null;
  test_message: string | null;
  /** The provider's asset-API credential sealed like the key (Seedance: AK/SK as JSON), or null. */
  asset_sealed: string | null;
  /** The asset credential's access key id, shortened, for people to recognise it. */
  asset_hint: string | null;
}

/** An item of a member's home they marked read. */
/** A member's saved search of a project's takes (the query parameters as JSON). */
export interface TakeFiltersTable {
  id: string;
  project_id: string;
  account_id: string;
  name: string;
  query: string;
  created_at: string;
}

export interface HomeReadsTable {
  account_id: string;
  item_key: string;
  read_at: string;
}

export interface DailiesSessionsTable {
  id: string;
  project_id: string;
  title: string;
  date: string;
  status: 'open' | 'closed';
  source_kind: string;
  created_by_id: string | null;
  created_by_name: string;
  created_at: string;
  closed_at: string | null;
  closed_by_name: string | null;
  report_sha256: Generated<string | null>;
  presenter_state: string | null;
  presenter_seq: Generated<number>;
  updated_at: string;
}

export interface DailiesMoviesTable {
  session_id: string;
  request_key: string;
  sha256: string;
  size: number | string;
  total_frames: number;
  created_at: string;
}

export interface DailiesItemsTable {
  id: string;
  session_id: string;
  take_id: string;
  position: number;
  added_at: string;
}

export interface DailiesAttendeesTable {
  session_id: string;
  account_id: string;
  added_at: string;
}

export interface DailiesPresenceTable {
  session_id: string;
  participant_key: string;
  name: string;
  kind: 'member' | 'guest';
  since: string;
  last_seen: string;
}

export interface DailiesLogTable {
  id: string;
  session_id: string;
  at: string;
  kind: string;
  actor_id: string | null;
  actor_name: string;
  guest_id: string | null;
  take_id: string | null;
  summary: string;
  data: string;
}

export interface ReviewLinksTable {
  id: string;
  project_id: string;
  session_id: string;
  label: string;
  token_hash: string;
  passcode_hash: string | null;
  expires_at: string;
  revoked_at: string | null;
  created_by_id: string | null;
  created_by_name: string;
  created_at: string;
}

export interface ReviewGuestsTable {
  id: string;
  link_id: string;
  name: string;
  secret_hash: string;
  created_at: string;
}

export interface ReviewLinkFailuresTable {
  link_id: string;
  failures: number;
  first_failed_at: string;
}

/** ComfyUI workflows (issue 18). */
export interface ComfyWorkflowsTable {
  id: string;
  project_id: string;
  name: string;
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface ComfyWorkflowVersionsTable {
  workflow_id: string;
  version: number;
  workflow: string;
  mapping: string;
  note: string | null;
  created_by: string;
  created_at: string;
}

/** A project's retention setting; no row: off. */
export interface ProjectRetentionTable {
  project_id: string;
  purge_rejected_after_days: number | null;
  set_by_name: string;
  set_at: string;
}

export interface DB {
  project_retention: ProjectRetentionTable;
  dailies_sessions: DailiesSessionsTable;
  comfy_workflows: ComfyWorkflowsTable;
  comfy_workflow_versions: ComfyWorkflowVersionsTable;
  dailies_movies: DailiesMoviesTable;
  dailies_items: DailiesItemsTable;
  dailies_attendees: DailiesAttendeesTable;
  dailies_presence: DailiesPresenceTable;
  dailies_log: DailiesLogTable;
  review_links: ReviewLinksTable;
  review_guests: ReviewGuestsTable;
  review_link_failures: ReviewLinkFailuresTable;
  provider_keys: ProviderKeysTable;
  home_reads: HomeReadsTable;
  previs_tasks: PrevisTasksTable;
  processes: ProcessesTable;
  storage_identity: StorageIdentityTable;
  take_review_events: TakeReviewEventsTable;
  notes: NotesTable;
  takes: TakesTable;
  take_filters: TakeFiltersTable;
  take_references: TakeReferencesTable;
  ledger_entries: LedgerEntriesTable;
  prices: PricesTable;
  price_entries: PriceEntriesTable;
  scene_budgets: SceneBudgetsTable;
  spend_caps: SpendCapsTable;
  event_outbox: EventOutboxTable;
  scenes: ScenesTable;
  scene_numbering_locks: SceneNumberingLocksTable;
  script_revisions: ScriptRevisionsTable;
  scene_revisions: SceneRevisionsTable;
  shots: ShotsTable;
  shot_plan_versions: ShotPlanVersionsTable;
  assets: AssetsTable;
  blobs: BlobsTable;
  asset_versions: AssetVersionsTable;
  asset_files: AssetFilesTable;
  clearance_events: ClearanceEventsTable;
  consents: ConsentsTable;
  consent_changes: ConsentChangesTable;
  consent_provider_assets: ConsentProviderAssetsTable;
  plan_references: PlanReferencesTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  sign_in_failures: SignInFailuresTable;
  instance_settings: InstanceSettingsTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  invitations: InvitationsTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  audit_checkpoints: AuditCheckpointsTable;
}

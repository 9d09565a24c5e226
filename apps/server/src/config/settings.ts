/** Every setting of Backlot, by area. `backlot-server serve --help` and the README table are generated from this. */
import { z } from 'zod';
import { boolFromEnv, intFromEnv, secondsFromEnv, setting } from './setting.ts';

export const serverSettings = {
  host: setting({ env: 'BACKLOT_HOST', schema: z.string().min(1), default: '127.0.0.1', doc: 'Address the HTTP server listens on.' }),
  port: setting({ env: 'BACKLOT_PORT', schema: intFromEnv(0, 65535), default: '4100', doc: 'Port the HTTP server listens on.' }),
  publicUrl: setting({
    env: 'BACKLOT_PUBLIC_URL',
    schema: z
      .string()
      .url({ message: 'must be a URL like https://backlot.example.com' })
      .transform((u) => u.replace(/\/$/, ''))
      .optional(),
    doc: 'Address people open, used in invitation and reset links (default: http://HOST:PORT). When set, the only origin browsers may write from (sign-in, setup, changes).',
  }),
  trustProxy: setting({ env: 'BACKLOT_TRUST_PROXY', schema: boolFromEnv, default: 'false', doc: 'Trust X-Forwarded-* headers from a reverse proxy (client address, https).' }),
  webDir: setting({ env: 'BACKLOT_WEB_DIR', schema: z.string().optional(), doc: 'Folder of the built web UI (default: apps/web/dist).' }),
};

export const dataSettings = {
  dataDir: setting({ env: 'BACKLOT_DATA_DIR', schema: z.string().min(1), default: './backlot-data', doc: 'Folder for the SQLite database and stored media.' }),
  databaseUrl: setting({
    env: 'BACKLOT_DATABASE_URL',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL (leave unset for SQLite)' })
      .optional(),
    doc: 'PostgreSQL URL (postgres://user:pass@host:5432/db). Unset: SQLite in the data folder.',
    secret: true,
  }),
};

export const authSettings = {
  sessionIdleDays: setting({ env: 'BACKLOT_SESSION_IDLE_DAYS', schema: intFromEnv(1, 365), default: '14', doc: 'A session ends after this many days without use.' }),
  sessionMaxDays: setting({ env: 'BACKLOT_SESSION_MAX_DAYS', schema: intFromEnv(1, 365), default: '30', doc: 'A session ends this many days after sign-in, whatever happens.' }),
  resetLinkHours: setting({ env: 'BACKLOT_RESET_LINK_HOURS', schema: intFromEnv(1, 168), default: '24', doc: 'How long a password reset link works.' }),
  signInPerMinute: setting({ env: 'BACKLOT_SIGN_IN_PER_MINUTE', schema: intFromEnv(1, 10000), default: '10', doc: 'Sign-in attempts allowed per client address per minute.' }),
  signInAccountFailures: setting({
    env: 'BACKLOT_SIGN_IN_ACCOUNT_FAILURES',
    schema: intFromEnv(1, 1000),
    default: '10',
    doc: 'Failed sign-ins one account may have within BACKLOT_SIGN_IN_ACCOUNT_MINUTES; then it is paused, from every address, until that window ends.',
  }),
  signInAccountMinutes: setting({
    env: 'BACKLOT_SIGN_IN_ACCOUNT_MINUTES',
    schema: intFromEnv(1, 1440),
    default: '15',
    doc: "The window in which an account's failed sign-ins are counted, from its first failure.",
  }),
};

export const mailSettings = {
  smtpUrl: setting({
    env: 'BACKLOT_SMTP_URL',
    schema: z
      .string()
      .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
      .optional(),
    doc: 'SMTP server for invitations and reset links (smtp://user:pass@host:587). Unset: links are shown to copy.',
    secret: true,
  }),
  mailFrom: setting({ env: 'BACKLOT_MAIL_FROM', schema: z.string().min(3), default: 'Backlot <backlot@localhost>', doc: 'Sender of Backlot mail.' }),
};

export const storageSettings = {
  kind: setting({
    env: 'BACKLOT_STORAGE',
    schema: z.enum(['disk', 's3'], { message: 'must be disk or s3' }),
    default: 'disk',
    doc: 'Where media is stored: disk (DATA_DIR/media) or s3 (an S3-compatible bucket).',
  }),
  s3Endpoint: setting({
    env: 'BACKLOT_S3_ENDPOINT',
    schema: z.string().url({ message: 'must be a URL like http://127.0.0.1:9000' }).optional(),
    doc: 'S3-compatible server (MinIO, Garage, R2, …). Unset: AWS S3 in the region.',
  }),
  s3Region: setting({ env: 'BACKLOT_S3_REGION', schema: z.string().min(1), default: 'us-east-1', doc: 'S3 region.' }),
  s3Bucket: setting({
    env: 'BACKLOT_S3_BUCKET',
    schema: z.string().min(3, { message: 'must be a bucket name' }).optional(),
    doc: 'Bucket for media; it must exist. Required with BACKLOT_STORAGE=s3.',
  }),
  s3AccessKeyId: setting({ env: 'BACKLOT_S3_ACCESS_KEY_ID', schema: z.string().min(1).optional(), doc: 'S3 access key id. Required with BACKLOT_STORAGE=s3.' }),
  s3SecretAccessKey: setting({ env: 'BACKLOT_S3_SECRET_ACCESS_KEY', schema: z.string().min(1).optional(), doc: 'S3 secret access key. Required with BACKLOT_STORAGE=s3.', secret: true }),
  s3ForcePathStyle: setting({ env: 'BACKLOT_S3_FORCE_PATH_STYLE', schema: boolFromEnv, default: 'true', doc: 'Address the bucket in the path (most self-hosted servers) rather than the host name.' }),
};

export const toolSettings = {
  chromium: setting({ env: 'BACKLOT_CHROMIUM', schema: z.string().min(1), default: '/usr/bin/chromium', doc: 'Chromium used to print storyboards and reports to PDF.' }),
  ffmpeg: setting({ env: 'BACKLOT_FFMPEG', schema: z.string().min(1), default: 'ffmpeg', doc: 'ffmpeg used for posters, thumbnails and previews (a name on PATH or a path).' }),
  fontFile: setting({
    env: 'BACKLOT_FONT_FILE',
    schema: z.string().min(1),
    default: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    doc: 'Font file burned into previs slates (Debian: fonts-dejavu-core).',
  }),
  ffprobe: setting({ env: 'BACKLOT_FFPROBE', schema: z.string().min(1), default: 'ffprobe', doc: 'ffprobe used to tell what an uploaded file really is.' }),
};

export const workerSettings = {
  inProcess: setting({ env: 'BACKLOT_WORKER', schema: boolFromEnv, default: 'true', doc: 'Run the take worker inside `serve` (false: run `backlot worker` processes instead).' }),
  slots: setting({ env: 'BACKLOT_WORKER_SLOTS', schema: intFromEnv(1, 64), default: '4', doc: 'Takes one worker process advances at once.' }),
  leaseSeconds: setting({
    env: 'BACKLOT_WORKER_LEASE_SECONDS',
    schema: intFromEnv(2, 3600),
    default: '30',
    doc: 'How long a worker holds a take, and a process a previs render, between heartbeats; one held by a process that died is picked up after this.',
  }),
  pollSeconds: setting({
    env: 'BACKLOT_POLL_SECONDS',
    schema: secondsFromEnv(0.01, 600),
    default: '5',
    doc: 'How often the worker asks a remote provider about a running take (decimals allowed, e.g. 0.5).',
  }),
  likenessSweepSeconds: setting({
    env: 'BACKLOT_LIKENESS_SWEEP_SECONDS',
    schema: intFromEnv(1, 3600),
    default: '60',
    doc: 'How often the worker deletes, at the provider, likeness assets whose consent was withdrawn or has expired (and retries deletions that failed).',
  }),
  previsConcurrency: setting({ env: 'BACKLOT_PREVIS_CONCURRENCY', schema: intFromEnv(1, 64), default: '2', doc: 'Previs renders at once (each uses about one core).' }),
};

export const providerSettings = {
  seedanceRegion: setting({
    env: 'BACKLOT_SEEDANCE_REGION',
    schema: z.enum(['byteplus', 'volcengine'], { message: 'must be byteplus (international) or volcengine (mainland China)' }),
    default: 'byteplus',
    doc: 'Where Seedance is reached: byteplus (ModelArk, ark.ap-southeast.bytepluses.com) or volcengine (Ark, ark.cn-beijing.volces.com). Keys belong to one region.',
  }),
  seedanceUrl: setting({
    env: 'BACKLOT_SEEDANCE_URL',
    schema: z.string().url({ message: 'must be a URL ending in /api/v3' }).optional(),
    doc: "Seedance's API address, instead of the region's (a proxy, or a test server).",
  }),
  seedanceAssetUrl: setting({
    env: 'BACKLOT_SEEDANCE_ASSET_URL',
    schema: z.string().url({ message: 'must be a URL like https://open.volcengineapi.com' }).optional(),
    doc: "Seedance's asset-library API address (Volcengine OpenAPI, AK/SK signed), instead of the region's (a proxy, or a test server).",
  }),
  klingUrl: setting({
    env: 'BACKLOT_KLING_URL',
    schema: z.string().url({ message: 'must be a URL like https://api-singapore.klingai.com' }).optional(),
    doc: "Kling's API address, instead of the global one (a proxy, or a test server).",
  }),
  retiredModels: setting({
    env: 'BACKLOT_RETIRED_MODELS',
    schema: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every((m) => /^[a-z]+:\S+$/.test(m)), { message: 'must be provider:model pairs separated by commas, e.g. kling:kling-v1-6,runway:gen4_turbo' })
      .optional(),
    doc: 'Models retired on this instance (provider:model, comma-separated): still listed and marked retired, their takes kept, no new takes asked of them.',
  }),
  runwayUrl: setting({
    env: 'BACKLOT_RUNWAY_URL',
    schema: z.string().url({ message: 'must be a URL like https://api.dev.runwayml.com' }).optional(),
    doc: "Runway's API address, instead of Runway's own (a proxy, or a test server).",
  }),
  allowHosts: setting({
    env: 'BACKLOT_PROVIDER_ALLOW_HOSTS',
    schema: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean),
      )
      .optional(),
    doc: 'Hosts (comma-separated, host or host:port) providers may be reached at although private or loopback; Backlot refuses such addresses otherwise, whatever an answer names.',
  }),
  concurrency: setting({
    env: 'BACKLOT_PROVIDER_CONCURRENCY',
    schema: intFromEnv(1, 10000),
    default: '4',
    doc: "Takes at a paid provider at once per key, across every worker: a project's own key and the instance's key each have this many places. Set it to what the provider allows your account (Seedance: the concurrency shown in the ModelArk console).",
  }),
  timeoutSeconds: setting({ env: 'BACKLOT_PROVIDER_TIMEOUT_SECONDS', schema: intFromEnv(1, 3600), default: '60', doc: 'How long one request to a provider (or one output download) may take.' }),
  // Luma and Higgsfield (the named generators, issue 17).
  lumaUrl: setting({
    env: 'BACKLOT_LUMA_URL',
    schema: z.string().url({ message: 'must be a URL ending in /dream-machine/v1' }).optional(),
    doc: "Luma's Dream Machine API address (ray-2, ray-flash-2), instead of https://api.lumalabs.ai/dream-machine/v1 (a proxy, or a test server).",
  }),
  lumaAgentsUrl: setting({
    env: 'BACKLOT_LUMA_AGENTS_URL',
    schema: z.string().url({ message: 'must be a URL ending in /v1' }).optional(),
    doc: "Luma's Agents API address (ray-3.2), instead of https://agents.lumalabs.ai/v1 (a proxy, or a test server).",
  }),
  higgsfieldUrl: setting({
    env: 'BACKLOT_HIGGSFIELD_URL',
    schema: z.string().url({ message: 'must be a URL like https://platform.higgsfield.ai' }).optional(),
    doc: "Higgsfield's API address, instead of https://platform.higgsfield.ai (a proxy, or a test server).",
  }),
  // fal (the gateway, issue 18).
  falUrl: setting({
    env: 'BACKLOT_FAL_URL',
    schema: z.string().url({ message: 'must be a URL like https://queue.fal.run' }).optional(),
    doc: "fal's queue address, instead of https://queue.fal.run (a proxy, or a test server).",
  }),
  falRestUrl: setting({
    env: 'BACKLOT_FAL_REST_URL',
    schema: z.string().url({ message: 'must be a URL like https://rest.fal.ai' }).optional(),
    doc: "fal's storage address that reference pictures are uploaded to, instead of https://rest.fal.ai (a proxy, or a test server).",
  }),
  falJwksUrl: setting({
    env: 'BACKLOT_FAL_JWKS_URL',
    schema: z.string().url({ message: 'must be a URL like https://rest.alpha.fal.ai/.well-known/jwks.json' }).optional(),
    doc: 'Where fal publishes the keys its webhooks are signed with, instead of https://rest.alpha.fal.ai/.well-known/jwks.json; a push no key verifies is refused.',
  }),
  falPlatformRetries: setting({
    env: 'BACKLOT_FAL_PLATFORM_RETRIES',
    schema: boolFromEnv,
    default: 'true',
    doc: "Let fal's queue run a request again (up to 10 times) after an infrastructure failure; false sends x-fal-no-retry, so such a failure ends the take at once (fal bills none).",
  }),
  // ComfyUI, a local server (issue 18).
  comfyuiUrl: setting({
    env: 'BACKLOT_COMFYUI_URL',
    schema: z.string().url({ message: 'must be a URL like http://127.0.0.1:8188' }).optional(),
    doc: 'Address of the ComfyUI server Backlot sends workflows to (it needs no key; private addresses are allowed for it). Unset: ComfyUI is not offered.',
  }),
  comfyuiGpuSecondPrice: setting({
    env: 'BACKLOT_COMFYUI_GPU_SECOND_PRICE',
    schema: z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, { message: 'must be an amount like 0.0005 (up to 6 decimals)' }),
    default: '0',
    doc: 'What one GPU-second of the ComfyUI server costs, in BACKLOT_COMFYUI_CURRENCY (0: ComfyUI takes are free). A project price catalog entry overrides it.',
  }),
  comfyuiCurrency: setting({
    env: 'BACKLOT_COMFYUI_CURRENCY',
    schema: z.string().regex(/^[A-Z]{3}$/, { message: 'must be a currency code like USD' }),
    default: 'USD',
    doc: 'Currency of BACKLOT_COMFYUI_GPU_SECOND_PRICE.',
  }),
  comfyuiGpuSecondsPerSecond: setting({
    env: 'BACKLOT_COMFYUI_GPU_SECONDS_PER_SECOND',
    schema: intFromEnv(1, 100000),
    default: '60',
    doc: 'GPU-seconds one second of video is estimated to take on the ComfyUI server (the reservation); a take settles at the GPU time ComfyUI reports.',
  }),
  // Replicate (the gateways, issue 18).
  replicateUrl: setting({
    env: 'BACKLOT_REPLICATE_URL',
    schema: z.string().url({ message: 'must be a URL ending in /v1' }).optional(),
    doc: "Replicate's API address, instead of https://api.replicate.com/v1 (a proxy, or a test server).",
  }),
};

export const assistantSettings = {
  assistantUrl: setting({
    env: 'BACKLOT_ASSISTANT_URL',
    schema: z.string().url({ message: 'must be a URL like http://127.0.0.1:8080/v1' }).optional(),
    doc: 'OpenAI-compatible chat endpoint (…/v1) for the shot-list assistant; local model servers work. Unset: rule-based drafts only.',
  }),
  assistantModel: setting({ env: 'BACKLOT_ASSISTANT_MODEL', schema: z.string().min(1), default: 'gpt-4o-mini', doc: 'Model the shot-list assistant asks.' }),
  assistantKey: setting({ env: 'BACKLOT_ASSISTANT_KEY', schema: z.string().min(1).optional(), doc: 'API key for the assistant endpoint, sent as Bearer.', secret: true }),
  assistantTimeoutSeconds: setting({
    env: 'BACKLOT_ASSISTANT_TIMEOUT_SECONDS',
    schema: intFromEnv(1, 600),
    default: '60',
    doc: 'How long to wait for the assistant before using the rule-based draft.',
  }),
};

/** 32 bytes as base64 or 64 hex digits: what `openssl rand -base64 32` prints. */
const secretKey = z.string().refine((v) => /^[0-9a-fA-F]{64}$/.test(v.trim()) || /^[A-Za-z0-9+/_-]{43}=?$/.test(v.trim()), {
  message: 'must be 32 random bytes as base64 or 64 hex digits (make one with: openssl rand -base64 32)',
});

export const secretSettings = {
  secretKey: setting({
    env: 'BACKLOT_SECRET_KEY',
    schema: secretKey.optional(),
    doc: 'Key that seals provider keys in the database (AES-256-GCM): 32 random bytes, base64 (openssl rand -base64 32). Required once a provider key is stored; keep it outside the database and its backups.',
    secret: true,
  }),
  secretKeyPrevious: setting({
    env: 'BACKLOT_SECRET_KEY_PREVIOUS',
    schema: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .pipe(z.array(secretKey))
      .optional(),
    doc: 'Earlier secret keys, comma-separated, still able to open what they sealed; `backlot-server keys rotate` re-seals everything with BACKLOT_SECRET_KEY, after which they can go.',
    secret: true,
  }),
};

export const logSettings = {
  logLevel: setting({ env: 'BACKLOT_LOG_LEVEL', schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), default: 'info', doc: 'Log level (logs are JSON lines on stdout).' }),
};

export const areas = {
  server: serverSettings,
  data: dataSettings,
  auth: authSettings,
  mail: mailSettings,
  storage: storageSettings,
  tools: toolSettings,
  worker: workerSettings,
  providers: providerSettings,
  assistant: assistantSettings,
  secrets: secretSettings,
  log: logSettings,
} as const;

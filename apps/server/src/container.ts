/** The one file that knows every adapter: builds the database, the stores and the services from the configuration. */
import { createZipBundleFormat } from './adapters/archive/zip-bundle.ts';
import { createArchiveService, createBundleChecks } from './services/archive/archive.service.ts';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { migrateToLatest, openDatabase, type Database } from './adapters/db/database.ts';
import { createStore } from './adapters/db/store.ts';
import { createDisabledAssistant, createOpenAiChatAssistant } from './adapters/assistant/openai-chat.assistant.ts';
import { createChromiumPdfRenderer } from './adapters/documents/chromium-pdf.renderer.ts';
import { createFfmpegMediaTools } from './adapters/media/ffmpeg.media-tools.ts';
import { createBlobStore } from './adapters/storage/create-blob-store.ts';
import { createDiskStaging } from './adapters/storage/disk.staging.ts';
import { processFolder } from './adapters/storage/process-scratch.ts';
import { sweepAtStart } from './adapters/storage/start-up-sweep.ts';
import { checkStorageIdentity } from './adapters/storage/storage-identity.ts';
import { createPrevisTaskRepository } from './adapters/db/repositories/previs-task.repository.ts';
import { createProcessRepository, createStorageIdentityRepository } from './adapters/db/repositories/process.repository.ts';
import { startProcessPresence, type ProcessPresence } from './adapters/system/process-presence.ts';
import type { ProcessKind } from './ports/process-registry.ts';
import { createSmtpMailer } from './adapters/mail/smtp-mailer.ts';
import { createArgon2Hasher } from './adapters/system/argon2-hasher.ts';
import { nodeSecrets, systemClock, uuidV7Ids } from './adapters/system/system.ts';
import { createAesGcmSecretBox, parseSecretKey } from './adapters/system/aes-gcm.secret-box.ts';
import { createProviderKeysService, secretKeyProblems } from './services/keys/provider-keys.service.ts';
import { createLimitsService } from './services/spend/limits.service.ts';
import { createPricesService } from './services/spend/prices.service.ts';
import { createSpendViewsService } from './services/spend/spend-views.service.ts';
import type { SecretBox } from './ports/crypto.ts';
import { ConfigError, type Config } from './config/load-config.ts';
import type { Clock } from './ports/clock.ts';
import type { PasswordHasher } from './ports/crypto.ts';
import type { Mailer } from './ports/mailer.ts';
import type { Store } from './ports/store.ts';
import { createAccountsService } from './services/accounts/accounts.service.ts';
import { createAuthService } from './services/accounts/auth.service.ts';
import { createAuditCheckpointService } from './services/audit/audit-checkpoint.service.ts';
import { createAuditLogService } from './services/audit/audit-log.service.ts';
import { createMembersService } from './services/members/members.service.ts';
import { createProjectsService } from './services/projects/projects.service.ts';
import { createScenesService } from './services/plan/scenes.service.ts';
import { createShotsService } from './services/plan/shots.service.ts';
import { createStoryboardService } from './services/plan/storyboard.service.ts';
import type { DocumentRenderer } from './ports/documents.ts';
import type { CoverageAssistant } from './ports/coverage-assistant.ts';
import { createCoverageService } from './services/plan/coverage.service.ts';
import { createScreenplayImportService } from './services/plan/screenplay-import.service.ts';
import { createRevisionsService } from './services/plan/revisions.service.ts';
import { createShotListService } from './services/plan/shot-list.service.ts';
import { createAssetsService } from './services/assets/assets.service.ts';
import { createMediaService } from './services/assets/media.service.ts';
import { createReferencesService } from './services/assets/references.service.ts';
import { createRightsService } from './services/assets/rights.service.ts';
import { createLikenessAssetsService } from './services/assets/likeness-assets.service.ts';
import { startLikenessSweeper, type LikenessSweeper } from './worker/likeness-sweeper.ts';
import type { BlobStore } from './ports/blob-store.ts';
import type { MediaTools } from './ports/media-tools.ts';
import type { Staging } from './ports/staging.ts';
import { createOutboxEventFeed, createPgEventFeed } from './adapters/events/event-feeds.ts';
import { createFfmpegTakeMedia } from './adapters/media/ffmpeg.take-media.ts';
import { createPrevisProvider } from './adapters/providers/previs/previs.provider.ts';
import { createKlingProvider, KLING_HOST } from './adapters/providers/kling/kling.provider.ts';
import { createRunwayProvider, RUNWAY_HOST } from './adapters/providers/runway/runway.provider.ts';
import { createSeedanceProvider, SEEDANCE_HOSTS } from './adapters/providers/seedance/seedance.provider.ts';
import { SEEDANCE_ASSET_HOSTS } from './adapters/providers/seedance/seedance.assets.ts';
// Luma and Higgsfield (issue 17).
import { createLumaProvider, LUMA_HOSTS } from './adapters/providers/luma/luma.provider.ts';
import { createHiggsfieldProvider, HIGGSFIELD_URL } from './adapters/providers/higgsfield/higgsfield.provider.ts';
// fal (issue 18).
import { createFalProvider, FAL_QUEUE_URL, FAL_REST_URL } from './adapters/providers/fal/fal.provider.ts';
import { FAL_JWKS_URL } from './adapters/providers/fal/fal.webhook.ts';
// ComfyUI (issue 18).
import { COMFY_SAMPLE, createComfyProvider } from './adapters/providers/comfyui/comfyui.provider.ts';
import { createComfyWorkflowsService } from './services/comfyui/comfy-workflows.service.ts';
// Replicate (issue 18).
import { createReplicateProvider, REPLICATE_URL } from './adapters/providers/replicate/replicate.provider.ts';
import type { EventFeed } from './ports/event-feed.ts';
import type { TakeMediaTools } from './ports/take-media.ts';
import type { ProviderRegistry, VideoProviderAdapter } from './ports/video-provider.ts';
import { createAcrossService } from './services/generate/across.service.ts';
import { createGenerateService } from './services/generate/generate.service.ts';
import { createTakeIngest } from './services/generate/take-ingest.service.ts';
import { createTakeJobs } from './services/generate/take-jobs.service.ts';
import { createTakesService } from './services/generate/takes.service.ts';
import { createTakeFiltersService } from './services/generate/take-filters.service.ts';
import { createTakeImports } from './services/generate/take-imports.service.ts';
import { createNotesService } from './services/review/notes.service.ts';
import { createHomeService } from './services/home/home.service.ts';
import { createReviewService } from './services/review/review.service.ts';
import { createSharpStills } from './adapters/media/sharp.stills.ts';
import { createDemoService } from './services/demo/demo.service.ts';
import { createHandoffService } from './services/handoff/handoff.service.ts';
import { createCutImportService } from './services/handoff/cut-import.service.ts';
import { createRetentionService } from './services/retention/retention.service.ts';
import { createYazlZipWriter } from './adapters/archive/yazl-zip-writer.ts';
import { createDailiesService } from './services/dailies/dailies.service.ts';
import { createNotesExportService } from './services/dailies/notes-export.service.ts';
import { createReviewLinksService } from './services/dailies/review-links.service.ts';
import { createRoomService } from './services/dailies/room.service.ts';
import { createDailiesReportService } from './services/dailies/report.service.ts';
import { createSessionReportService } from './services/dailies/session-report.service.ts';
import { createReviewMovieService } from './services/dailies/review-movie.service.ts';
import { createSessionMovieService } from './services/dailies/session-movie.service.ts';
import { createFfmpegReviewMovie } from './adapters/media/ffmpeg.review-movie.ts';
import { createSharpReportFrames } from './adapters/media/sharp.report-frames.ts';
import { createStillReferences } from './services/demo/still-references.ts';
import { startTakeWorker, type TakeWorker } from './worker/take-worker.ts';

/** What a process is: a server or a worker (registered, swept for at start, held to the database's storage), or a one-off command. */
export type ContainerKind = ProcessKind | 'command';

export interface ContainerOverrides {
  /** Default `serve`. */
  kind?: ContainerKind;
  clock?: Clock;
  blobs?: BlobStore;
  media?: MediaTools;
  hasher?: PasswordHasher;
  mailer?: Mailer;
  /** An already opened database (tests open one per dialect). */
  database?: Database;
  /** Providers to use instead of the configured ones (tests add fakes). */
  providers?: VideoProviderAdapter[];
}

/** The box that seals provider keys, from BACKLOT_SECRET_KEY (and earlier keys kept for rotation). */
export function secretBoxFor(config: Config): SecretBox {
  const { secretKey, secretKeyPrevious } = config.secrets;
  try {
    return createAesGcmSecretBox(
      secretKey ? parseSecretKey(secretKey, 'BACKLOT_SECRET_KEY') : undefined,
      (secretKeyPrevious ?? []).map((k) => parseSecretKey(k, 'BACKLOT_SECRET_KEY_PREVIOUS')),
    );
  } catch (err) {
    throw new ConfigError([(err as Error).message]);
  }
}

export type Services = ReturnType<typeof createServices>;

export interface Container {
  config: Config;
  /** This process's id in the registry of processes (and the owner of its previs render leases). */
  processId: string;
  /** Where uploads stream before they are checked; the HTTP edge hands requests' files to it. */
  staging: Staging;
  database: Database;
  store: Store;
  mailer: Mailer;
  services: Services;
  /** Address people open, for links. */
  publicUrl: string;
  /** Live project events, across processes. */
  events: EventFeed;
  /** Starts the take worker in this process (`serve` does unless told not to; `backlot worker` does nothing else). */
  startWorker(log?: { error(obj: unknown, msg?: string): void }): TakeWorker;
  close(): Promise<void>;
}

/** Where the SQLite file lives inside the data folder. */
export function sqlitePathFor(config: Config): string {
  return join(resolve(config.data.dataDir), 'backlot.sqlite');
}

function createServices(
  store: Store,
  config: Config,
  publicUrl: string,
  o: {
    clock: Clock;
    hasher: PasswordHasher;
    mailer: Mailer;
    documents: DocumentRenderer;
    assistant: CoverageAssistant;
    blobs: BlobStore;
    media: MediaTools;
    staging: Staging;
    takeMedia: TakeMediaTools;
    providers: ProviderRegistry;
    box: SecretBox;
    wake: () => void;
  },
) {
  const base = { store, clock: o.clock, ids: uuidV7Ids, secrets: nodeSecrets };
  const shots = createShotsService(base);
  const ingest = createTakeIngest({ store, blobs: o.blobs, takeMedia: o.takeMedia, staging: o.staging, clock: o.clock });
  const assets = createAssetsService({ ...base, blobs: o.blobs, media: o.media, staging: o.staging });
  const projects = createProjectsService(base);
  const scenes = createScenesService(base);
  const screenplay = createScreenplayImportService(base);
  const references = createReferencesService(base);
  const providerKeys = createProviderKeysService({ ...base, box: o.box, providers: o.providers });
  const likeness = createLikenessAssetsService({ ...base, providers: o.providers, credentials: providerKeys });
  const rights = createRightsService({ ...base, blobs: o.blobs, staging: o.staging, retireLikeness: likeness.sweep });
  // ComfyUI workflows (issue 18): a project's workflows are models of the comfyui provider.
  const comfyWorkflows = createComfyWorkflowsService({ ...base, configured: Boolean(config.providers.comfyuiUrl), rate: comfyRateOf(config), sample: COMFY_SAMPLE });
  const generate = createGenerateService({ ...base, providers: o.providers, keys: providerKeys, wake: o.wake, likeness, mailer: o.mailer, publicUrl, projectModels: comfyWorkflows });
  const auditLog = createAuditLogService({ store, secrets: nodeSecrets });
  const takes = createTakesService({ store, takeRights: rights.forTakes });
  // Dailies (issue 15): sessions and playlists, the room, guest review links, notes export.
  const dailies = createDailiesService({ ...base, present: takes.present });
  return {
    accounts: createAccountsService({ ...base, hasher: o.hasher }),
    auth: createAuthService({ ...base, hasher: o.hasher, mailer: o.mailer, settings: { ...config.auth, publicUrl } }),
    projects,
    members: createMembersService({ ...base, hasher: o.hasher, mailer: o.mailer, settings: { publicUrl } }),
    auditLog,
    auditCheckpoints: createAuditCheckpointService({ ...base, auditLog }),
    scenes,
    shots,
    shotList: createShotListService({ ...base, shots }),
    storyboard: createStoryboardService({ store, clock: o.clock, documents: o.documents, blobs: o.blobs }),
    screenplay,
    revisions: createRevisionsService(base),
    coverage: createCoverageService({ store, assistant: o.assistant }),
    assets,
    rights,
    likeness,
    references,
    media: createMediaService({ store, blobs: o.blobs }),
    generate,
    // One plan across several providers (issue 18): the same generation path, pair by pair.
    across: createAcrossService({ store, clock: o.clock, generate }),
    takes,
    takeFilters: createTakeFiltersService(base),
    providerKeys,
    prices: createPricesService({ ...base, providers: o.providers, projectModels: comfyWorkflows }),
    limits: createLimitsService(base),
    spend: createSpendViewsService({ store }),
    notes: createNotesService({ ...base, mailer: o.mailer, publicUrl }),
    home: createHomeService({ store, clock: o.clock, riskOf: rights.riskOf }),
    review: createReviewService(base),
    takeJobs: createTakeJobs({
      ...base,
      staging: o.staging,
      providers: o.providers,
      ingest,
      pollIntervalMs: (provider) => (provider === 'previs' ? 250 : Math.round(config.worker.pollSeconds * 1000)),
      publicUrl: config.server.publicUrl,
      credentials: providerKeys,
    }),
    ingest,
    /** Tells this process's worker there is work now (after a provider's callback). */
    wakeWorker: o.wake,
    takeImports: createTakeImports({ ...base, blobs: o.blobs, media: o.media, takeMedia: o.takeMedia, staging: o.staging, ingest, assets }),
    // The archive bundle (issue 19): export, verify and restore a whole project.
    archive: createArchiveService({ ...base, blobs: o.blobs, bundles: createZipBundleFormat(), mailer: o.mailer, publicUrl }),
    handoff: createHandoffService({ ...base, blobs: o.blobs, zip: createYazlZipWriter(), takeRights: rights.forTakes }),
    cuts: createCutImportService({ ...base, blobs: o.blobs }),
    retention: createRetentionService({ ...base, blobs: o.blobs }),
    dailies,
    room: createRoomService({ ...base, sessionFor: dailies.sessionFor }),
    reviewLinks: createReviewLinksService({ ...base, hasher: o.hasher, present: takes.present }),
    notesExport: createNotesExportService({ store, sessionFor: dailies.sessionFor }),
    // The dailies report (issue 15): printed when a session closes, read as a page or a PDF.
    dailiesReport: createSessionReportService({
      store,
      clock: o.clock,
      blobs: o.blobs,
      documents: o.documents,
      dailies,
      report: createDailiesReportService({ blobs: o.blobs, staging: o.staging, takeMedia: o.takeMedia, frames: createSharpReportFrames(), documents: o.documents, clock: o.clock }),
    }),
    // The session's playlist as one review movie (issue 15).
    dailiesMovie: createSessionMovieService({
      store,
      clock: o.clock,
      blobs: o.blobs,
      sessionFor: dailies.sessionFor,
      movies: createReviewMovieService({ blobs: o.blobs, staging: o.staging, movies: createFfmpegReviewMovie(), fontFile: config.tools.fontFile }),
    }),
    comfyWorkflows,
    demo: createDemoService({ projects, screenplay, scenes, shots, references, generate, stills: createStillReferences({ assets, rights, stills: createSharpStills(), staging: o.staging }) }),
  };
}

/** The operator's ComfyUI GPU rate and estimate (BACKLOT_COMFYUI_*). */
function comfyRateOf(config: Config) {
  return {
    currency: config.providers.comfyuiCurrency,
    microsPerGpuSecond: Math.round(Number(config.providers.comfyuiGpuSecondPrice) * 1_000_000),
    gpuSecondsPerVideoSecond: config.providers.comfyuiGpuSecondsPerSecond,
  };
}

/** The archive bundle's checks, which need no database (`backlot archive verify` on any machine). */
export function createArchiveChecks() {
  return createBundleChecks({ secrets: nodeSecrets, bundles: createZipBundleFormat() });
}

/** Brings the database schema up to date without starting anything; returns the migrations applied and where. */
export async function migrateDatabase(config: Config): Promise<{ applied: string[]; dialect: string; location: string }> {
  const database = openDatabase({ url: config.data.databaseUrl, sqlitePath: sqlitePathFor(config) });
  try {
    return { applied: await migrateToLatest(database.db), dialect: database.dialect, location: database.location };
  } finally {
    await database.close();
  }
}

/** Where this process's scratch lives inside the data folder: upload staging and previs renders, one folder per process under each. */
function scratchRootsFor(config: Config) {
  const tmp = join(resolve(config.data.dataDir), 'tmp');
  return { uploads: join(tmp, 'uploads'), previs: join(tmp, 'previs') };
}

/**
 * Opens the database, brings its schema up to date and wires the services. A server or worker
 * first checks that its media storage is the database's (ConfigError if not), registers itself
 * among the database's processes and sweeps what crashed processes left behind.
 */
export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const database = overrides.database ?? openDatabase({ url: config.data.databaseUrl, sqlitePath: sqlitePathFor(config) });
  const kind = overrides.kind ?? 'serve';
  const store = createStore(database.db, database.dialect);
  let presence: ProcessPresence | undefined;
  let blobs: BlobStore;
  const box = secretBoxFor(config);
  try {
    await migrateToLatest(database.db);
    // Keys stored but nothing to open them with: say so now, not at the first paid generation.
    const keyProblems = await secretKeyProblems(store, box);
    if (keyProblems.length) throw new ConfigError(keyProblems);
    blobs = overrides.blobs ?? createBlobStore(config);
    if (kind !== 'command') {
      await checkStorageIdentity(blobs, createStorageIdentityRepository(database.db));
      const registry = createProcessRepository(database.db);
      presence = await startProcessPresence({ registry, kind });
      await sweepAtStart({ presence, registry, blobs, recorded: (sha256) => store.read.blobs.exists(sha256), scratchRoots: Object.values(scratchRootsFor(config)) });
    }
  } catch (err) {
    await presence?.stop().catch(() => undefined);
    if (!overrides.database) await database.close();
    throw err;
  }
  const processId = presence?.id ?? `command-${uuidV7Ids.next()}`;
  const mailer = overrides.mailer ?? createSmtpMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.mailFrom });
  const publicUrl = config.server.publicUrl ?? `http://${config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host}:${config.server.port}`;
  const documents = createChromiumPdfRenderer({ executablePath: config.tools.chromium });
  const { assistantUrl, assistantModel, assistantKey, assistantTimeoutSeconds } = config.assistant;
  const assistant = assistantUrl
    ? createOpenAiChatAssistant({ baseUrl: assistantUrl, model: assistantModel, apiKey: assistantKey, timeoutMs: assistantTimeoutSeconds * 1000 })
    : createDisabledAssistant();
  const scratch = scratchRootsFor(config);
  const staging = createDiskStaging(processFolder(scratch.uploads, processId));
  const previs = overrides.providers
    ? undefined
    : createPrevisProvider({
        ffmpegPath: config.tools.ffmpeg,
        workDir: processFolder(scratch.previs, processId),
        tasks: createPrevisTaskRepository(database.db),
        blobs,
        fontFile: config.tools.fontFile,
        maxConcurrent: config.worker.previsConcurrency,
        owner: processId,
        leaseMs: config.worker.leaseSeconds * 1000,
      });
  const outbound = { allowHosts: config.providers.allowHosts ?? [], timeoutMs: config.providers.timeoutSeconds * 1000 };
  const assetHost = SEEDANCE_ASSET_HOSTS[config.providers.seedanceRegion];
  const seedance = createSeedanceProvider({
    baseUrl: config.providers.seedanceUrl ?? SEEDANCE_HOSTS[config.providers.seedanceRegion],
    blobs,
    outbound,
    assets: { url: config.providers.seedanceAssetUrl ?? assetHost.url, region: assetHost.region },
  });
  // Luma and Higgsfield (issue 17).
  const luma = createLumaProvider({ dreamMachineUrl: config.providers.lumaUrl ?? LUMA_HOSTS.dreamMachine, agentsUrl: config.providers.lumaAgentsUrl ?? LUMA_HOSTS.agents, blobs, outbound });
  const higgsfield = createHiggsfieldProvider({ baseUrl: config.providers.higgsfieldUrl ?? HIGGSFIELD_URL, blobs, outbound });
  // Kling and Runway (issue 17).
  const kling = createKlingProvider({ baseUrl: config.providers.klingUrl ?? KLING_HOST, blobs, outbound });
  const runway = createRunwayProvider({ baseUrl: config.providers.runwayUrl ?? RUNWAY_HOST, blobs, outbound });
  // Replicate (issue 18).
  const replicate = createReplicateProvider({ baseUrl: config.providers.replicateUrl ?? REPLICATE_URL, blobs, outbound });
  // fal (issue 18).
  const fal = createFalProvider({
    queueUrl: config.providers.falUrl ?? FAL_QUEUE_URL,
    restUrl: config.providers.falRestUrl ?? FAL_REST_URL,
    jwksUrl: config.providers.falJwksUrl ?? FAL_JWKS_URL,
    platformRetries: config.providers.falPlatformRetries,
    blobs,
    outbound,
  });
  const named: VideoProviderAdapter[] = [luma, higgsfield, kling, runway, fal, replicate];
  // ComfyUI (issue 18): offered once the operator names the server.
  const comfy = config.providers.comfyuiUrl
    ? createComfyProvider({
        baseUrl: config.providers.comfyuiUrl,
        blobs,
        outbound,
        clientId: `backlot-${processId}`,
        rate: comfyRateOf(config),
      })
    : undefined;
  if (comfy) named.push(comfy);
  const providers = createProviderRegistry(config, overrides.providers ?? [previs!, seedance, ...named]);
  let worker: TakeWorker | undefined;
  let sweeper: LikenessSweeper | undefined;
  const services = createServices(store, config, publicUrl, {
    clock: overrides.clock ?? systemClock,
    hasher: overrides.hasher ?? createArgon2Hasher(),
    mailer,
    documents,
    assistant,
    blobs,
    media: overrides.media ?? createFfmpegMediaTools({ ffmpegPath: config.tools.ffmpeg, ffprobePath: config.tools.ffprobe }),
    staging,
    takeMedia: createFfmpegTakeMedia({ ffmpegPath: config.tools.ffmpeg, ffprobePath: config.tools.ffprobe }),
    providers,
    box,
    wake: () => worker?.wake(),
  });
  const events = database.dialect === 'postgres' && database.url ? createPgEventFeed(database.url) : createOutboxEventFeed(database.db);
  await events.start();
  return {
    config,
    processId,
    staging,
    database,
    store,
    mailer,
    services,
    publicUrl,
    events,
    startWorker(log) {
      worker ??= startTakeWorker({ jobs: services.takeJobs, slots: config.worker.slots, leaseMs: config.worker.leaseSeconds * 1000, log });
      sweeper ??= startLikenessSweeper({ sweep: () => services.likeness.sweep(), everyMs: config.worker.likenessSweepSeconds * 1000, log });
      return worker;
    },
    async close() {
      await worker?.stop();
      await sweeper?.stop();
      // Renders this process holds stop here and are resumed by the next worker.
      await previs?.close();
      comfy?.close();
      await events.close();
      await documents.close();
      await presence?.stop().catch(() => undefined);
      await staging.dispose();
      await rm(processFolder(scratch.previs, processId), { recursive: true, force: true });
      await database.close();
    },
  };
}

/** The providers this instance offers; previs is always there. Each key of a provider may have this many takes at the provider at once. */
function createProviderRegistry(config: Config, adapters: VideoProviderAdapter[]): ProviderRegistry {
  const byName = new Map(adapters.map((a) => [a.provider as string, a]));
  return {
    get: (provider) => byName.get(provider),
    all: () => [...byName.values()],
    // previs queues renders itself (BACKLOT_PREVIS_CONCURRENCY at once), so more may wait there.
    concurrency: (provider) => (provider === 'previs' ? config.worker.previsConcurrency * 4 : config.providers.concurrency),
    retired: (provider, model) => (config.providers.retiredModels ?? []).includes(`${provider}:${model}`),
  };
}

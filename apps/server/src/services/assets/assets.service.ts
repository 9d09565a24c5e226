/**
 * References (assets): create and describe them, upload versions whose type is decided from the
 * content, lock a version, and find where they are used. Bytes go to blob storage before anything
 * is recorded; a refused or interrupted upload leaves no record (and the start-up sweep removes
 * any blob it left).
 */
import type { AssetKind } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { expectedMedia } from '../../domain/assets/rights.rules.ts';
import { DomainError, fail } from '../../domain/errors.ts';
import type { AssetFileRecord, AssetRecord } from '../../ports/asset-store.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { MediaTools } from '../../ports/media-tools.ts';
import type { StagedFile, Staging } from '../../ports/staging.ts';
import type { Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface AssetsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  blobs: BlobStore;
  media: MediaTools;
  staging: Staging;
}

export interface NewAsset {
  kind: AssetKind;
  name: string;
  notes: string;
  tags: string[];
  rightsSource: string;
  flags: string[];
}

/** Views of one version: "main" for a single file; a character sheet names its views (front, side, back). */
export const VIEW_NAME = /^[a-z][a-z0-9-]{0,29}$/;

export function createAssetsService(deps: AssetsDeps) {
  const audit = (tx: Repos, projectId: string, actor: Actor, action: string, asset: Pick<AssetRecord, 'id'>, summary: string, data?: Record<string, unknown>) =>
    appendAudit(tx, deps, { chain: projectChain(projectId), actor, action, targetType: 'asset', targetId: asset.id, summary, data });

  async function getOrThrow(tx: Repos, projectId: string, id: string): Promise<AssetRecord> {
    return (await tx.assets.findById(projectId, id)) ?? fail('asset.not_found', 'No such reference in this project.');
  }

  /** Stores a staged file's bytes and its previews; returns the file row (not yet recorded) and the previews' sizes. */
  async function storeFile(
    assetId: string,
    version: number,
    view: string,
    staged: StagedFile,
    expect: ('image' | 'video' | 'audio')[],
    purpose: string,
  ): Promise<Omit<AssetFileRecord, 'createdAt'> & { previewSizes: [number, number] }> {
    const info = await deps.media.identify(staged.path, expect, { purpose: purpose });
    const poster = deps.staging.scratchPath('.jpg');
    const thumbnail = deps.staging.scratchPath('.jpg');
    try {
      const original = await deps.blobs.put(deps.staging.open(staged.path));
      await deps.media.renderPreviews(staged.path, info, { poster, thumbnail });
      const posterBlob = await deps.blobs.put(deps.staging.open(poster));
      const thumbBlob = await deps.blobs.put(deps.staging.open(thumbnail));
      return {
        id: deps.ids.next(),
        assetId,
        version,
        view,
        sha256: original.sha256,
        mediaType: info.mediaType,
        kind: info.kind,
        size: original.size,
        width: info.width,
        height: info.height,
        durationUs: info.durationUs,
        frameRate: info.frameRate,
        videoCodec: info.videoCodec,
        audioCodec: info.audioCodec,
        posterSha256: posterBlob.sha256,
        thumbnailSha256: thumbBlob.sha256,
        originalName: staged.originalName,
        previewSizes: [posterBlob.size, thumbBlob.size],
      };
    } finally {
      await deps.staging.remove(poster, thumbnail);
    }
  }

  return {
    getOrThrow: (projectId: string, id: string) => getOrThrow(deps.store.read, projectId, id),

    async create(actor: Actor, projectId: string, input: NewAsset): Promise<AssetRecord> {
      return deps.store.transaction(async (tx) => {
        // The names are compared without case, which the unique index cannot do: the lock makes the check hold.
        await tx.projects.lock(projectId);
        if ((await tx.assets.listByKind(projectId, input.kind)).some((a) => a.name.toLowerCase() === input.name.toLowerCase())) {
          fail('asset.name_taken', `There is already a ${input.kind} reference named ${input.name}.`, 'name');
        }
        const now = deps.clock.now().toISOString();
        const asset: AssetRecord = {
          id: deps.ids.next(),
          projectId,
          kind: input.kind,
          name: input.name,
          status: 'active',
          clearance: 'uncleared',
          source: 'upload',
          notes: input.notes,
          tags: input.tags,
          rightsSource: input.rightsSource,
          flags: input.flags,
          currentVersion: 0,
          lockedVersion: null,
          everCleared: false,
          createdAt: now,
          updatedAt: now,
        };
        await tx.assets.insert(asset);
        await audit(tx, projectId, actor, 'asset.created', asset, `${actor.name} added the ${input.kind} reference ${input.name}`);
        return asset;
      });
    },

    async update(actor: Actor, projectId: string, id: string, patch: Partial<Pick<AssetRecord, 'name' | 'notes' | 'tags' | 'rightsSource' | 'flags'>>): Promise<AssetRecord> {
      return deps.store.transaction(async (tx) => {
        if (patch.name !== undefined) await tx.projects.lock(projectId);
        const before = await getOrThrow(tx, projectId, id);
        const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(before[k]));
        if (!changed.length) return before;
        if (changed.includes('name') && (await tx.assets.listByKind(projectId, before.kind)).some((a) => a.id !== id && a.name.toLowerCase() === patch.name!.toLowerCase())) {
          fail('asset.name_taken', `There is already a ${before.kind} reference named ${patch.name}.`, 'name');
        }
        await tx.assets.update(id, { ...Object.fromEntries(changed.map((k) => [k, patch[k]])), updatedAt: deps.clock.now().toISOString() });
        await audit(tx, projectId, actor, 'asset.updated', before, `${actor.name} changed ${changed.join(', ')} of ${before.name}`, { fields: changed });
        return getOrThrow(tx, projectId, id);
      });
    },

    /**
     * Adds a version made of one or more files (views). Each file's type is decided from its
     * content and must suit the asset's kind; if any file is refused, nothing is recorded.
     */
    async addVersion(actor: Actor, projectId: string, assetId: string, files: { view: string; staged: StagedFile }[], note?: string) {
      const asset = await getOrThrow(deps.store.read, projectId, assetId);
      if (files.length === 0) fail('request.invalid', 'Send at least one file.', 'file');
      const views = new Set<string>();
      for (const f of files) {
        if (!VIEW_NAME.test(f.view)) fail('request.invalid', `"${f.view}" is not a view name: use lower-case words like front, side, back.`, 'view');
        if (views.has(f.view)) fail('request.invalid', `Two files for the view ${f.view}.`, 'view');
        views.add(f.view);
      }
      const version = asset.currentVersion + 1;
      const rows: (Omit<AssetFileRecord, 'createdAt'> & { previewSizes: [number, number] })[] = [];
      for (const f of files) {
        try {
          rows.push(await storeFile(asset.id, version, f.view, f.staged, expectedMedia(asset.kind), `a ${asset.kind.replace('-', ' ')} reference`));
        } catch (err) {
          // In a sheet of several files, say which one was refused.
          if (err instanceof DomainError && files.length > 1) throw new DomainError(err.code, `${f.staged.originalName ?? f.view} (${f.view}): ${err.message}`, f.view);
          throw err;
        }
      }
      return deps.store.transaction(async (tx) => {
        await tx.projects.lock(projectId);
        const current = await getOrThrow(tx, projectId, assetId);
        // Another upload finished first: this one becomes the version after it.
        const next = current.currentVersion + 1;
        const now = deps.clock.now().toISOString();
        for (const r of rows) {
          await tx.blobs.record({ sha256: r.sha256, size: r.size, mediaType: r.mediaType, createdAt: now });
          if (r.posterSha256) await tx.blobs.record({ sha256: r.posterSha256, size: r.previewSizes[0], mediaType: 'image/jpeg', createdAt: now });
          if (r.thumbnailSha256) await tx.blobs.record({ sha256: r.thumbnailSha256, size: r.previewSizes[1], mediaType: 'image/jpeg', createdAt: now });
        }
        await tx.assets.insertVersion({ assetId, version: next, note: note ?? null, createdBy: actor.name, createdAt: now });
        for (const { previewSizes: _sizes, ...r } of rows) await tx.assets.insertFile({ ...r, version: next, createdAt: now });
        await tx.assets.update(assetId, { currentVersion: next, updatedAt: now });
        const what = rows.map((r) => `${r.view === 'main' ? '' : `${r.view}: `}${r.originalName ?? r.mediaType} (${r.mediaType}${r.width ? `, ${r.width}×${r.height}` : ''})`).join('; ');
        await audit(tx, projectId, actor, 'asset.version_added', current, `${actor.name} uploaded version ${next} of ${current.name}: ${what}`, { version: next, files: rows.map((r) => r.sha256) });
        return { version: next };
      });
    },

    /** References filtered by kind, clearance, tag and a name search, with the cover file of each. */
    async list(projectId: string, filter: { kind?: string; clearance?: string; tag?: string; q?: string }) {
      let assets = await deps.store.read.assets.list(projectId, { kind: filter.kind, clearance: filter.clearance });
      if (filter.tag) assets = assets.filter((a) => a.tags.includes(filter.tag!));
      if (filter.q) assets = assets.filter((a) => a.name.toLowerCase().includes(filter.q!.toLowerCase()));
      const covers = new Map((await deps.store.read.assets.coverFiles(assets.map((a) => a.id))).map((f) => [f.assetId, f]));
      return assets.map((a) => ({ asset: a, cover: covers.get(a.id) }));
    },

    /** Some references by id, with the cover file of each (for a plan's references). */
    async many(projectId: string, ids: string[]) {
      const assets = await deps.store.read.assets.findMany(projectId, [...new Set(ids)]);
      const covers = new Map((await deps.store.read.assets.coverFiles(assets.map((a) => a.id))).map((f) => [f.assetId, f]));
      return assets.map((a) => ({ asset: a, cover: covers.get(a.id) }));
    },

    /** Everything on the asset page: versions with their files, consents, clearance history, usage. */
    async detail(projectId: string, id: string) {
      const asset = await getOrThrow(deps.store.read, projectId, id);
      const [versions, files, consents, history, usage, covers] = await Promise.all([
        deps.store.read.assets.versions(id),
        deps.store.read.assets.files(id),
        deps.store.read.assets.consents([id]),
        deps.store.read.assets.clearanceEvents(id),
        deps.store.read.references.usage(id),
        deps.store.read.assets.coverFiles([id]),
      ]);
      return { asset, versions, files, consents, history, usage, cover: covers[0] };
    },

    /** The name an original was uploaded under, for saving it again with its name. */
    originalName: (projectId: string, sha256: string) => deps.store.read.assets.originalName(projectId, sha256),

    /** Whether a blob belongs to this project; media is served to its members only. */
    blobInProject: (projectId: string, sha256: string) => deps.store.read.assets.blobInProject(projectId, sha256),

    /** Records a download of an original in the audit log. */
    async auditDownload(actor: Actor, projectId: string, sha256: string) {
      await deps.store.transaction((tx) =>
        appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'media.downloaded',
          targetType: 'blob',
          targetId: sha256,
          summary: `${actor.name} downloaded the original ${sha256.slice(0, 12)}…`,
        }),
      );
    },

    /** Removes a reference that never got a version (e.g. its first upload was refused); one with files stays, for the record. */
    async removeEmpty(actor: Actor, projectId: string, assetId: string): Promise<void> {
      await deps.store.transaction(async (tx) => {
        const asset = await getOrThrow(tx, projectId, assetId);
        if (asset.currentVersion > 0)
          fail('asset.has_versions', `${asset.name} has ${asset.currentVersion} version${asset.currentVersion === 1 ? '' : 's'} and stays on record; mark it restricted instead.`);
        if ((await tx.references.usage(assetId)).length) fail('asset.has_versions', `${asset.name} is referenced by shots.`);
        await tx.assets.delete(assetId);
        await audit(tx, projectId, actor, 'asset.removed', asset, `${actor.name} removed the empty ${asset.kind} reference ${asset.name}`);
      });
    },

    /** Locks one version (the one generations use), or unlocks with null. */
    async lock(actor: Actor, projectId: string, assetId: string, version: number | null): Promise<AssetRecord> {
      return deps.store.transaction(async (tx) => {
        const asset = await getOrThrow(tx, projectId, assetId);
        if (version !== null && (version < 1 || version > asset.currentVersion)) fail('request.invalid', `${asset.name} has no version ${version}.`, 'version');
        if (asset.lockedVersion === version) return asset;
        await tx.assets.update(assetId, { lockedVersion: version, updatedAt: deps.clock.now().toISOString() });
        await audit(
          tx,
          projectId,
          actor,
          version === null ? 'asset.unlocked' : 'asset.locked',
          asset,
          version === null ? `${actor.name} unlocked ${asset.name}` : `${actor.name} locked version ${version} of ${asset.name}`,
        );
        return getOrThrow(tx, projectId, assetId);
      });
    },
  };
}

export type AssetsService = ReturnType<typeof createAssetsService>;

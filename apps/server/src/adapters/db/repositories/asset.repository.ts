/** Assets, their versions and files, blobs, clearance history, consents and plan references in SQL. */
import type { ClearanceState, ReferenceRole } from '@backlot/contracts';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AssetFileRecord, AssetRecord, AssetRepository, BlobRepository, ConsentChangeRecord, ConsentRecord, PlanReferenceRepository } from '../../../ports/asset-store.ts';
import type { Dialect } from '../database.ts';
import type { AssetFilesTable, AssetsTable, ConsentsTable, DB } from '../schema.ts';

function toAsset(r: Selectable<AssetsTable>): AssetRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    kind: r.kind,
    name: r.name,
    status: r.status,
    clearance: r.clearance as ClearanceState,
    source: r.source,
    notes: r.notes,
    tags: JSON.parse(r.tags) as string[],
    rightsSource: r.rights_source,
    flags: JSON.parse(r.flags) as string[],
    currentVersion: Number(r.current_version),
    lockedVersion: r.locked_version === null ? null : Number(r.locked_version),
    everCleared: Number(r.ever_cleared) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toConsent(r: Selectable<ConsentsTable>): ConsentRecord {
  return {
    id: r.id,
    assetId: r.asset_id,
    person: r.person,
    scope: r.scope,
    expiresOn: r.expires_on,
    documentSha256: r.document_sha256,
    documentName: r.document_name,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    withdrawnAt: r.revoked_at,
    withdrawnBy: r.withdrawn_by,
    withdrawalReason: r.withdrawal_reason,
  };
}

function toFile(r: Selectable<AssetFilesTable>): AssetFileRecord {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id,
    assetId: r.asset_id,
    version: Number(r.version),
    view: r.view,
    sha256: r.sha256,
    mediaType: r.media_type,
    kind: r.kind,
    size: Number(r.size),
    width: n(r.width),
    height: n(r.height),
    durationUs: n(r.duration_us),
    frameRate: r.frame_rate,
    videoCodec: r.video_codec,
    audioCodec: r.audio_codec,
    posterSha256: r.poster_sha256,
    thumbnailSha256: r.thumbnail_sha256,
    originalName: r.original_name,
    createdAt: r.created_at,
  };
}

export function createAssetRepository(db: Kysely<DB>, dialect: Dialect): AssetRepository {
  return {
    async list(projectId, filter = {}) {
      let q = db.selectFrom('assets').selectAll().where('project_id', '=', projectId);
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.clearance) q = q.where('clearance', '=', filter.clearance);
      return (await q.orderBy('kind').orderBy('name').execute()).map(toAsset);
    },
    async listByKind(projectId, kind) {
      return (await db.selectFrom('assets').selectAll().where('project_id', '=', projectId).where('kind', '=', kind).orderBy('name').execute()).map(toAsset);
    },
    async findById(projectId, id) {
      const r = await db.selectFrom('assets').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      return r && toAsset(r);
    },
    async findMany(projectId, ids) {
      if (!ids.length) return [];
      return (await db.selectFrom('assets').selectAll().where('project_id', '=', projectId).where('id', 'in', ids).execute()).map(toAsset);
    },
    async insert(a) {
      await db
        .insertInto('assets')
        .values({
          id: a.id,
          project_id: a.projectId,
          kind: a.kind,
          name: a.name,
          status: a.status,
          clearance: a.clearance,
          source: a.source,
          notes: a.notes ?? '',
          tags: JSON.stringify(a.tags ?? []),
          rights_source: a.rightsSource ?? 'original',
          flags: JSON.stringify(a.flags ?? []),
          current_version: a.currentVersion ?? 0,
          locked_version: a.lockedVersion ?? null,
          ever_cleared: a.everCleared ? 1 : 0,
          created_at: a.createdAt,
          updated_at: a.updatedAt,
        })
        .execute();
    },
    async update(id, patch) {
      const v: Record<string, unknown> = {};
      if (patch.name !== undefined) v.name = patch.name;
      if (patch.notes !== undefined) v.notes = patch.notes;
      if (patch.tags !== undefined) v.tags = JSON.stringify(patch.tags);
      if (patch.rightsSource !== undefined) v.rights_source = patch.rightsSource;
      if (patch.flags !== undefined) v.flags = JSON.stringify(patch.flags);
      if (patch.clearance !== undefined) v.clearance = patch.clearance;
      if (patch.currentVersion !== undefined) v.current_version = patch.currentVersion;
      if (patch.lockedVersion !== undefined) v.locked_version = patch.lockedVersion;
      if (patch.everCleared !== undefined) v.ever_cleared = patch.everCleared ? 1 : 0;
      if (patch.status !== undefined) v.status = patch.status;
      if (patch.updatedAt !== undefined) v.updated_at = patch.updatedAt;
      if (Object.keys(v).length) await db.updateTable('assets').set(v).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('assets').where('id', '=', id).execute();
    },
    async insertVersion(v) {
      await db.insertInto('asset_versions').values({ asset_id: v.assetId, version: v.version, note: v.note, created_by: v.createdBy, created_at: v.createdAt }).execute();
    },
    async versions(assetId) {
      const rows = await db.selectFrom('asset_versions').selectAll().where('asset_id', '=', assetId).orderBy('version', 'desc').execute();
      return rows.map((r) => ({ assetId: r.asset_id, version: Number(r.version), note: r.note, createdBy: r.created_by, createdAt: r.created_at }));
    },
    async insertFile(f) {
      await db
        .insertInto('asset_files')
        .values({
          id: f.id,
          asset_id: f.assetId,
          version: f.version,
          view: f.view,
          sha256: f.sha256,
          media_type: f.mediaType,
          kind: f.kind,
          size: f.size,
          width: f.width,
          height: f.height,
          duration_us: f.durationUs,
          frame_rate: f.frameRate,
          video_codec: f.videoCodec,
          audio_codec: f.audioCodec,
          poster_sha256: f.posterSha256,
          thumbnail_sha256: f.thumbnailSha256,
          original_name: f.originalName,
          created_at: f.createdAt,
        })
        .execute();
    },
    async files(assetId) {
      return (await db.selectFrom('asset_files').selectAll().where('asset_id', '=', assetId).orderBy('version', 'desc').orderBy('view').execute()).map(toFile);
    },
    async coverFiles(assetIds) {
      if (!assetIds.length) return [];
      const rows = await db
        .selectFrom('asset_files as f')
        .innerJoin('assets as a', (j) => j.onRef('a.id', '=', 'f.asset_id').onRef('a.current_version', '=', 'f.version'))
        .selectAll('f')
        .where('f.asset_id', 'in', assetIds)
        .orderBy('f.asset_id')
        .orderBy(sql`case when f.view = 'main' then 0 else 1 end`)
        .orderBy('f.view')
        .execute();
      const seen = new Set<string>();
      return rows.filter((r) => !seen.has(r.asset_id) && seen.add(r.asset_id)).map(toFile);
    },
    async originalName(projectId, sha256) {
      const r = await db
        .selectFrom('asset_files as f')
        .innerJoin('assets as a', 'a.id', 'f.asset_id')
        .select('f.original_name')
        .where('a.project_id', '=', projectId)
        .where('f.sha256', '=', sha256)
        .where('f.original_name', 'is not', null)
        .executeTakeFirst();
      return r?.original_name ?? undefined;
    },
    async blobInProject(projectId, sha256) {
      const file = await db
        .selectFrom('asset_files as f')
        .innerJoin('assets as a', 'a.id', 'f.asset_id')
        .select('f.id')
        .where('a.project_id', '=', projectId)
        .where((eb) => eb.or([eb('f.sha256', '=', sha256), eb('f.poster_sha256', '=', sha256), eb('f.thumbnail_sha256', '=', sha256)]))
        .executeTakeFirst();
      if (file) return true;
      const doc = await db
        .selectFrom('consents as c')
        .innerJoin('assets as a', 'a.id', 'c.asset_id')
        .select('c.id')
        .where('a.project_id', '=', projectId)
        .where('c.document_sha256', '=', sha256)
        .executeTakeFirst();
      return !!doc;
    },
    async insertClearanceEvent(e) {
      await db.insertInto('clearance_events').values({ id: e.id, asset_id: e.assetId, from_state: e.from, to_state: e.to, reason: e.reason, actor_name: e.actorName, at: e.at }).execute();
    },
    async clearanceEvents(assetId) {
      const rows = await db.selectFrom('clearance_events').selectAll().where('asset_id', '=', assetId).orderBy('at', 'desc').orderBy('id', 'desc').execute();
      return rows.map((r) => ({ id: r.id, assetId: r.asset_id, from: r.from_state as ClearanceState, to: r.to_state as ClearanceState, reason: r.reason, actorName: r.actor_name, at: r.at }));
    },
    async insertConsent(c) {
      await db
        .insertInto('consents')
        .values({
          id: c.id,
          asset_id: c.assetId,
          person: c.person,
          scope: c.scope,
          expires_on: c.expiresOn,
          document_sha256: c.documentSha256,
          document_name: c.documentName,
          recorded_by: c.recordedBy,
          recorded_at: c.recordedAt,
          revoked_at: c.withdrawnAt,
          withdrawn_by: c.withdrawnBy,
          withdrawal_reason: c.withdrawalReason,
        })
        .execute();
    },
    async consents(assetIds) {
      if (!assetIds.length) return [];
      const rows = await db.selectFrom('consents').selectAll().where('asset_id', 'in', assetIds).orderBy('expires_on', 'desc').orderBy('recorded_at', 'desc').orderBy('id').execute();
      return rows.map(toConsent);
    },
    async consentForUpdate(assetId, consentId) {
      let q = db.selectFrom('consents').selectAll().where('id', '=', consentId).where('asset_id', '=', assetId);
      if (dialect === 'postgres') q = q.forUpdate();
      const row = await q.executeTakeFirst();
      return row && toConsent(row);
    },
    async updateConsent(id, patch) {
      const values: Partial<ConsentsTable> = {};
      if (patch.person !== undefined) values.person = patch.person;
      if (patch.scope !== undefined) values.scope = patch.scope;
      if (patch.expiresOn !== undefined) values.expires_on = patch.expiresOn;
      if (patch.withdrawnAt !== undefined) values.revoked_at = patch.withdrawnAt;
      if (patch.withdrawnBy !== undefined) values.withdrawn_by = patch.withdrawnBy;
      if (patch.withdrawalReason !== undefined) values.withdrawal_reason = patch.withdrawalReason;
      if (Object.keys(values).length) await db.updateTable('consents').set(values).where('id', '=', id).execute();
    },
    async insertConsentChange(c) {
      await db
        .insertInto('consent_changes')
        .values({ id: c.id, consent_id: c.consentId, action: c.action, changes: JSON.stringify(c.changes), reason: c.reason, actor_name: c.actorName, at: c.at })
        .execute();
    },
    async consentChanges(consentIds) {
      if (!consentIds.length) return [];
      const rows = await db.selectFrom('consent_changes').selectAll().where('consent_id', 'in', consentIds).orderBy('at').orderBy('id').execute();
      return rows.map(
        (r): ConsentChangeRecord => ({
          id: r.id,
          consentId: r.consent_id,
          action: r.action as ConsentChangeRecord['action'],
          changes: JSON.parse(r.changes) as ConsentChangeRecord['changes'],
          reason: r.reason,
          actorName: r.actor_name,
          at: r.at,
        }),
      );
    },
  };
}

export function createBlobRepository(db: Kysely<DB>): BlobRepository {
  return {
    async record(b) {
      await db
        .insertInto('blobs')
        .values({ sha256: b.sha256, size: b.size, media_type: b.mediaType, created_at: b.createdAt })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    },
    async exists(sha256) {
      return !!(await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst());
    },
    async mediaType(sha256) {
      return (await db.selectFrom('blobs').select('media_type').where('sha256', '=', sha256).executeTakeFirst())?.media_type;
    },
  };
}

export function createPlanReferenceRepository(db: Kysely<DB>): PlanReferenceRepository {
  const toRef = (r: { shot_id: string; plan_version: number; asset_id: string; asset_version: number; role: string }) => ({
    shotId: r.shot_id,
    planVersion: Number(r.plan_version),
    assetId: r.asset_id,
    assetVersion: Number(r.asset_version),
    role: r.role as ReferenceRole,
  });
  return {
    async forVersion(shotId, planVersion) {
      return (await db.selectFrom('plan_references').selectAll().where('shot_id', '=', shotId).where('plan_version', '=', planVersion).orderBy('role').execute()).map(toRef);
    },
    async currentForShots(shotIds) {
      if (!shotIds.length) return [];
      const rows = await db
        .selectFrom('plan_references as r')
        .innerJoin('shots as s', (j) => j.onRef('s.id', '=', 'r.shot_id').onRef('s.plan_version', '=', 'r.plan_version'))
        .selectAll('r')
        .where('r.shot_id', 'in', shotIds)
        .orderBy('r.role')
        .execute();
      return rows.map(toRef);
    },
    async insertMany(refs) {
      if (!refs.length) return;
      await db
        .insertInto('plan_references')
        .values(refs.map((r) => ({ shot_id: r.shotId, plan_version: r.planVersion, asset_id: r.assetId, asset_version: r.assetVersion, role: r.role })))
        .execute();
    },
    async usage(assetId) {
      const rows = await db
        .selectFrom('plan_references as r')
        .innerJoin('shots as s', (j) => j.onRef('s.id', '=', 'r.shot_id').onRef('s.plan_version', '=', 'r.plan_version'))
        .select(['r.shot_id', 's.code', 'r.asset_version', 'r.role'])
        .where('r.asset_id', '=', assetId)
        .orderBy('s.code')
        .execute();
      return rows.map((r) => ({ shotId: r.shot_id, code: r.code, assetVersion: Number(r.asset_version), role: r.role as ReferenceRole }));
    },
  };
}

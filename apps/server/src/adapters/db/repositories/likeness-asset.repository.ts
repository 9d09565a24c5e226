/** Consented likenesses in providers' asset libraries, in SQL; the same on SQLite and PostgreSQL. */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { LikenessAssetRecord, LikenessAssetRepository, LikenessAssetState, RetiringLikenessAsset } from '../../../ports/asset-store.ts';
import type { ConsentProviderAssetsTable, DB } from '../schema.ts';

function toRecord(r: Selectable<ConsentProviderAssetsTable>): LikenessAssetRecord {
  return {
    id: r.id,
    consentId: r.consent_id,
    projectId: r.project_id,
    provider: r.provider,
    imageSha256: r.image_sha256,
    state: r.status as LikenessAssetState,
    groupId: r.group_id,
    assetId: r.asset_id,
    failure: r.failure,
    claimedAt: r.claimed_at,
    registeredAt: r.registered_at,
    deletedAt: r.deleted_at,
    deleteAttempts: Number(r.delete_attempts),
    deleteError: r.delete_error,
    nextDeleteAt: r.next_delete_at,
  };
}

/** An asset record with what its consent says: the picture's name, the person, withdrawal and expiry. */
function withConsentRecord(r: Selectable<ConsentProviderAssetsTable> & { asset_name: string; person: string; revoked_at: string | null; expires_on: string }): RetiringLikenessAsset {
  return { ...toRecord(r), assetName: r.asset_name, person: r.person, withdrawnAt: r.revoked_at, expiresOn: r.expires_on };
}

export function createLikenessAssetRepository(db: Kysely<DB>): LikenessAssetRepository {
  /** Asset records joined to their consent and the picture it covers. */
  const withConsent = () =>
    db
      .selectFrom('consent_provider_assets as p')
      .innerJoin('consents as c', 'c.id', 'p.consent_id')
      .innerJoin('assets as a', 'a.id', 'c.asset_id')
      .selectAll('p')
      .select(['a.name as asset_name', 'c.person', 'c.revoked_at', 'c.expires_on']);
  return {
    async forConsents(consentIds) {
      if (!consentIds.length) return [];
      return (await db.selectFrom('consent_provider_assets').selectAll().where('consent_id', 'in', consentIds).orderBy('claimed_at').orderBy('id').execute()).map(toRecord);
    },
    async claim(r) {
      const result = await db
        .insertInto('consent_provider_assets')
        .values({
          id: r.id,
          consent_id: r.consentId,
          project_id: r.projectId,
          provider: r.provider,
          image_sha256: r.imageSha256,
          status: r.state,
          group_id: r.groupId,
          asset_id: r.assetId,
          failure: null,
          claimed_at: r.claimedAt,
          registered_at: null,
          deleted_at: null,
          delete_attempts: 0,
          delete_error: null,
          next_delete_at: null,
        })
        .onConflict((oc) => oc.columns(['consent_id', 'provider', 'image_sha256']).doNothing())
        .returning('id')
        .execute();
      return result.length > 0;
    },
    async reclaim(id, claimedAt, now) {
      const result = await db
        .updateTable('consent_provider_assets')
        .set({ claimed_at: now })
        .where('id', '=', id)
        .where('claimed_at', '=', claimedAt)
        .where('status', '=', 'registering')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async update(id, p) {
      const values: Updateable<ConsentProviderAssetsTable> = {};
      if (p.state !== undefined) values.status = p.state;
      if (p.claimedAt !== undefined) values.claimed_at = p.claimedAt;
      if (p.groupId !== undefined) values.group_id = p.groupId;
      if (p.assetId !== undefined) values.asset_id = p.assetId;
      if (p.failure !== undefined) values.failure = p.failure;
      if (p.registeredAt !== undefined) values.registered_at = p.registeredAt;
      if (p.deletedAt !== undefined) values.deleted_at = p.deletedAt;
      if (p.deleteAttempts !== undefined) values.delete_attempts = p.deleteAttempts;
      if (p.deleteError !== undefined) values.delete_error = p.deleteError;
      if (p.nextDeleteAt !== undefined) values.next_delete_at = p.nextDeleteAt;
      if (Object.keys(values).length) await db.updateTable('consent_provider_assets').set(values).where('id', '=', id).execute();
    },
    async settle(id, p) {
      const result = await db
        .updateTable('consent_provider_assets')
        .set({ status: p.state, ...(p.registeredAt !== undefined ? { registered_at: p.registeredAt } : {}), ...(p.failure !== undefined ? { failure: p.failure } : {}) })
        .where('id', '=', id)
        .where('status', '=', 'processing')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async groupOf(assetId, person, provider) {
      const row = await db
        .selectFrom('consent_provider_assets as p')
        .innerJoin('consents as c', 'c.id', 'p.consent_id')
        .select('p.group_id')
        .where('c.asset_id', '=', assetId)
        .where('c.person', '=', person)
        .where('p.provider', '=', provider)
        .where('p.group_id', 'is not', null)
        .orderBy('p.claimed_at', 'desc')
        .executeTakeFirst();
      return row?.group_id ?? undefined;
    },
    async byAssetIds(provider, assetIds) {
      if (!assetIds.length) return [];
      const rows = await withConsent().where('p.provider', '=', provider).where('p.asset_id', 'in', assetIds).execute();
      return rows.map(withConsentRecord);
    },
    async dueForDeletion(today, now, limit) {
      const rows = await withConsent()
        .where('p.deleted_at', 'is', null)
        .where('p.asset_id', 'is not', null)
        .where((eb) => eb.or([eb('c.revoked_at', 'is not', null), eb('c.expires_on', '<', today)]))
        .where((eb) => eb.or([eb('p.next_delete_at', 'is', null), eb('p.next_delete_at', '<=', now)]))
        .orderBy('p.claimed_at')
        .orderBy('p.id')
        .limit(limit)
        .execute();
      return rows.map(withConsentRecord);
    },
  };
}

/** Sealed provider keys in SQL; the same on SQLite and PostgreSQL. */
import type { Kysely, Selectable } from 'kysely';
import type { ProviderKeyRecord, ProviderKeyRepository } from '../../../ports/store.ts';
import type { DB, ProviderKeysTable } from '../schema.ts';

function fromRow(r: Selectable<ProviderKeysTable>): ProviderKeyRecord {
  return {
    id: r.id,
    scope: r.scope,
    projectId: r.project_id,
    provider: r.provider,
    sealed: r.sealed,
    sealedWith: r.sealed_with,
    hint: r.hint,
    assetSealed: r.asset_sealed,
    assetHint: r.asset_hint,
    setById: r.set_by_id,
    setByName: r.set_by_name,
    setAt: r.set_at,
    test: r.tested_at === null ? null : { at: r.tested_at, ok: Number(r.test_ok) === 1, message: r.test_message ?? '' },
  };
}

export function createProviderKeyRepository(db: Kysely<DB>): ProviderKeyRepository {
  return {
    async find(scope, provider) {
      const row = await db.selectFrom('provider_keys').selectAll().where('scope', '=', scope).where('provider', '=', provider).executeTakeFirst();
      return row && fromRow(row);
    },
    async list(scope) {
      return (await db.selectFrom('provider_keys').selectAll().where('scope', '=', scope).orderBy('provider').execute()).map(fromRow);
    },
    async all() {
      return (await db.selectFrom('provider_keys').selectAll().orderBy('id').execute()).map(fromRow);
    },
    async put(k) {
      const values = {
        sealed: k.sealed,
        sealed_with: k.sealedWith,
        hint: k.hint,
        asset_sealed: k.assetSealed,
        asset_hint: k.assetHint,
        set_by_id: k.setById,
        set_by_name: k.setByName,
        set_at: k.setAt,
        tested_at: null,
        test_ok: null,
        test_message: null,
      };
      await db
        .insertInto('provider_keys')
        .values({ id: k.id, scope: k.scope, project_id: k.projectId, provider: k.provider, ...values })
        .onConflict((oc) => oc.columns(['scope', 'provider']).doUpdateSet(values))
        .execute();
    },
    async remove(scope, provider) {
      const result = await db.deleteFrom('provider_keys').where('scope', '=', scope).where('provider', '=', provider).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async reseal(id, sealed, sealedWith, assetSealed) {
      await db.updateTable('provider_keys').set({ sealed, sealed_with: sealedWith, asset_sealed: assetSealed }).where('id', '=', id).execute();
    },
    async recordTest(id, test) {
      await db
        .updateTable('provider_keys')
        .set({ tested_at: test.at, test_ok: test.ok ? 1 : 0, test_message: test.message })
        .where('id', '=', id)
        .execute();
    },
  };
}

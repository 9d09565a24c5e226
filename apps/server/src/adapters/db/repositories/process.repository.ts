/** The registry of running processes and the database's storage identity, in SQL. */
import type { Kysely } from 'kysely';
import type { ProcessRegistry, StorageIdentityRegistry } from '../../../ports/process-registry.ts';
import type { DB } from '../schema.ts';

export function createProcessRepository(db: Kysely<DB>): ProcessRegistry {
  return {
    async register(p) {
      await db.insertInto('processes').values({ id: p.id, host: p.host, pid: p.pid, kind: p.kind, started_at: p.startedAt, heartbeat_at: p.heartbeatAt }).execute();
    },
    async heartbeat(id, at) {
      const r = await db.updateTable('processes').set({ heartbeat_at: at }).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async list() {
      const rows = await db.selectFrom('processes').selectAll().orderBy('started_at').execute();
      return rows.map((r) => ({ id: r.id, host: r.host, pid: Number(r.pid), kind: r.kind, startedAt: r.started_at, heartbeatAt: r.heartbeat_at }));
    },
    async remove(...ids) {
      if (ids.length) await db.deleteFrom('processes').where('id', 'in', ids).execute();
    },
  };
}

export function createStorageIdentityRepository(db: Kysely<DB>): StorageIdentityRegistry {
  const get = async () => {
    const r = await db.selectFrom('storage_identity').selectAll().where('id', '=', 1).executeTakeFirst();
    return r && { markerSha256: r.marker_sha256, storage: r.storage, createdAt: r.created_at };
  };
  return {
    get,
    async claim(identity) {
      await db
        .insertInto('storage_identity')
        .values({ id: 1, marker_sha256: identity.markerSha256, storage: identity.storage, created_at: identity.createdAt })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return (await get())!;
    },
  };
}

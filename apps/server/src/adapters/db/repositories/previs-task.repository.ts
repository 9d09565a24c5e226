/** The previs generator's tasks in SQL: each lease, renewal and ending is one conditional UPDATE, so two processes never both win. */
import type { Kysely, Selectable } from 'kysely';
import type { PrevisTaskRecord, PrevisTasks } from '../../../ports/previs-tasks.ts';
import type { ProviderError } from '../../../ports/video-provider.ts';
import type { DB, PrevisTasksTable } from '../schema.ts';

function toTask(r: Selectable<PrevisTasksTable>): PrevisTaskRecord {
  return {
    id: r.id,
    request: JSON.parse(r.request) as unknown,
    state: r.state,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    progress: Number(r.progress),
    error: r.error === null ? null : (JSON.parse(r.error) as ProviderError),
    output: r.output_sha256 === null ? null : { sha256: r.output_sha256, size: Number(r.output_size) },
    renders: Number(r.renders),
    renderedBy: r.rendered_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const updated = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows) > 0;

/** The PrevisTasks port over a database (not a transaction: `complete` opens its own). */
export function createPrevisTaskRepository(db: Kysely<DB>): PrevisTasks {
  return {
    async create(id, request, at) {
      await db
        .insertInto('previs_tasks')
        .values({ id, request: JSON.stringify(request), state: 'pending', created_at: at, updated_at: at })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    async get(id) {
      const r = await db.selectFrom('previs_tasks').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toTask(r);
    },

    async lease(id, owner, now, until) {
      const r = await db
        .updateTable('previs_tasks')
        .set({ lease_owner: owner, lease_until: until, updated_at: now })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', owner)]))
        .executeTakeFirst();
      return updated(r);
    },

    async renew(id, owner, until, progress) {
      const r = await db
        .updateTable('previs_tasks')
        .set({ lease_until: until, progress, updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return updated(r);
    },

    async release(id, owner) {
      await db.updateTable('previs_tasks').set({ lease_owner: null, lease_until: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
    },

    complete(id, owner, output, at) {
      return db.transaction().execute(async (tx) => {
        await tx
          .updateTable('previs_tasks')
          .set((eb) => ({ renders: eb('renders', '+', 1), updated_at: at }))
          .where('id', '=', id)
          .execute();
        const published = updated(
          await tx
            .updateTable('previs_tasks')
            .set({ state: 'succeeded', output_sha256: output.sha256, output_size: output.size, progress: 1, rendered_by: owner, lease_owner: null, lease_until: null, updated_at: at })
            .where('id', '=', id)
            .where('state', '=', 'pending')
            .where('lease_owner', '=', owner)
            .executeTakeFirst(),
        );
        if (published) {
          await tx
            .insertInto('blobs')
            .values({ sha256: output.sha256, size: output.size, media_type: output.mediaType, created_at: at })
            .onConflict((oc) => oc.column('sha256').doNothing())
            .execute();
        }
        return published;
      });
    },

    async fail(id, owner, error, at) {
      const r = await db
        .updateTable('previs_tasks')
        .set({ state: 'failed', error: JSON.stringify(error), lease_owner: null, lease_until: null, updated_at: at })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return updated(r);
    },

    async cancel(id, at) {
      await db.updateTable('previs_tasks').set({ state: 'canceled', lease_owner: null, lease_until: null, updated_at: at }).where('id', '=', id).where('state', '=', 'pending').execute();
      return (await db.selectFrom('previs_tasks').select('state').where('id', '=', id).executeTakeFirst())?.state;
    },
  };
}

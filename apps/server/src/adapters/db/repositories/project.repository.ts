/** Projects, members and invitations in SQL. */
import { GenerationProjectSettings, ReviewProjectSettings } from '@backlot/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { InvitationRecord, InvitationRepository, MemberRepository, ProjectRecord, ProjectRepository } from '../../../ports/store.ts';
import type { Dialect } from '../database.ts';
import type { DB, InvitationsTable, ProjectsTable } from '../schema.ts';

function toProject(r: Selectable<ProjectsTable>): ProjectRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    fpsNum: Number(r.fps_num),
    fpsDen: Number(r.fps_den),
    timecodeMode: r.timecode_mode,
    width: Number(r.width),
    height: Number(r.height),
    currency: r.currency,
    budgetMicros: Number(r.budget_micros),
    generation: GenerationProjectSettings.parse(JSON.parse(r.generation_settings)),
    review: ReviewProjectSettings.parse(JSON.parse(r.review_settings)),
    closedAt: r.closed_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createProjectRepository(db: Kysely<DB>, dialect: Dialect): ProjectRepository {
  return {
    async lock(id) {
      // FOR NO KEY UPDATE: allocators (and the ledger's FOR UPDATE) take turns on the row, while other
      // writers' foreign-key checks (a KEY SHARE lock on it) go on. SQLite's BEGIN IMMEDIATE
      // transaction already holds the database's only write lock.
      if (dialect === 'postgres') await db.selectFrom('projects').select('id').where('id', '=', id).forNoKeyUpdate().execute();
    },
    async insert(p) {
      await db
        .insertInto('projects')
        .values({
          id: p.id,
          code: p.code,
          name: p.name,
          fps_num: p.fpsNum,
          fps_den: p.fpsDen,
          timecode_mode: p.timecodeMode,
          width: p.width,
          height: p.height,
          currency: p.currency,
          budget_micros: p.budgetMicros,
          generation_settings: JSON.stringify(p.generation),
          review_settings: JSON.stringify(p.review),
          closed_at: p.closedAt,
          created_by: p.createdBy,
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        })
        .execute();
    },
    async findById(id) {
      const r = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toProject(r);
    },
    async findByCode(code) {
      const r = await db.selectFrom('projects').selectAll().where('code', '=', code).executeTakeFirst();
      return r && toProject(r);
    },
    async listForAccount(accountId, closed) {
      let q = db.selectFrom('projects').innerJoin('project_members as m', 'm.project_id', 'projects.id').selectAll('projects').select('m.role').where('m.account_id', '=', accountId);
      if (closed === 'exclude') q = q.where('projects.closed_at', 'is', null);
      if (closed === 'only') q = q.where('projects.closed_at', 'is not', null);
      const rows = await q.orderBy('projects.name').orderBy('projects.id').execute();
      return rows.map((r) => ({ ...toProject(r), role: r.role }));
    },
    async update(id, patch) {
      const v: Partial<ProjectsTable> = {};
      if (patch.name !== undefined) v.name = patch.name;
      if (patch.fpsNum !== undefined) v.fps_num = patch.fpsNum;
      if (patch.fpsDen !== undefined) v.fps_den = patch.fpsDen;
      if (patch.timecodeMode !== undefined) v.timecode_mode = patch.timecodeMode;
      if (patch.width !== undefined) v.width = patch.width;
      if (patch.height !== undefined) v.height = patch.height;
      if (patch.currency !== undefined) v.currency = patch.currency;
      if (patch.budgetMicros !== undefined) v.budget_micros = patch.budgetMicros;
      if (patch.generation !== undefined) v.generation_settings = JSON.stringify(patch.generation);
      if (patch.review !== undefined) v.review_settings = JSON.stringify(patch.review);
      if (patch.closedAt !== undefined) v.closed_at = patch.closedAt;
      if (patch.updatedAt !== undefined) v.updated_at = patch.updatedAt;
      if (Object.keys(v).length) await db.updateTable('projects').set(v).where('id', '=', id).execute();
    },
  };
}

export function createMemberRepository(db: Kysely<DB>): MemberRepository {
  const view = () => db.selectFrom('project_members as m').innerJoin('accounts as a', 'a.id', 'm.account_id').select(['m.project_id', 'm.account_id', 'm.role', 'm.created_at', 'a.name', 'a.email']);
  const toView = (r: { project_id: string; account_id: string; role: ProjectRecord['timecodeMode'] | string; created_at: string; name: string; email: string }) => ({
    projectId: r.project_id,
    accountId: r.account_id,
    role: r.role as never,
    createdAt: r.created_at,
    name: r.name,
    email: r.email,
  });
  return {
    async findAccess(projectId, accountId) {
      const r = await db
        .selectFrom('project_members as m')
        .innerJoin('projects as p', 'p.id', 'm.project_id')
        .select(['m.role', 'p.closed_at'])
        .where('m.project_id', '=', projectId)
        .where('m.account_id', '=', accountId)
        .executeTakeFirst();
      return r && { role: r.role, closed: r.closed_at !== null };
    },
    async findAccessMany(projectId, accountIds) {
      if (accountIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('project_members as m')
        .innerJoin('projects as p', 'p.id', 'm.project_id')
        .select(['m.account_id', 'm.role', 'p.closed_at'])
        .where('m.project_id', '=', projectId)
        .where('m.account_id', 'in', [...new Set(accountIds)])
        .execute();
      return new Map(rows.map((r) => [r.account_id, { role: r.role, closed: r.closed_at !== null }]));
    },
    async find(projectId, accountId) {
      const r = await view().where('m.project_id', '=', projectId).where('m.account_id', '=', accountId).executeTakeFirst();
      return r && toView(r);
    },
    async list(projectId) {
      const rows = await view().where('m.project_id', '=', projectId).orderBy('m.created_at').orderBy('m.account_id').execute();
      return rows.map(toView);
    },
    async insert(m) {
      await db.insertInto('project_members').values({ project_id: m.projectId, account_id: m.accountId, role: m.role, created_at: m.createdAt }).execute();
    },
    async updateRole(projectId, accountId, role) {
      await db.updateTable('project_members').set({ role }).where('project_id', '=', projectId).where('account_id', '=', accountId).execute();
    },
    async remove(projectId, accountId) {
      await db.deleteFrom('project_members').where('project_id', '=', projectId).where('account_id', '=', accountId).execute();
    },
    async countOwners(projectId) {
      const r = await db
        .selectFrom('project_members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('project_id', '=', projectId)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

function toInvitation(r: Selectable<InvitationsTable>): InvitationRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    email: r.email,
    role: r.role,
    tokenHash: r.token_hash,
    invitedBy: r.invited_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    acceptedBy: r.accepted_by,
    revokedAt: r.revoked_at,
  };
}

export function createInvitationRepository(db: Kysely<DB>): InvitationRepository {
  return {
    async insert(i) {
      await db
        .insertInto('invitations')
        .values({
          id: i.id,
          project_id: i.projectId,
          email: i.email,
          role: i.role,
          token_hash: i.tokenHash,
          invited_by: i.invitedBy,
          created_at: i.createdAt,
          expires_at: i.expiresAt,
          accepted_at: i.acceptedAt,
          accepted_by: i.acceptedBy,
          revoked_at: i.revokedAt,
        })
        .execute();
    },
    async findByHash(hash) {
      const r = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return r && toInvitation(r);
    },
    async findById(projectId, id) {
      const r = await db.selectFrom('invitations').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
      return r && toInvitation(r);
    },
    async list(projectId) {
      const rows = await db
        .selectFrom('invitations as i')
        .innerJoin('accounts as a', 'a.id', 'i.invited_by')
        .selectAll('i')
        .select('a.name as invited_by_name')
        .where('i.project_id', '=', projectId)
        .orderBy('i.created_at', 'desc')
        .execute();
      return rows.map((r) => ({ ...toInvitation(r), invitedByName: r.invited_by_name }));
    },
    async markAccepted(id, accountId, at) {
      await db.updateTable('invitations').set({ accepted_at: at, accepted_by: accountId }).where('id', '=', id).execute();
    },
    async revoke(id, at) {
      await db.updateTable('invitations').set({ revoked_at: at }).where('id', '=', id).execute();
    },
  };
}

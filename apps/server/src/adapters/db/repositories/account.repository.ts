/** Accounts, sessions, API tokens, password resets and instance settings in SQL. */
import type { Kysely, Selectable } from 'kysely';
import type { AccountRecord, AccountRepository, PasswordResetRepository, SessionRecord, SessionRepository, SettingRepository, TokenRecord, TokenRepository } from '../../../ports/store.ts';
import type { AccountsTable, ApiTokensTable, DB, SessionsTable } from '../schema.ts';

function toAccount(r: Selectable<AccountsTable>): AccountRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    passwordHash: r.password_hash,
    isAdmin: Number(r.is_admin) === 1,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createAccountRepository(db: Kysely<DB>): AccountRepository {
  return {
    async count() {
      const r = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async countActiveAdmins() {
      const r = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_admin', '=', 1)
        .where('disabled_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(a) {
      await db
        .insertInto('accounts')
        .values({
          id: a.id,
          email: a.email,
          name: a.name,
          password_hash: a.passwordHash,
          is_admin: a.isAdmin ? 1 : 0,
          disabled_at: a.disabledAt,
          created_at: a.createdAt,
          updated_at: a.updatedAt,
        })
        .execute();
    },
    async findById(id) {
      const r = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toAccount(r);
    },
    async findByIds(ids) {
      return ids.length
        ? (
            await db
              .selectFrom('accounts')
              .selectAll()
              .where('id', 'in', [...new Set(ids)])
              .execute()
          ).map(toAccount)
        : [];
    },
    async findByEmail(email) {
      const r = await db.selectFrom('accounts').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      return r && toAccount(r);
    },
    async list() {
      const rows = await db.selectFrom('accounts').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toAccount);
    },
    async update(id, patch) {
      const values: Partial<AccountsTable> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
      if (patch.isAdmin !== undefined) values.is_admin = patch.isAdmin ? 1 : 0;
      if (patch.disabledAt !== undefined) values.disabled_at = patch.disabledAt;
      if (patch.updatedAt !== undefined) values.updated_at = patch.updatedAt;
      if (Object.keys(values).length) await db.updateTable('accounts').set(values).where('id', '=', id).execute();
    },
  };
}

function toSession(r: Selectable<SessionsTable>): SessionRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    tokenHash: r.token_hash,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    userAgent: r.user_agent,
  };
}

export function createSessionRepository(db: Kysely<DB>): SessionRepository {
  return {
    async insert(s) {
      await db
        .insertInto('sessions')
        .values({
          id: s.id,
          account_id: s.accountId,
          token_hash: s.tokenHash,
          created_at: s.createdAt,
          last_seen_at: s.lastSeenAt,
          expires_at: s.expiresAt,
          revoked_at: s.revokedAt,
          user_agent: s.userAgent,
        })
        .execute();
    },
    async findByTokenHash(hash) {
      const r = await db.selectFrom('sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return r && toSession(r);
    },
    async findById(id) {
      const r = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toSession(r);
    },
    async findByIds(ids) {
      return ids.length
        ? (
            await db
              .selectFrom('sessions')
              .selectAll()
              .where('id', 'in', [...new Set(ids)])
              .execute()
          ).map(toSession)
        : [];
    },
    async touch(id, lastSeenAt, expiresAt) {
      await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
    },
    async revoke(id, at) {
      await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    async revokeAllForAccount(accountId, at, exceptId) {
      let q = db.updateTable('sessions').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null);
      if (exceptId) q = q.where('id', '!=', exceptId);
      await q.execute();
    },
    async listActive(accountId, now) {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows.map(toSession);
    },
  };
}

function toToken(r: Selectable<ApiTokensTable>): TokenRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    tokenHash: r.token_hash,
    prefix: r.prefix,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

export function createTokenRepository(db: Kysely<DB>): TokenRepository {
  return {
    async insert(t) {
      await db
        .insertInto('api_tokens')
        .values({
          id: t.id,
          account_id: t.accountId,
          name: t.name,
          token_hash: t.tokenHash,
          prefix: t.prefix,
          created_at: t.createdAt,
          expires_at: t.expiresAt,
          last_used_at: t.lastUsedAt,
          revoked_at: t.revokedAt,
        })
        .execute();
    },
    async findByHash(hash) {
      const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return r && toToken(r);
    },
    async findById(id) {
      const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toToken(r);
    },
    async findByIds(ids) {
      return ids.length
        ? (
            await db
              .selectFrom('api_tokens')
              .selectAll()
              .where('id', 'in', [...new Set(ids)])
              .execute()
          ).map(toToken)
        : [];
    },
    async listActive(accountId, now) {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toToken);
    },
    async revoke(id, at) {
      await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    async revokeAllForAccount(accountId, at) {
      const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async touch(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

export function createPasswordResetRepository(db: Kysely<DB>): PasswordResetRepository {
  return {
    async insert(r) {
      await db
        .insertInto('password_resets')
        .values({
          id: r.id,
          account_id: r.accountId,
          token_hash: r.tokenHash,
          created_by: r.createdBy,
          created_at: r.createdAt,
          expires_at: r.expiresAt,
          used_at: r.usedAt,
        })
        .execute();
    },
    async findByHash(hash) {
      const r = await db.selectFrom('password_resets').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return (
        r && {
          id: r.id,
          accountId: r.account_id,
          tokenHash: r.token_hash,
          createdBy: r.created_by,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          usedAt: r.used_at,
        }
      );
    },
    async markUsed(id, at) {
      await db.updateTable('password_resets').set({ used_at: at }).where('id', '=', id).execute();
    },
    async invalidateForAccount(accountId, at) {
      await db.updateTable('password_resets').set({ used_at: at }).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
    },
  };
}

export function createSettingRepository(db: Kysely<DB>): SettingRepository {
  return {
    async get(key) {
      const r = await db.selectFrom('instance_settings').select('value').where('key', '=', key).executeTakeFirst();
      return r?.value;
    },
    async set(key, value) {
      await db
        .insertInto('instance_settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}

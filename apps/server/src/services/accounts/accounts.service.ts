/** First-run setup and the instance admin's account management. */
import { INSTANCE_CHAIN } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import type { Clock } from '../../ports/clock.ts';
import type { PasswordHasher, Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { AccountRecord, Repos, Store } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface AccountsDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  hasher: PasswordHasher;
}

export const PROJECT_CREATION_KEY = 'project_creation';

export function createAccountsService(deps: AccountsDeps) {
  const audit = (tx: Repos, actor: Actor, action: string, target: AccountRecord, summary: string, data?: Record<string, unknown>) =>
    appendAudit(tx, deps, { chain: INSTANCE_CHAIN, actor, action, targetType: 'account', targetId: target.id, summary, data });

  async function insertAccount(tx: Repos, input: { name: string; email: string; password: string; isAdmin: boolean }, passwordHash: string): Promise<AccountRecord> {
    if (await tx.accounts.findByEmail(input.email)) fail('account.email_taken', `An account with ${input.email} already exists.`, 'email');
    const now = deps.clock.now().toISOString();
    const account: AccountRecord = {
      id: deps.ids.next(),
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash,
      isAdmin: input.isAdmin,
      disabledAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.accounts.insert(account);
    return account;
  }

  return {
    /** Whether the first-run page should still be offered. */
    async setupNeeded(): Promise<boolean> {
      return (await deps.store.read.accounts.count()) === 0;
    },

    /** Creates the first account, the instance admin; refused once any account exists. */
    async setup(input: { name: string; email: string; password: string }): Promise<AccountRecord> {
      const hash = await deps.hasher.hash(input.password);
      return deps.store.transaction(async (tx) => {
        // The instance chain's head is the one row every setup writes: locked first, two setups at once take
        // turns and the later finds the first account (with different emails, no unique index would).
        await tx.audit.lockHead(INSTANCE_CHAIN);
        if ((await tx.accounts.count()) > 0) fail('setup.done', 'Backlot is already set up; sign in instead.');
        const account = await insertAccount(tx, { ...input, isAdmin: true }, hash);
        await audit(tx, { accountId: account.id, name: account.name }, 'instance.setup', account, `${account.name} set up Backlot and became the instance admin`);
        return account;
      });
    },

    /** Creates an account (instance admin, or `user create` on the server). */
    async createAccount(actor: Actor, input: { name: string; email: string; password: string; isAdmin: boolean }): Promise<AccountRecord> {
      const hash = await deps.hasher.hash(input.password);
      return deps.store.transaction(async (tx) => {
        const account = await insertAccount(tx, input, hash);
        await audit(tx, actor, 'account.created', account, `${actor.name} created the account ${account.email}${account.isAdmin ? ' (admin)' : ''}`);
        return account;
      });
    },

    list: () => deps.store.read.accounts.list(),

    async getOrThrow(id: string): Promise<AccountRecord> {
      return (await deps.store.read.accounts.findById(id)) ?? fail('account.not_found', 'No such account.');
    },

    async findByEmail(email: string) {
      return deps.store.read.accounts.findByEmail(email);
    },

    /** Disables, enables, renames or promotes an account. An instance always keeps one active admin. */
    async update(actor: Actor, id: string, patch: { disabled?: boolean; isAdmin?: boolean; name?: string }): Promise<AccountRecord> {
      return deps.store.transaction(async (tx) => {
        const before = (await tx.accounts.findById(id)) ?? fail('account.not_found', 'No such account.');
        const now = deps.clock.now().toISOString();
        const disabledAt = patch.disabled === undefined ? undefined : patch.disabled ? (before.disabledAt ?? now) : null;
        await tx.accounts.update(id, { name: patch.name, isAdmin: patch.isAdmin, disabledAt, updatedAt: now });
        if (before.isAdmin && (patch.isAdmin === false || patch.disabled === true) && (await tx.accounts.countActiveAdmins()) === 0) {
          fail('account.last_admin', 'This is the last active instance admin; make another admin first.', patch.isAdmin === false ? 'isAdmin' : 'disabled');
        }
        if (patch.disabled === true) await tx.sessions.revokeAllForAccount(id, now);
        const after = (await tx.accounts.findById(id))!;
        const changes: string[] = [];
        if (patch.name !== undefined && patch.name !== before.name) changes.push(`renamed to ${patch.name}`);
        if (patch.isAdmin !== undefined && patch.isAdmin !== before.isAdmin) changes.push(patch.isAdmin ? 'made admin' : 'no longer admin');
        if (patch.disabled !== undefined && patch.disabled !== (before.disabledAt !== null)) changes.push(patch.disabled ? 'disabled' : 'enabled');
        await audit(tx, actor, 'account.updated', after, `${actor.name} changed ${after.email}: ${changes.join(', ') || 'no change'}`, { ...patch });
        return after;
      });
    },

    /** Whether any account may create projects, or only admins. */
    async projectCreation(): Promise<'any' | 'admins'> {
      return (await deps.store.read.settings.get(PROJECT_CREATION_KEY)) === 'admins' ? 'admins' : 'any';
    },

    async setProjectCreation(actor: Actor, value: 'any' | 'admins'): Promise<void> {
      await deps.store.transaction(async (tx) => {
        await tx.settings.set(PROJECT_CREATION_KEY, value);
        await appendAudit(tx, deps, {
          chain: INSTANCE_CHAIN,
          actor,
          action: 'instance.settings_changed',
          targetType: 'instance',
          targetId: null,
          summary: `${actor.name} set project creation to ${value === 'any' ? 'any account' : 'admins only'}`,
          data: { projectCreation: value },
        });
      });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;

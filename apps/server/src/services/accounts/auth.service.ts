/** Sign-in, sessions, API tokens and passwords: the account events of the instance chain. */
import { INSTANCE_CHAIN } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import type { Clock } from '../../ports/clock.ts';
import type { PasswordHasher, Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { AccountRecord, Repos, SessionRecord, Store, TokenRecord } from '../../ports/store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';

export interface AuthDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  hasher: PasswordHasher;
  mailer: Mailer;
  settings: {
    /** A session ends after this many days without use. */
    sessionIdleDays: number;
    /** …and after this many days whatever happens. */
    sessionMaxDays: number;
    /** How long a password reset link works. */
    resetLinkHours: number;
    /** Where links in mail point, e.g. https://backlot.example.com */
    publicUrl: string;
    /** Failed sign-ins one account may have within the window below before it is paused. */
    signInAccountFailures: number;
    /** The window, from an account's first failed sign-in, in which failures are counted. */
    signInAccountMinutes: number;
  };
}

/** Who is making a request, once authenticated. */
export interface Principal {
  account: AccountRecord;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}

export const TOKEN_PREFIX = 'blt_';
const DAY = 86_400_000;
const apiTokens = (n: number) => `${n} API token${n === 1 ? '' : 's'}`;

/** "09:10 UTC", with the date when it is not today's. */
function utcTime(ms: number, nowMs: number): string {
  const at = new Date(ms).toISOString();
  return `${at.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10) ? '' : `${at.slice(0, 10)} `}${at.slice(11, 16)} UTC`;
}
// A dummy hash so a sign-in for an unknown email costs the same time as a wrong password.
let timingDummy: string | undefined;

export function createAuthService(deps: AuthDeps) {
  const { clock } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();
  const actorOf = (a: AccountRecord): Actor => ({ accountId: a.id, name: a.name });
  const audit = (tx: Repos, actor: Actor, action: string, target: AccountRecord | null, summary: string, data?: Record<string, unknown>) =>
    appendAudit(tx, deps, { chain: INSTANCE_CHAIN, actor, action, targetType: 'account', targetId: target?.id ?? null, summary, data });

  function sessionExpiry(createdAt: string, nowMs: number): string {
    return iso(Math.min(Date.parse(createdAt) + deps.settings.sessionMaxDays * DAY, nowMs + deps.settings.sessionIdleDays * DAY));
  }

  async function startSession(tx: Repos, account: AccountRecord, userAgent: string | null): Promise<string> {
    const token = deps.secrets.randomToken();
    const now = clock.now();
    const session: SessionRecord = {
      id: deps.ids.next(),
      accountId: account.id,
      tokenHash: deps.secrets.sha256(token),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: sessionExpiry(now.toISOString(), now.getTime()),
      revokedAt: null,
      userAgent: userAgent?.slice(0, 300) ?? null,
    };
    await tx.sessions.insert(session);
    return token;
  }

  async function issueResetToken(tx: Repos, account: AccountRecord, createdBy: string | null) {
    const token = deps.secrets.randomToken();
    const now = clock.now();
    const expiresAt = iso(now.getTime() + deps.settings.resetLinkHours * 3_600_000);
    await tx.resets.insert({ id: deps.ids.next(), accountId: account.id, tokenHash: deps.secrets.sha256(token), createdBy, createdAt: now.toISOString(), expiresAt, usedAt: null });
    return { url: `${deps.settings.publicUrl}/reset-password#token=${token}`, expiresAt };
  }

  async function mailResetLink(account: AccountRecord, url: string, expiresAt: string): Promise<boolean> {
    if (!deps.mailer.configured) return false;
    await deps.mailer.send({
      to: account.email,
      subject: 'Reset your Backlot password',
      text: `Hello ${account.name},\n\nOpen this link to choose a new Backlot password:\n\n${url}\n\nIt works once, until ${expiresAt} (UTC). If you did not ask for it, ignore this mail.\n`,
    });
    return true;
  }

  return {
    /** Whether links can be mailed, or are only shown to copy. */
    mailConfigured: deps.mailer.configured,

    /** Starts a session for a new admin right after first-run setup. */
    async startSessionFor(account: AccountRecord, userAgent: string | null): Promise<string> {
      return deps.store.transaction((tx) => startSession(tx, account, userAgent));
    },

    /**
     * Checks email and password; returns the account and a new session token. Failures are audited
     * and counted per email: past the limit the account is paused, whatever the address, until
     * its window ends (an email no account has is paused alike, so a pause reveals nothing).
     */
    async signIn(email: string, password: string, userAgent: string | null): Promise<{ account: AccountRecord; token: string }> {
      const key = email.trim().toLowerCase();
      const now = clock.now().getTime();
      const windowMs = deps.settings.signInAccountMinutes * 60_000;
      const limit = deps.settings.signInAccountFailures;
      const counted = await deps.store.transaction((tx) => tx.signInFailures.countAttempt(key, iso(now), iso(now - windowMs)));
      if (counted.failures > limit) {
        const until = Date.parse(counted.firstFailedAt) + windowMs;
        const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
        fail('auth.rate_limited', `Too many failed sign-ins to this account; try again in ${minutes} minute${minutes === 1 ? '' : 's'}, after ${utcTime(until, now)}.`);
      }
      const account = await deps.store.read.accounts.findByEmail(key);
      timingDummy ??= await deps.hasher.hash('backlot-timing-dummy-password');
      const ok = await deps.hasher.verify(account?.passwordHash ?? timingDummy, password);
      if (!account || !ok) {
        if (account) {
          await deps.store.transaction(async (tx) => {
            await audit(tx, { accountId: null, name: email }, 'account.sign_in_failed', account, `Failed sign-in for ${account.email} (wrong password)`);
            if (counted.failures === limit) {
              const until = Date.parse(counted.firstFailedAt) + windowMs;
              await audit(
                tx,
                { accountId: null, name: 'Backlot' },
                'account.sign_in_paused',
                account,
                `Sign-in to ${account.email} paused until ${utcTime(until, now)} after ${limit} failed attempts`,
              );
            }
          });
        }
        fail('auth.invalid_credentials', 'That email and password do not match an account.');
      }
      if (account.disabledAt) fail('auth.account_disabled', 'This account is disabled; ask your Backlot admin.');
      const token = await deps.store.transaction(async (tx) => {
        await tx.signInFailures.clear(key);
        const t = await startSession(tx, account, userAgent);
        await audit(tx, actorOf(account), 'account.signed_in', account, `${account.name} signed in`);
        return t;
      });
      return { account, token };
    },

    /** Resolves a session cookie to its account; slides the idle expiry forward at most once a minute. */
    async authenticateSession(token: string): Promise<Principal | undefined> {
      const session = await deps.store.read.sessions.findByTokenHash(deps.secrets.sha256(token));
      const now = clock.now();
      if (!session || session.revokedAt || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
      const account = await deps.store.read.accounts.findById(session.accountId);
      if (!account || account.disabledAt) return undefined;
      if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
        await deps.store.read.sessions.touch(session.id, now.toISOString(), sessionExpiry(session.createdAt, now.getTime()));
      }
      return { account, via: 'session', sessionId: session.id };
    },

    /** Resolves a Bearer token to its account. */
    async authenticateToken(secret: string): Promise<Principal | undefined> {
      if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
      const token = await deps.store.read.tokens.findByHash(deps.secrets.sha256(secret));
      const now = clock.now();
      if (!token || token.revokedAt || (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime())) return undefined;
      const account = await deps.store.read.accounts.findById(token.accountId);
      if (!account || account.disabledAt) return undefined;
      if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > 60_000) await deps.store.read.tokens.touch(token.id, now.toISOString());
      return { account, via: 'token', tokenId: token.id };
    },

    /**
     * The principal's account as it is now, if the session or token it came with is still in force
     * (not signed out, revoked or expired) and the account not disabled. For requests that stay
     * open (event streams): read again, never from what was true at connect; nothing is touched.
     */
    async stillSignedIn(principal: Principal): Promise<AccountRecord | undefined> {
      const now = clock.now().getTime();
      const read = deps.store.read;
      const credential = principal.sessionId ? await read.sessions.findById(principal.sessionId) : principal.tokenId ? await read.tokens.findById(principal.tokenId) : undefined;
      if (!credential || credential.revokedAt || (credential.expiresAt && Date.parse(credential.expiresAt) <= now)) return undefined;
      const account = await read.accounts.findById(principal.account.id);
      return account && !account.disabledAt ? account : undefined;
    },

    /** `stillSignedIn` for many principals in three queries: the account of each one still signed in, by position. */
    async stillSignedInMany(principals: Principal[]): Promise<(AccountRecord | undefined)[]> {
      const now = clock.now().getTime();
      const read = deps.store.read;
      const [sessions, tokens, accounts] = await Promise.all([
        read.sessions.findByIds(principals.flatMap((p) => (p.sessionId ? [p.sessionId] : []))),
        read.tokens.findByIds(principals.flatMap((p) => (!p.sessionId && p.tokenId ? [p.tokenId] : []))),
        read.accounts.findByIds(principals.map((p) => p.account.id)),
      ]);
      const sessionById = new Map(sessions.map((x) => [x.id, x]));
      const tokenById = new Map(tokens.map((x) => [x.id, x]));
      const accountById = new Map(accounts.map((x) => [x.id, x]));
      return principals.map((p) => {
        const credential = p.sessionId ? sessionById.get(p.sessionId) : p.tokenId ? tokenById.get(p.tokenId) : undefined;
        if (!credential || credential.revokedAt || (credential.expiresAt && Date.parse(credential.expiresAt) <= now)) return undefined;
        const account = accountById.get(p.account.id);
        return account && !account.disabledAt ? account : undefined;
      });
    },

    async signOut(principal: Principal): Promise<void> {
      if (!principal.sessionId) return;
      await deps.store.transaction(async (tx) => {
        await tx.sessions.revoke(principal.sessionId!, clock.now().toISOString());
        await audit(tx, actorOf(principal.account), 'account.signed_out', principal.account, `${principal.account.name} signed out`);
      });
    },

    listSessions: (accountId: string) => deps.store.read.sessions.listActive(accountId, clock.now().toISOString()),

    async revokeSession(account: AccountRecord, sessionId: string): Promise<void> {
      await deps.store.transaction(async (tx) => {
        const active = await tx.sessions.listActive(account.id, clock.now().toISOString());
        if (!active.some((s) => s.id === sessionId)) fail('session.not_found', 'No such session of yours.');
        await tx.sessions.revoke(sessionId, clock.now().toISOString());
        await audit(tx, actorOf(account), 'account.session_revoked', account, `${account.name} signed a session out`, { sessionId });
      });
    },

    /** Changes a password after checking the current one; every other session ends, and every API token too when asked. */
    async changePassword(principal: Principal, current: string, next: string, options: { revokeTokens?: boolean } = {}): Promise<void> {
      const { account } = principal;
      if (!(await deps.hasher.verify(account.passwordHash, current))) fail('auth.wrong_password', 'The current password is not right.', 'currentPassword');
      const hash = await deps.hasher.hash(next);
      await deps.store.transaction(async (tx) => {
        const now = clock.now().toISOString();
        await tx.accounts.update(account.id, { passwordHash: hash, updatedAt: now });
        await tx.sessions.revokeAllForAccount(account.id, now, principal.sessionId);
        await tx.resets.invalidateForAccount(account.id, now);
        const revoked = options.revokeTokens ? await tx.tokens.revokeAllForAccount(account.id, now) : undefined;
        const summary = `${account.name} changed their password${revoked === undefined ? '' : ` and revoked ${apiTokens(revoked)}`}`;
        await audit(tx, actorOf(account), 'account.password_changed', account, summary, revoked === undefined ? undefined : { revokedTokens: revoked });
      });
    },

    /** The admin issues a one-time reset link; mailed when mail is configured, always shown to copy. */
    async issueResetLink(actor: Actor, accountId: string): Promise<{ url: string; expiresAt: string; emailed: boolean }> {
      const account = (await deps.store.read.accounts.findById(accountId)) ?? fail('account.not_found', 'No such account.');
      const link = await deps.store.transaction(async (tx) => {
        const l = await issueResetToken(tx, account, actor.accountId);
        await audit(tx, actor, 'account.reset_link_issued', account, `${actor.name} issued a password reset link for ${account.email}`);
        return l;
      });
      const emailed = await mailResetLink(account, link.url, link.expiresAt);
      return { ...link, emailed };
    },

    /** "Forgot password": mails a link when mail is configured. Answers the same whether or not the account exists. */
    async requestReset(email: string): Promise<void> {
      const account = await deps.store.read.accounts.findByEmail(email);
      if (!account || account.disabledAt || !deps.mailer.configured) return;
      const link = await deps.store.transaction(async (tx) => {
        const l = await issueResetToken(tx, account, null);
        await audit(tx, { accountId: null, name: email }, 'account.reset_requested', account, `A password reset link was mailed to ${account.email}`);
        return l;
      });
      await mailResetLink(account, link.url, link.expiresAt);
    },

    /**
     * Sets a new password with a reset token; the token works once. A reset is recovery: whoever
     * held the account may have its sessions and tokens, so every one of them ends.
     */
    async resetPassword(token: string, next: string): Promise<void> {
      const hash = await deps.hasher.hash(next);
      await deps.store.transaction(async (tx) => {
        const reset = await tx.resets.findByHash(deps.secrets.sha256(token));
        const now = clock.now();
        if (!reset || reset.usedAt || Date.parse(reset.expiresAt) <= now.getTime()) {
          fail('auth.reset_token_invalid', 'This reset link is not valid any more; ask for a new one.', 'token');
        }
        const account = (await tx.accounts.findById(reset.accountId)) ?? fail('auth.reset_token_invalid', 'This reset link is not valid any more.', 'token');
        await tx.accounts.update(account.id, { passwordHash: hash, updatedAt: now.toISOString() });
        await tx.resets.invalidateForAccount(account.id, now.toISOString());
        await tx.sessions.revokeAllForAccount(account.id, now.toISOString());
        const revoked = await tx.tokens.revokeAllForAccount(account.id, now.toISOString());
        await audit(tx, actorOf(account), 'account.password_reset', account, `${account.name} set a new password with a reset link, ending every session and ${apiTokens(revoked)}`, {
          revokedTokens: revoked,
        });
      });
    },

    /** Sets a password directly (the server's `user reset-password` command): a reset, so every session and API token ends. */
    async setPassword(actor: Actor, accountId: string, next: string): Promise<void> {
      const hash = await deps.hasher.hash(next);
      await deps.store.transaction(async (tx) => {
        const account = (await tx.accounts.findById(accountId)) ?? fail('account.not_found', 'No such account.');
        const now = clock.now().toISOString();
        await tx.accounts.update(account.id, { passwordHash: hash, updatedAt: now });
        await tx.sessions.revokeAllForAccount(account.id, now);
        await tx.resets.invalidateForAccount(account.id, now);
        const revoked = await tx.tokens.revokeAllForAccount(account.id, now);
        await audit(tx, actor, 'account.password_set', account, `${actor.name} set a new password for ${account.email}, ending every session and ${apiTokens(revoked)}`, { revokedTokens: revoked });
      });
    },

    listTokens: (accountId: string) => deps.store.read.tokens.listActive(accountId, clock.now().toISOString()),

    /** Creates a personal API token; the secret is returned once and stored only as a hash. */
    async createToken(actor: Actor, account: AccountRecord, name: string, expiresInDays?: number): Promise<{ token: TokenRecord; secret: string }> {
      const secret = `${TOKEN_PREFIX}${deps.secrets.randomToken()}`;
      const now = clock.now();
      const token: TokenRecord = {
        id: deps.ids.next(),
        accountId: account.id,
        name,
        tokenHash: deps.secrets.sha256(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        createdAt: now.toISOString(),
        expiresAt: expiresInDays ? iso(now.getTime() + expiresInDays * DAY) : null,
        lastUsedAt: null,
        revokedAt: null,
      };
      await deps.store.transaction(async (tx) => {
        await tx.tokens.insert(token);
        await audit(tx, actor, 'account.token_created', account, `${actor.name} created the API token “${name}” for ${account.email}`, { tokenId: token.id });
      });
      return { token, secret };
    },

    async revokeToken(account: AccountRecord, tokenId: string): Promise<void> {
      await deps.store.transaction(async (tx) => {
        const token = await tx.tokens.findById(tokenId);
        if (!token || token.accountId !== account.id || token.revokedAt) fail('token.not_found', 'No such token of yours.');
        await tx.tokens.revoke(token.id, clock.now().toISOString());
        await audit(tx, actorOf(account), 'account.token_revoked', account, `${account.name} revoked the API token “${token.name}”`, { tokenId });
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

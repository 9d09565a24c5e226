import { expect, it } from 'vitest';
import { createTestClock, DAY } from '../../../test/clock.ts';
import { describeEachDatabase } from '../../../test/harness.ts';
import { INSTANCE_CHAIN } from '../../domain/audit/audit-chain.ts';

const clock = createTestClock(Date.parse('2026-03-01T09:00:00Z'));

describeEachDatabase(
  'accounts, sessions and tokens',
  (h) => {
    const svc = () => h().container.services;

    it('sets up the instance admin once, then refuses', async () => {
      expect(await svc().accounts.setupNeeded()).toBe(true);
      const admin = await svc().accounts.setup({ name: 'Ada Admin', email: 'ADA@example.com', password: 'correct horse battery' });
      expect(admin).toMatchObject({ email: 'ada@example.com', isAdmin: true });
      expect(await svc().accounts.setupNeeded()).toBe(false);
      await expect(svc().accounts.setup({ name: 'Eve', email: 'eve@example.com', password: 'correct horse battery' })).rejects.toMatchObject({ code: 'setup.done' });
      expect(await svc().accounts.findByEmail('eve@example.com')).toBeUndefined();
    });

    it('refuses a second account with the same email, whatever its case', async () => {
      const actor = { accountId: null, name: 'Backlot' };
      await svc().accounts.createAccount(actor, { name: 'Ben', email: 'ben@example.com', password: 'ben-password-1', isAdmin: false });
      await expect(svc().accounts.createAccount(actor, { name: 'Ben 2', email: 'BEN@example.com', password: 'ben-password-1', isAdmin: false })).rejects.toMatchObject({
        code: 'account.email_taken',
        field: 'email',
      });
    });

    it('signs in with the right password only, and audits both', async () => {
      await expect(svc().auth.signIn('ben@example.com', 'wrong-password', null)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
      await expect(svc().auth.signIn('nobody@example.com', 'wrong-password', null)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
      const { account, token } = await svc().auth.signIn('ben@example.com', 'ben-password-1', 'test-agent');
      expect(account.email).toBe('ben@example.com');
      expect((await svc().auth.authenticateSession(token))?.account.id).toBe(account.id);
      const actions = (await svc().auditLog.page(INSTANCE_CHAIN, undefined, 5)).events.map((e) => e.action);
      expect(actions.slice(0, 2)).toEqual(['account.signed_in', 'account.sign_in_failed']);
    });

    it('ends a session after the idle time, and never outlives the maximum', async () => {
      const { token } = await svc().auth.signIn('ben@example.com', 'ben-password-1', null);
      clock.advance(13 * DAY);
      expect(await svc().auth.authenticateSession(token)).toBeDefined(); // used: slides forward
      clock.advance(13 * DAY);
      expect(await svc().auth.authenticateSession(token)).toBeDefined();
      clock.advance(5 * DAY); // 31 days after sign-in
      expect(await svc().auth.authenticateSession(token)).toBeUndefined();
      const { token: idle } = await svc().auth.signIn('ben@example.com', 'ben-password-1', null);
      clock.advance(15 * DAY);
      expect(await svc().auth.authenticateSession(idle)).toBeUndefined();
    });

    it('revokes a session, and a password change ends the other sessions', async () => {
      const a = await svc().auth.signIn('ben@example.com', 'ben-password-1', 'laptop');
      const b = await svc().auth.signIn('ben@example.com', 'ben-password-1', 'phone');
      const pa = (await svc().auth.authenticateSession(a.token))!;
      const pb = (await svc().auth.authenticateSession(b.token))!;
      await svc().auth.revokeSession(a.account, pb.sessionId!);
      expect(await svc().auth.authenticateSession(b.token)).toBeUndefined();
      const c = await svc().auth.signIn('ben@example.com', 'ben-password-1', 'tablet');
      await expect(svc().auth.changePassword(pa, 'not-it', 'ben-password-2')).rejects.toMatchObject({ code: 'auth.wrong_password', field: 'currentPassword' });
      await svc().auth.changePassword(pa, 'ben-password-1', 'ben-password-2');
      expect(await svc().auth.authenticateSession(a.token)).toBeDefined();
      expect(await svc().auth.authenticateSession(c.token)).toBeUndefined();
      await expect(svc().auth.signIn('ben@example.com', 'ben-password-1', null)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
      await svc().auth.signIn('ben@example.com', 'ben-password-2', null);
    });

    it('stores API tokens hashed, authenticates them, and revokes them', async () => {
      const ben = (await svc().accounts.findByEmail('ben@example.com'))!;
      const { token, secret } = await svc().auth.createToken({ accountId: ben.id, name: ben.name }, ben, 'render farm', 30);
      expect(secret.startsWith('blt_')).toBe(true);
      const row = await h().container.database.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
      expect(row.token_hash).not.toContain(secret.slice(4));
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect((await svc().auth.authenticateToken(secret))?.account.id).toBe(ben.id);
      expect(await svc().auth.authenticateToken(`${secret}x`)).toBeUndefined();
      await svc().auth.revokeToken(ben, token.id);
      expect(await svc().auth.authenticateToken(secret)).toBeUndefined();
      await expect(svc().auth.revokeToken(ben, token.id)).rejects.toMatchObject({ code: 'token.not_found' });
    });

    it('expires API tokens', async () => {
      const ben = (await svc().accounts.findByEmail('ben@example.com'))!;
      const { secret } = await svc().auth.createToken({ accountId: ben.id, name: ben.name }, ben, 'short', 1);
      expect(await svc().auth.authenticateToken(secret)).toBeDefined();
      clock.advance(DAY + 1000);
      expect(await svc().auth.authenticateToken(secret)).toBeUndefined();
    });

    it('resets a password with an admin-issued link that works once', async () => {
      const ada = (await svc().accounts.findByEmail('ada@example.com'))!;
      const ben = (await svc().accounts.findByEmail('ben@example.com'))!;
      const link = await svc().auth.issueResetLink({ accountId: ada.id, name: ada.name }, ben.id);
      expect(link.emailed).toBe(false);
      const token = new URL(link.url).hash.replace('#token=', '');
      await svc().auth.resetPassword(token, 'ben-password-3');
      await expect(svc().auth.resetPassword(token, 'ben-password-4')).rejects.toMatchObject({ code: 'auth.reset_token_invalid' });
      await svc().auth.signIn('ben@example.com', 'ben-password-3', null);
      const late = await svc().auth.issueResetLink({ accountId: ada.id, name: ada.name }, ben.id);
      clock.advance(25 * 3_600_000);
      await expect(svc().auth.resetPassword(new URL(late.url).hash.replace('#token=', ''), 'ben-password-5')).rejects.toMatchObject({ code: 'auth.reset_token_invalid' });
    });

    it('disables an account, ending its sessions, and keeps the last admin', async () => {
      const ada = (await svc().accounts.findByEmail('ada@example.com'))!;
      const ben = (await svc().accounts.findByEmail('ben@example.com'))!;
      const { token } = await svc().auth.signIn('ben@example.com', 'ben-password-3', null);
      await svc().accounts.update({ accountId: ada.id, name: ada.name }, ben.id, { disabled: true });
      expect(await svc().auth.authenticateSession(token)).toBeUndefined();
      await expect(svc().auth.signIn('ben@example.com', 'ben-password-3', null)).rejects.toMatchObject({ code: 'auth.account_disabled' });
      await expect(svc().accounts.update({ accountId: ada.id, name: ada.name }, ada.id, { isAdmin: false })).rejects.toMatchObject({ code: 'account.last_admin' });
      expect((await svc().accounts.findByEmail('ada@example.com'))!.isAdmin).toBe(true);
    });

    it('leaves the instance chain intact', async () => {
      expect(await svc().auditLog.verify(INSTANCE_CHAIN)).toMatchObject({ ok: true });
    });
  },
  { clock },
);

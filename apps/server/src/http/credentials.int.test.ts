/**
 * What a password reset and a password change leave standing, over HTTP on SQLite and PostgreSQL:
 * a reset link (the admin's or the mailed one) and the server's `user reset-password` end every
 * session and revoke every API token of the account; a password change ends the other sessions,
 * and revokes the tokens too when asked. Each is audited.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { INSTANCE_CHAIN } from '../domain/audit/audit-chain.ts';
import type { MailMessage, Mailer } from '../ports/mailer.ts';

const inbox: MailMessage[] = [];
const mailer: Mailer = {
  configured: true,
  async send(message) {
    inbox.push(message);
  },
};

describeEachDatabase(
  'credentials after a reset or a password change',
  (h) => {
    let admin: Person;

    /** Creates API tokens for the person; answers their secrets. */
    async function tokensOf(who: Person, n: number): Promise<string[]> {
      const secrets: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = await h().as(who, { method: 'POST', url: '/api/v1/tokens', payload: { name: `script ${i + 1}` } });
        expect(r.statusCode).toBe(201);
        secrets.push(r.json().secret);
      }
      return secrets;
    }
    const withToken = (secret: string) => h().app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } });
    const withCookie = (who: Person) => h().as(who, { method: 'GET', url: '/api/v1/auth/me' });
    const latestSummary = async () => (await h().container.services.auditLog.page(INSTANCE_CHAIN, undefined, 1)).events[0].summary;

    it('revokes every API token and session when the admin’s reset link is used', async () => {
      admin = await h().person('Admin', { admin: true });
      const ben = await h().person('Ben');
      const [first, second] = await tokensOf(ben, 2);
      const link = await h().as(admin, { method: 'POST', url: `/api/v1/admin/accounts/${ben.id}/reset-link` });
      expect(link.statusCode).toBe(201);
      const token = new URL(link.json().url).hash.slice('#token='.length);
      const reset = await h().app.inject({ method: 'POST', url: '/api/v1/auth/reset', payload: { token, newPassword: 'ben-password-new' } });
      expect(reset.statusCode).toBe(200);

      expect((await withToken(first)).statusCode).toBe(401);
      expect((await withToken(second)).statusCode).toBe(401);
      expect((await withCookie(ben)).statusCode).toBe(401);
      expect((await h().as(admin, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
      expect(await latestSummary()).toBe('Ben set a new password with a reset link, ending every session and 2 API tokens');
    });

    it('revokes them when the mailed reset link is used too', async () => {
      const cleo = await h().person('Cleo');
      const [secret] = await tokensOf(cleo, 1);
      const forgot = await h().app.inject({ method: 'POST', url: '/api/v1/auth/forgot', payload: { email: cleo.email } });
      expect(forgot.statusCode).toBe(202);
      const mail = inbox.findLast((m) => m.to === cleo.email)!;
      const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
      const reset = await h().app.inject({ method: 'POST', url: '/api/v1/auth/reset', payload: { token, newPassword: 'cleo-password-new' } });
      expect(reset.statusCode).toBe(200);
      expect((await withToken(secret)).statusCode).toBe(401);
      expect((await withCookie(cleo)).statusCode).toBe(401);
      expect(await latestSummary()).toBe('Cleo set a new password with a reset link, ending every session and 1 API token');
    });

    it('revokes them when the server sets a password (user reset-password), and an earlier reset link stops working', async () => {
      const dan = await h().person('Dan');
      const [secret] = await tokensOf(dan, 1);
      const link = await h().as(admin, { method: 'POST', url: `/api/v1/admin/accounts/${dan.id}/reset-link` });
      await h().container.services.auth.setPassword({ accountId: null, name: 'backlot' }, dan.id, 'dan-password-new');
      expect((await withToken(secret)).statusCode).toBe(401);
      expect((await withCookie(dan)).statusCode).toBe(401);
      const late = await h().app.inject({ method: 'POST', url: '/api/v1/auth/reset', payload: { token: new URL(link.json().url).hash.slice('#token='.length), newPassword: 'dan-password-late' } });
      expect(late.statusCode).toBe(400);
      expect(late.json().error.code).toBe('auth.reset_token_invalid');
      expect(await latestSummary()).toBe(`backlot set a new password for ${dan.email}, ending every session and 1 API token`);
    });

    it('keeps API tokens through a password change unless asked to revoke them; other sessions end either way', async () => {
      const eve = await h().person('Eve');
      const [kept] = await tokensOf(eve, 1);
      const phone = { ...eve };
      await h().signIn(phone);
      const change = await h().as(eve, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: eve.password, newPassword: 'eve-password-2' } });
      expect(change.statusCode).toBe(200);
      expect((await withToken(kept)).statusCode).toBe(200);
      expect((await withCookie(phone)).statusCode).toBe(401);
      expect((await withCookie(eve)).statusCode).toBe(200);
      expect(await latestSummary()).toBe('Eve changed their password');

      const [another] = await tokensOf(eve, 1);
      await h().signIn({ ...phone, password: 'eve-password-2' });
      const revoking = await h().as(eve, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'eve-password-2', newPassword: 'eve-password-3', revokeTokens: true } });
      expect(revoking.statusCode).toBe(200);
      expect((await withToken(kept)).statusCode).toBe(401);
      expect((await withToken(another)).statusCode).toBe(401);
      expect((await withCookie(eve)).statusCode).toBe(200);
      expect(await latestSummary()).toBe('Eve changed their password and revoked 2 API tokens');
    });

    it('refuses a revokeTokens that is not true or false, naming the field, and changes nothing', async () => {
      const fay = await h().person('Fay');
      const r = await h().as(fay, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: fay.password, newPassword: 'fay-password-2', revokeTokens: 'yes' } });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.field).toBe('revokeTokens');
      const signIn = await h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: fay.email, password: fay.password } });
      expect(signIn.statusCode).toBe(200);
    });
  },
  { mailer },
);

/**
 * Logs, through the very logger `serve` builds, on SQLite and PostgreSQL: one structured line a
 * request with its id, and never a token, a session cookie, a password or a webhook's secret.
 */
import { Writable } from 'node:stream';
import { beforeEach, expect, it } from 'vitest';
import { createServerLogger } from '../admin/serve.command.ts';
import { describeEachDatabase, ORIGIN } from '../../test/harness.ts';

let text = '';
const sink = new Writable({
  write(chunk, _enc, done) {
    text += chunk.toString();
    done();
  },
});
const logger = createServerLogger('info', sink);

const requestLines = () =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((l) => l.msg === 'request');

describeEachDatabase(
  'request logs',
  (h) => {
    beforeEach(() => {
      text = '';
    });

    it('write one line a request, with no token, cookie or password anywhere', async () => {
      const admin = await h().person('Admin', { admin: true });
      text = '';
      const created = await h().as(admin, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'ci' } });
      const token = created.json().secret as string;
      expect(token).toMatch(/^blt_/);
      await h().app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-abc-123' } });
      await h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { origin: ORIGIN }, payload: { email: admin.email, password: admin.password } });
      await h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { origin: ORIGIN }, payload: { email: admin.email, password: 'a-wrong-password' } });
      await h().as(admin, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'not-my-password-at-all', newPassword: 'a-new-password-long-enough' } });
      const lines = requestLines();
      expect(lines.map((l) => [l.method, l.url])).toEqual([
        ['POST', '/api/v1/tokens'],
        ['GET', '/api/v1/auth/me'],
        ['POST', '/api/v1/auth/sign-in'],
        ['POST', '/api/v1/auth/sign-in'],
        ['POST', '/api/v1/auth/password'],
      ]);
      expect(lines[1]).toMatchObject({ reqId: 'req-abc-123', status: 200, account: admin.id });
      for (const secret of [token, admin.password, 'a-wrong-password', admin.cookie, 'not-my-password-at-all', 'a-new-password-long-enough']) expect(text).not.toContain(secret);
    });

    it("leave a webhook's secret out of the address they log", async () => {
      const secret = 'whsec-0123456789abcdef-secret';
      await h().app.inject({ method: 'POST', url: `/api/v1/webhooks/takes/take-123/${secret}`, payload: { status: 'done' } });
      await h().app.inject({ method: 'POST', url: `/api/v1/webhooks/takes/take-123/${secret}?x=1`, payload: {} });
      await h().app.inject({ method: 'POST', url: `/api/v1/webhooks/takes/take-123/${secret}/extra`, payload: {} });
      await h().app.inject({ method: 'GET', url: `/api/v1/webhooks/takes/take-123/${secret}` });
      expect(requestLines().map((l) => [l.method, l.url, l.status])).toEqual([
        ['POST', '/api/v1/webhooks/takes/take-123/[redacted]', 404],
        ['POST', '/api/v1/webhooks/takes/take-123/[redacted]', 404],
        ['POST', '/api/v1/webhooks/takes/take-123/[redacted]/extra', 404],
        ['GET', '/api/v1/webhooks/takes/take-123/[redacted]', 404],
      ]);
      expect(text).not.toContain(secret);
    });
  },
  { app: { logger } },
);

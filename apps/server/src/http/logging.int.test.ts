/** Logs: one structured line a request with its id, and never a password, token or cookie. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { REDACTED_LOG_PATHS } from './app.ts';

describe('request logs', () => {
  let lines: string[] = [];
  let h: Harness;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const logger = pino({ level: 'info', redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } }, sink);
    h = await createHarness('sqlite', { app: { logger } });
  });
  afterAll(async () => {
    await h.app.close();
    await h.testDb.drop();
  });

  it('writes one line a request, without secrets', async () => {
    const admin = await h.person('Admin', { admin: true });
    lines = [];
    const created = await h.as(admin, { method: 'POST', url: '/api/v1/tokens', payload: { name: 'ci' } });
    const secret = created.json().secret as string;
    await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}`, 'x-request-id': 'req-abc-123' } });
    await h.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: admin.email, password: admin.password } });
    await h.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: admin.email, password: 'a-wrong-password' } });
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(4);
    expect(requests[1]).toMatchObject({ reqId: 'req-abc-123', method: 'GET', url: '/api/v1/auth/me', status: 200, account: admin.id });
    const all = lines.join('\n');
    for (const secretText of [secret, admin.password, 'a-wrong-password', admin.cookie]) expect(all).not.toContain(secretText);
  });
});

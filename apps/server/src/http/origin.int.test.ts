/**
 * Which origins may write, on SQLite and PostgreSQL. With BACKLOT_PUBLIC_URL set it is the one
 * origin accepted, so a DNS-rebinding page (Host and Origin both its own name, resolving here)
 * can neither run first-run setup, sign in, accept an invitation nor write with a session cookie.
 * Without the setting, the address the request came to is accepted as well, as before.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase, ORIGIN, type Person } from '../../test/harness.ts';

const REBOUND = { host: 'evil.example', origin: 'http://evil.example' };
const ADMIN = { name: 'Ada', email: 'ada@example.com', password: 'correct horse battery' };

describeEachDatabase('origins with BACKLOT_PUBLIC_URL set', (h) => {
  let admin: Person;
  let inviteToken = '';

  it('refuses first-run setup from a rebound name, and takes it from the public address', async () => {
    const rebound = await h().app.inject({ method: 'POST', url: '/api/v1/setup', headers: REBOUND, payload: ADMIN });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json().error.code).toBe('auth.cross_site');
    expect((await h().app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: true });
    // The address the request came to is no longer enough on its own.
    const ownHost = await h().app.inject({ method: 'POST', url: '/api/v1/setup', headers: { host: '127.0.0.1:4999', origin: 'http://127.0.0.1:4999' }, payload: ADMIN });
    expect(ownHost.statusCode).toBe(403);
    const ok = await h().app.inject({ method: 'POST', url: '/api/v1/setup', headers: { origin: ORIGIN }, payload: ADMIN });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses sign-in from a rebound name', async () => {
    const rebound = await h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: REBOUND, payload: { email: ADMIN.email, password: ADMIN.password } });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json().error.code).toBe('auth.cross_site');
    expect(rebound.cookies.find((c) => c.name === 'backlot_session')).toBeUndefined();
    const ok = await h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { origin: ORIGIN }, payload: { email: ADMIN.email, password: ADMIN.password } });
    expect(ok.statusCode).toBe(200);
    admin = { id: ok.json().account.id, ...ADMIN, cookie: ok.cookies.find((c) => c.name === 'backlot_session')!.value };
  });

  it('refuses a cookie write from a rebound name, and changes nothing', async () => {
    const rebound = await h().as(admin, { method: 'POST', url: '/api/v1/projects', headers: REBOUND, payload: { name: 'Rebound', code: 'REBOUND' } });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json().error.code).toBe('auth.cross_site');
    expect((await h().as(admin, { method: 'GET', url: '/api/v1/projects' })).json().projects).toEqual([]);
  });

  it('refuses an invitation accepted from a rebound name', async () => {
    const project = await h().as(admin, { method: 'POST', url: '/api/v1/projects', payload: { name: 'Night Shift', code: 'NIGHT' } });
    expect(project.statusCode, project.body).toBe(201);
    const invite = await h().as(admin, { method: 'POST', url: `/api/v1/projects/${project.json().project.id}/invitations`, payload: { email: 'nina@example.com', role: 'viewer' } });
    expect(invite.statusCode, invite.body).toBe(201);
    inviteToken = new URL(invite.json().url).hash.replace('#token=', '');
    const accept = { token: inviteToken, name: 'Nina', password: 'nina-password-1' };
    const rebound = await h().app.inject({ method: 'POST', url: '/api/v1/invitations/accept', headers: REBOUND, payload: accept });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json().error.code).toBe('auth.cross_site');
    const ok = await h().app.inject({ method: 'POST', url: '/api/v1/invitations/accept', headers: { origin: ORIGIN }, payload: accept });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describeEachDatabase(
  'origins without BACKLOT_PUBLIC_URL',
  (h) => {
    it('accepts the address the request came to and the default address, and refuses another site', async () => {
      const other = await h().app.inject({ method: 'POST', url: '/api/v1/setup', headers: { origin: 'http://other.example' }, payload: ADMIN });
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('auth.cross_site');
      // Without a public address Backlot cannot tell a rebound name from a real one: as before, the Host decides.
      const sameHost = await h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: REBOUND, payload: { email: 'nobody@example.com', password: 'x' } });
      expect(sameHost.statusCode).toBe(401);
      // The default address is http://HOST:PORT of the listening server.
      const ok = await h().app.inject({ method: 'POST', url: '/api/v1/setup', headers: { origin: 'http://127.0.0.1:4100' }, payload: ADMIN });
      expect(ok.statusCode, ok.body).toBe(201);
    });
  },
  { env: { BACKLOT_PUBLIC_URL: '' } },
);

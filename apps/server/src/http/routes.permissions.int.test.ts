/**
 * The route × role test, generated from the routes the app registered and the permission table:
 * every route, with no session, with every role, as a member of another project, as a non-admin
 * and an admin, and on a closed project.
 */
import { ROLES, scopeOf, type Role } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { roleMay } from '../domain/permissions/permissions.ts';
import { buildApp } from './app.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ABSENT_ID = '01900000-0000-7000-8000-000000000000';

/** The public allow-list of DESIGN.md §8, written out by hand. */
const PUBLIC_ROUTES = [
  'GET /api/v1/health',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/forgot',
  'POST /api/v1/auth/reset',
  'POST /api/v1/invitations/preview',
  'POST /api/v1/invitations/accept',
  'GET /api/openapi.json',
  'POST /api/v1/webhooks/takes/:takeId/:secret',
].sort();

function urlFor(pattern: string, projectId: string) {
  return pattern.replace(/:(\w+)/g, (_, name: string) => (name === 'projectId' ? projectId : ABSENT_ID));
}

describeEachDatabase('every route × every role', (h) => {
  let admin: Person;
  let people: Record<Role, Person>;
  let outsider: Person;
  let counter = 0;

  async function freshProject() {
    counter += 1;
    const owner = people.owner;
    return h().project(owner, `RR${counter}`, ROLES.filter((r) => r !== 'owner').map((r) => [people[r], r] as [Person, Role]));
  }

  async function call(who: Person | undefined, method: string, url: string): Promise<{ statusCode: number; body: string }> {
    if (method === 'GET' && url.endsWith('/events')) {
      // An event stream never ends: take its status as soon as it answers, then hang up.
      const abort = new AbortController();
      const res = await h().as(who, { method: 'GET', url, payloadAsStream: true, signal: abort.signal });
      if (res.statusCode === 200) {
        abort.abort();
        return { statusCode: 200, body: '' };
      }
      let body = '';
      for await (const chunk of res.stream()) body += chunk;
      return { statusCode: res.statusCode, body };
    }
    return h().as(who, { method: method as 'GET', url, ...(MUTATING.has(method) ? { payload: {} } : {}) });
  }

  it('has routes, each with an action, and the public ones are exactly the allow-list', async () => {
    admin = await h().person('Admin', { admin: true });
    people = {} as Record<Role, Person>;
    for (const role of ROLES) people[role] = await h().person(`The ${role}`);
    outsider = await h().person('Outsider');
    await h().project(outsider, 'ELSE');

    const routes = h().app.registeredRoutes;
    expect(routes.length).toBeGreaterThan(30);
    const publicRoutes = routes.filter((r) => scopeOf(r.action) === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual(PUBLIC_ROUTES);
  });

  it('answers each route by the table, for every caller', async () => {
    const failures: string[] = [];
    for (const route of h().app.registeredRoutes) {
      const scope = scopeOf(route.action);
      const projectId = await freshProject();
      const url = urlFor(route.url, projectId);
      const name = `${route.method} ${route.url} (${route.action})`;
      const expectStatus = (who: string, status: number, ok: (s: number, code?: string) => boolean, body: string) => {
        const code = (() => {
          try {
            return JSON.parse(body)?.error?.code as string | undefined;
          } catch {
            return undefined;
          }
        })();
        if (!ok(status, code)) failures.push(`${name} as ${who}: got ${status} ${code ?? ''}`);
      };

      const anon = await call(undefined, route.method, url);
      if (scope === 'public') expectStatus('nobody', anon.statusCode, (s) => s !== 401 && s !== 403, anon.body);
      else expectStatus('nobody', anon.statusCode, (s, c) => s === 401 && c === 'auth.required', anon.body);

      if (scope === 'account') {
        for (const role of ROLES) {
          const r = await call(people[role], route.method, url);
          expectStatus(role, r.statusCode, (s) => s !== 401 && s !== 403, r.body);
        }
      }
      if (scope === 'instance') {
        const r = await call(people.owner, route.method, url);
        expectStatus('non-admin', r.statusCode, (s, c) => s === 403 && c === 'permission.denied', r.body);
        const a = await call(admin, route.method, url);
        expectStatus('admin', a.statusCode, (s) => s !== 401 && s !== 403, a.body);
      }
      if (scope === 'project') {
        const o = await call(outsider, route.method, url);
        expectStatus('member of another project', o.statusCode, (s, c) => s === 404 && c === 'project.not_found', o.body);
        for (const role of ROLES) {
          const r = await call(people[role], route.method, url);
          if (roleMay(role, route.action)) {
            expectStatus(role, r.statusCode, (s, c) => s !== 401 && s !== 403 && c !== 'project.not_found', r.body);
          } else {
            expectStatus(role, r.statusCode, (s, c) => s === 403 && c === 'permission.denied', r.body);
          }
        }
        if (MUTATING.has(route.method)) {
          const closedId = await freshProject();
          await h().container.services.projects.setClosed({ accountId: null, name: 'test' }, closedId, true);
          const r = await call(people.owner, route.method, urlFor(route.url, closedId));
          if (route.action === 'project.close') expectStatus('owner on a closed project', r.statusCode, (s, c) => c !== 'project.closed', r.body);
          else expectStatus('owner on a closed project', r.statusCode, (s, c) => s === 409 && c === 'project.closed', r.body);
        }
      }
      // Signing out ends the caller's session: sign everyone in again for the next route.
      if (route.action === 'account.self' && route.url.endsWith('/sign-out')) {
        for (const p of [admin, outsider, ...Object.values(people)]) await h().signIn(p);
      }
    }
    expect(failures).toEqual([]);
  });

  it('authenticates scripts with a Bearer token the same way', async () => {
    const { secret } = await h().container.services.auth.createToken({ accountId: people.viewer.id, name: 'v' }, (await h().container.store.read.accounts.findById(people.viewer.id))!, 'script');
    const projectId = await freshProject();
    const view = await h().app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}`, headers: { authorization: `Bearer ${secret}` } });
    expect(view.statusCode).toBe(200);
    expect(view.json().project.budget).toBeUndefined();
    const edit = await h().app.inject({ method: 'PATCH', url: `/api/v1/projects/${projectId}`, headers: { authorization: `Bearer ${secret}` }, payload: { name: 'Renamed' } });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error).toMatchObject({ code: 'permission.denied', message: 'A viewer may not edit project settings in this project.' });
    const bad = await h().app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}`, headers: { authorization: 'Bearer blt_not-a-token' } });
    expect(bad.statusCode).toBe(401);
  });

  it('refuses to build an app with a route that declares no action, or a read action on a write', async () => {
    await expect(
      buildApp(h().container, { extraRoutes: (app) => app.get('/api/v1/undeclared', async () => ({})) }),
    ).rejects.toThrow(/declares no action/);
    await expect(
      buildApp(h().container, { extraRoutes: (app) => app.post('/api/v1/sneaky', { config: { action: 'project.read' } }, async () => ({})) }),
    ).rejects.toThrow(/changes data but declares the read action/);
  });
});

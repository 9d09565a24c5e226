/**
 * The route × role test: every route the app registered, with no session, with every role, as a
 * member of another project, as a non-admin and an admin, and on a closed project. What each
 * caller should get comes from the table written by hand from DESIGN.md §8 (test/route-table.ts),
 * never from the server's own permission table, so a wrong entry there, or a route declaring the
 * wrong action, fails here.
 */
import { ROLES, scopeOf, type Role } from '@backlot/contracts';
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { ROUTE_TABLE, type RouteRow } from '../../test/route-table.ts';
import { buildApp } from './app.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ABSENT_ID = '01900000-0000-7000-8000-000000000000';

const keyOf = (r: { method: string; url?: string; path?: string }) => `${r.method} ${r.url ?? r.path}`;

function urlFor(pattern: string, projectId: string) {
  return pattern.replace(/:(\w+)/g, (_, name: string) => (name === 'projectId' ? projectId : ABSENT_ID));
}

/** The error code of an answer, when it has one. */
function codeOf(body: string): string | undefined {
  try {
    return JSON.parse(body)?.error?.code as string | undefined;
  } catch {
    return undefined;
  }
}

/** An allowed call is neither refused nor hidden, and never a server error. */
const allowed = (s: number, code?: string) => s !== 401 && s !== 403 && code !== 'project.not_found' && s < 500;
const denied = (s: number, code?: string) => s === 403 && code === 'permission.denied';

describeEachDatabase('every route × every role', (h) => {
  let admin: Person;
  let people: Record<Role, Person>;
  let outsider: Person;
  /** A guest on a review link of a session in a project of its own: `Authorization: Guest <secret>`. */
  let guestSecret: string;
  let counter = 0;

  async function freshProject() {
    counter += 1;
    const owner = people.owner;
    return h().project(
      owner,
      `RR${counter}`,
      ROLES.filter((r) => r !== 'owner').map((r) => [people[r], r] as [Person, Role]),
    );
  }

  async function call(who: Person | 'guest' | undefined, method: string, url: string): Promise<{ statusCode: number; body: string }> {
    const person = who === 'guest' ? undefined : who;
    const headers = who === 'guest' ? { authorization: `Guest ${guestSecret}` } : {};
    if (method === 'GET' && url.endsWith('/events')) {
      // An event stream never ends: take its status as soon as it answers, then hang up.
      const abort = new AbortController();
      const res = await h().as(person, { method: 'GET', url, headers, payloadAsStream: true, signal: abort.signal });
      if (res.statusCode === 200) {
        abort.abort();
        return { statusCode: 200, body: '' };
      }
      let body = '';
      for await (const chunk of res.stream()) body += chunk;
      return { statusCode: res.statusCode, body };
    }
    return h().as(person, { method: method as 'GET', url, headers, ...(MUTATING.has(method) ? { payload: {} } : {}) });
  }

  it('has a row in the hand-written table for every registered route, and a route for every row', async () => {
    admin = await h().person('Admin', { admin: true });
    people = {} as Record<Role, Person>;
    for (const role of ROLES) people[role] = await h().person(`The ${role}`);
    outsider = await h().person('Outsider');
    await h().project(outsider, 'ELSE');

    // A guest: a session shared by link in a project of its own, joined with a name.
    const shared = await h().project(people.owner, 'GUEST');
    const session = await h().as(people.owner, { method: 'POST', url: `/api/v1/projects/${shared}/dailies`, payload: { title: 'Shared', source: { kind: 'takes', takeIds: [] } } });
    expect(session.statusCode, session.body).toBe(201);
    const link = await h().as(people.owner, { method: 'POST', url: `/api/v1/projects/${shared}/dailies/${session.json().session.id}/links`, payload: { label: 'Client', expiresInHours: 24 } });
    expect(link.statusCode, link.body).toBe(201);
    const joined = await h().as(undefined, { method: 'POST', url: '/api/v1/review-links/join', payload: { token: link.json().token, name: 'A client' } });
    expect(joined.statusCode, joined.body).toBe(200);
    guestSecret = joined.json().secret;

    const registered = h().app.registeredRoutes.map(keyOf).sort();
    const table = ROUTE_TABLE.map(keyOf).sort();
    expect(
      registered.filter((r) => !table.includes(r)),
      'routes without a row in test/route-table.ts',
    ).toEqual([]);
    expect(
      table.filter((r) => !registered.includes(r)),
      'rows for routes the app does not register',
    ).toEqual([]);
    expect(new Set(table).size, 'one row per route').toBe(table.length);
  });

  it('declares on each route the action its row names, and opens to anonymous callers exactly the public rows (the allow-list of §8)', () => {
    const rows = new Map(ROUTE_TABLE.map((r) => [keyOf(r), r]));
    const wrong = h()
      .app.registeredRoutes.filter((r) => rows.get(keyOf(r))?.action !== r.action)
      .map((r) => `${keyOf(r)} declares ${r.action}, the table says ${rows.get(keyOf(r))?.action}`);
    expect(wrong).toEqual([]);
    const publicRoutes = h()
      .app.registeredRoutes.filter((r) => scopeOf(r.action) === 'public')
      .map(keyOf)
      .sort();
    expect(publicRoutes).toEqual(
      ROUTE_TABLE.filter((r) => r.who === 'public')
        .map(keyOf)
        .sort(),
    );
  });

  // Every route on a fresh project, as a dozen callers: on PostgreSQL this takes over a minute on a busy machine.
  it('answers each route by the table, for every caller', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    const rows = new Map(ROUTE_TABLE.map((r) => [keyOf(r), r]));
    for (const route of h().app.registeredRoutes) {
      const row = rows.get(keyOf(route));
      if (!row) continue; // named by the first test
      const projectId = await freshProject();
      const url = urlFor(route.url, projectId);
      const name = `${route.method} ${route.url} (${row.action})`;
      const expectStatus = (who: string, answer: { statusCode: number; body: string }, ok: (s: number, code?: string) => boolean) => {
        const code = codeOf(answer.body);
        if (!ok(answer.statusCode, code)) failures.push(`${name} as ${who}: got ${answer.statusCode} ${code ?? ''}`);
      };
      const who: RouteRow['who'] = row.who;

      const anon = await call(undefined, route.method, url);
      if (who === 'public') expectStatus('nobody', anon, allowed);
      else if (who === 'guest') expectStatus('nobody', anon, (s, c) => s === 401 && c === 'guest.required');
      else expectStatus('nobody', anon, (s, c) => s === 401 && c === 'auth.required');

      // A guest on a review link reaches the guest routes and nothing that needs an account.
      if (who === 'guest') {
        expectStatus('guest', await call('guest', route.method, url), allowed);
        expectStatus('admin (no guest)', await call(admin, route.method, url), (s, c) => s === 401 && c === 'guest.required');
        for (const role of ROLES) expectStatus(`${role} (no guest)`, await call(people[role], route.method, url), (s, c) => s === 401 && c === 'guest.required');
      } else if (who !== 'public') {
        expectStatus('guest', await call('guest', route.method, url), (s, c) => s === 401 && c === 'auth.required');
      }

      if (who === 'any account') {
        for (const role of ROLES) expectStatus(`an account (${role} elsewhere)`, await call(people[role], route.method, url), allowed);
      }
      if (who === 'instance admin') {
        expectStatus('non-admin', await call(people.owner, route.method, url), denied);
        expectStatus('admin', await call(admin, route.method, url), allowed);
      }
      if (Array.isArray(who)) {
        const roles = who as readonly Role[];
        expectStatus('member of another project', await call(outsider, route.method, url), (s, c) => s === 404 && c === 'project.not_found');
        for (const role of ROLES) expectStatus(role, await call(people[role], route.method, url), roles.includes(role) ? allowed : denied);
        if (MUTATING.has(route.method)) {
          const closedId = await freshProject();
          await h().container.services.projects.setClosed({ accountId: null, name: 'test' }, closedId, true);
          const r = await call(people.owner, route.method, urlFor(route.url, closedId));
          if (row.action === 'project.close') expectStatus('owner on a closed project', r, (s, c) => c !== 'project.closed' && s < 500);
          else expectStatus('owner on a closed project', r, (s, c) => s === 409 && c === 'project.closed');
        }
      }
      // Signing out ends the caller's session: sign everyone in again for the next route.
      if (route.url.endsWith('/auth/sign-out')) {
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
    await expect(buildApp(h().container, { extraRoutes: (app) => app.get('/api/v1/undeclared', async () => ({})) })).rejects.toThrow(/declares no action/);
    await expect(buildApp(h().container, { extraRoutes: (app) => app.post('/api/v1/sneaky', { config: { action: 'project.read' } }, async () => ({})) })).rejects.toThrow(
      /changes data but declares the read action/,
    );
  });
});

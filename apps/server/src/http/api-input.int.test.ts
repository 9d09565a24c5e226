/** Bad input, cross-site writes and sign-in limits: clear errors naming the field, and nothing written. */
import { expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

describeEachDatabase(
  'bad input and request protection',
  (h) => {
    let owner: Person;
    const countProjects = async () =>
      (
        await h()
          .container.database.db.selectFrom('projects')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const create = (payload: unknown, headers: Record<string, string> = {}) =>
      h().as(owner, { method: 'POST', url: '/api/v1/projects', headers: { 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

    it('answers health', async () => {
      owner = await h().person('Owner');
      const r = await h().app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ status: 'ok' });
      expect(r.headers['x-request-id']).toBeTruthy();
    });

    it.each([
      ['malformed JSON', '{"name": "x", ', 400, 'request.malformed_json', undefined],
      ['an unknown field', { name: 'Heist', code: 'HEIST', director: 'me' }, 400, 'request.invalid', 'director'],
      ['a wrong type', { name: 'Heist', code: 'HEIST', budget: 25000 }, 400, 'request.invalid', 'budget'],
      ['a lower-case code', { name: 'Heist', code: 'heist' }, 400, 'request.invalid', 'code'],
      ['a code too long', { name: 'Heist', code: 'ABCDEFGHIJKL' }, 400, 'request.invalid', 'code'],
      ['a missing name', { code: 'HEIST' }, 400, 'request.invalid', 'name'],
      ['a nested bad value', { name: 'Heist', code: 'HEIST', resolution: { width: 1920, height: -1 } }, 400, 'request.invalid', 'resolution.height'],
      ['an unknown frame rate', { name: 'Heist', code: 'HEIST', frameRate: '23.976' }, 400, 'request.invalid', 'frameRate'],
      ['drop-frame at 24', { name: 'Heist', code: 'HEIST', frameRate: '24/1', timecodeMode: 'df' }, 400, 'request.invalid', 'timecodeMode'],
      ['a float budget', { name: 'Heist', code: 'HEIST', budget: '1e9' }, 400, 'request.invalid', 'budget'],
    ])('refuses %s, naming the field, and writes nothing', async (_what, payload, status, code, field) => {
      const before = await countProjects();
      const r = await create(payload);
      expect(r.statusCode).toBe(status);
      const body = r.json();
      expect(body.error.code).toBe(code);
      expect(body.error.message).toBeTruthy();
      if (field) {
        expect(body.error.field).toBe(field);
        expect(body.error.message).toContain(field);
      }
      expect(await countProjects()).toBe(before);
    });

    it('names every bad field at once, each with its problem, so a form marks them all', async () => {
      const before = await countProjects();
      const r = await create({ name: '  ', code: 'heist', resolution: { width: 1920, height: -1 } });
      expect(r.statusCode).toBe(400);
      const { error } = r.json();
      expect(error.field).toBe('name');
      expect(error.message).toBe('name: is required');
      expect(error.problems.map((p: { field: string }) => p.field)).toEqual(['name', 'code', 'resolution.height']);
      expect(error.problems[0]).toEqual({ field: 'name', message: 'is required' });
      for (const p of error.problems) expect(p.message).toBeTruthy();
      expect(await countProjects()).toBe(before);
      // One bad field: no list, the field alone names it.
      expect((await create({ name: 'Heist', code: 'heist' })).json().error.problems).toBeUndefined();
    });

    it('refuses an oversize body with 413', async () => {
      const before = await countProjects();
      const r = await create({ name: 'x'.repeat(1_100_000), code: 'BIG' });
      expect(r.statusCode).toBe(413);
      expect(r.json().error.code).toBe('request.too_large');
      expect(await countProjects()).toBe(before);
    });

    it('refuses a duplicate code with 409 naming the field', async () => {
      expect((await create({ name: 'Heist', code: 'HEIST' })).statusCode).toBe(201);
      const r = await create({ name: 'Heist again', code: 'HEIST' });
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({ code: 'project.code_taken', field: 'code' });
    });

    it('answers an unknown API route with a JSON 404', async () => {
      const r = await h().app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('route.not_found');
    });

    it('refuses cookie-authenticated writes from another site, or with no origin at all', async () => {
      const before = await countProjects();
      const foreign = await create({ name: 'CSRF', code: 'CSRF' }, { origin: 'https://evil.example' });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().error.code).toBe('auth.cross_site');
      const bare = await h().app.inject({
        method: 'POST',
        url: '/api/v1/projects',
        headers: { cookie: `backlot_session=${owner.cookie}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'CSRF', code: 'CSRF' }),
      });
      expect(bare.statusCode).toBe(403);
      expect(await countProjects()).toBe(before);
      const sameSite = await h().app.inject({
        method: 'POST',
        url: '/api/v1/projects',
        headers: { cookie: `backlot_session=${owner.cookie}`, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        payload: JSON.stringify({ name: 'Same site', code: 'SAME' }),
      });
      expect(sameSite.statusCode).toBe(201);
    });

    it('sets the session cookie httpOnly and SameSite, and Secure behind https', async () => {
      const r = await h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: owner.email, password: owner.password } });
      const c = r.cookies.find((x) => x.name === 'backlot_session')!;
      expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(c.secure).toBeFalsy();
    });

    it('limits sign-in attempts per client address', async () => {
      const attempt = () => h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: owner.email, password: 'wrong-password' }, remoteAddress: '10.9.8.7' });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt()).statusCode);
      expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('auth.rate_limited');
      // Another address is not affected.
      const other = await h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: owner.email, password: owner.password }, remoteAddress: '10.9.8.6' });
      expect(other.statusCode).toBe(200);
    });

    it('answers first-run setup with 409 once an admin exists', async () => {
      await h()
        .person('Admin', { admin: true })
        .catch(() => undefined);
      const r = await h().app.inject({ method: 'POST', url: '/api/v1/setup', payload: { name: 'Late', email: 'late@example.com', password: 'late-password-1' } });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('setup.done');
    });

    it('publishes an OpenAPI document generated from the same schemas', async () => {
      const r = await h().app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(r.statusCode).toBe(200);
      const doc = r.json();
      expect(doc.openapi).toMatch(/^3\./);
      const create = doc.paths['/api/v1/projects'].post;
      expect(create.operationId).toBe('createProject');
      const schema = create.requestBody.content['application/json'].schema;
      expect(schema.required).toEqual(expect.arrayContaining(['name', 'code']));
      expect(schema.properties.code.pattern).toBe('^[A-Z][A-Z0-9]{1,9}$');
      expect(schema.additionalProperties).toBe(false);
      expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
    });
  },
  { env: { BACKLOT_SIGN_IN_PER_MINUTE: '5' } },
);

describeEachDatabase(
  'behind an https reverse proxy',
  (h) => {
    it('marks the session cookie Secure', async () => {
      const p = await h().person('Proxied');
      const r = await h().app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: p.email, password: p.password }, headers: { 'x-forwarded-proto': 'https' } });
      expect(r.statusCode).toBe(200);
      expect(r.cookies.find((c) => c.name === 'backlot_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    });
  },
  { env: { BACKLOT_TRUST_PROXY: 'true' } },
);

describeEachDatabase('requests without a body', (h) => {
  it('takes an empty JSON body on a route that needs none', async () => {
    const owner = await h().person('Olly');
    const projectId = await h().project(owner, 'EMPTY');
    const r = await h().as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/close`, headers: { 'content-type': 'application/json', 'content-length': '0' }, payload: '' });
    expect(r.statusCode).toBe(200);
    expect(r.json().project.closed).toBe(true);
    const needsBody = await h().as(owner, { method: 'POST', url: '/api/v1/tokens', headers: { 'content-type': 'application/json', 'content-length': '0' }, payload: '' });
    expect(needsBody.statusCode).toBe(400);
    expect(needsBody.json().error.code).toBe('request.invalid');
  });
});

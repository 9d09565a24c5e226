/** Text a database cannot store exactly (NUL, lone UTF-16 surrogates) is refused at the edge with 400 naming the field, and nothing changes. */
import { expect, it } from 'vitest';
import { INSTANCE_CHAIN, projectChain } from '../domain/audit/audit-chain.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';

describeEachDatabase('text that cannot be stored exactly', (h) => {
  let owner: Person;
  let projectId: string;
  const json = (who: Person, method: 'POST' | 'PATCH', url: string, raw: string) => h().as(who, { method, url, headers: { 'content-type': 'application/json' }, payload: raw });

  it('refuses a name holding a lone surrogate, naming the field; the name and the instance chain stay as they were', async () => {
    owner = await h().person('Insider');
    projectId = await h().project(owner, 'TEXT');
    const before = await h().container.services.auditLog.verify(INSTANCE_CHAIN);
    // The raw body, as a client would send it: a JSON escape of half a surrogate pair.
    const r = await json(owner, 'PATCH', '/api/v1/auth/me', '{"name":"Out\\ud800sider"}');
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'request.invalid', field: 'name' });
    expect(r.json().error.message).toMatch(/^name: .*lone UTF-16 surrogate/);
    const me = await h().as(owner, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json().account.name).toBe('Insider');
    const after = await h().container.services.auditLog.verify(INSTANCE_CHAIN);
    expect(after).toMatchObject({ ok: true, count: before.count });
  });

  it('refuses NUL in a scene heading with 400 naming the field (not 500, not stored)', async () => {
    const scenes = async () => (await h().as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/scenes` })).json().scenes.length;
    const r = await json(owner, 'POST', `/api/v1/projects/${projectId}/scenes`, '{"heading":"INT. WAREHOUSE\\u0000 - NIGHT"}');
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'request.invalid', field: 'heading' });
    expect(r.json().error.message).toBe('heading: must not contain the NUL character (U+0000)');
    expect(await scenes()).toBe(0);
    expect(await h().container.services.auditLog.verify(projectChain(projectId))).toMatchObject({ ok: true, count: 1 });
  });

  it('refuses NUL in a query and in a path id, naming the parameter', async () => {
    const q = await h().as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/assets?q=a%00b` });
    expect(q.statusCode).toBe(400);
    expect(q.json().error).toMatchObject({ code: 'request.invalid', field: 'q' });
    const id = await h().as(owner, { method: 'GET', url: '/api/v1/projects/abc%00def' });
    expect(id.statusCode).toBe(400);
    expect(id.json().error).toMatchObject({ code: 'request.invalid', field: 'projectId' });
  });

  it('refuses NUL in a multipart field of an upload, naming it, and records no version', async () => {
    const asset = await h().as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/assets`, payload: { kind: 'prop', name: 'Lamp' } });
    expect(asset.statusCode).toBe(201);
    const boundary = 'backlot-text-test';
    const body = [`--${boundary}`, 'Content-Disposition: form-data; name="note"', '', 'first\u0000look', `--${boundary}--`, ''].join('\r\n');
    const r = await h().as(owner, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/assets/${asset.json().id}/versions`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(body, 'utf8'),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'request.invalid', field: 'note' });
    const detail = await h().as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/assets/${asset.json().id}` });
    expect(detail.json().versions).toEqual([]);
  });
});

/** The server serves the built web UI: files by path, client routes as the page, missing files as 404. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { buildApp } from './app.ts';

describe('serving the web UI', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'backlot-web-'));
  let h: Harness;
  let app: FastifyInstance;
  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Backlot</title>');
    writeFileSync(join(webDir, 'assets', 'app-1.js'), 'console.log(1)');
    h = await createHarness('sqlite');
    app = await buildApp(h.container, { webDir });
  });
  afterAll(async () => {
    await app.close();
    await h.app.close();
    await h.testDb.drop();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers client routes with the page', async () => {
    const r = await app.inject({ method: 'GET', url: '/projects/abc/settings' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toContain('<title>Backlot</title>');
  });

  it('serves files, including ones built after the server started', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/app-1.js' })).headers['content-type']).toMatch(/javascript/);
    writeFileSync(join(webDir, 'assets', 'app-2.js'), 'console.log(2)');
    const late = await app.inject({ method: 'GET', url: '/assets/app-2.js' });
    expect(late.statusCode).toBe(200);
    expect(late.body).toBe('console.log(2)');
  });

  it('answers a missing file with 404, not the page', async () => {
    const r = await app.inject({ method: 'GET', url: '/assets/gone.js' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('route.not_found');
  });

  it('keeps unknown API routes JSON 404s', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('route.not_found');
  });
});

/**
 * Security headers on every kind of answer, on SQLite and PostgreSQL: the API, its errors, the web
 * UI's page and files, and stored media, whose type comes from the content Backlot sniffed, never
 * from what an uploader or a provider claimed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';
import { createScriptedProvider } from '../../test/scripted-provider.ts';
import { waitFor } from '../../test/wait.ts';
import { buildApp } from './app.ts';

const media = makeTestMedia();
const clip = join(media.dir, 'claimed-html.mp4');
writeFileSync(clip, media.mp4);
const scripted = createScriptedProvider(clip);
// A provider that says its clip is a web page: the answer must still be the video it really is.
const lyingProvider = {
  ...scripted.adapter,
  fetchOutput: async (...args: Parameters<typeof scripted.adapter.fetchOutput>) => ({ ...(await scripted.adapter.fetchOutput(...args)), contentType: 'text/html' }),
};

const webDir = mkdtempSync(join(tmpdir(), 'backlot-web-'));
mkdirSync(join(webDir, 'assets'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Backlot</title><script type="module" src="/assets/app-1.js"></script>');
writeFileSync(join(webDir, 'assets', 'app-1.js'), 'console.log(1)');
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

/** The policy written out by hand from what the web UI needs: its own files, pictures from blobs and data URLs, and nothing inline. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

function expectSecured(r: LightMyRequestResponse, what: string) {
  const csp = String(r.headers['content-security-policy'] ?? '');
  expect(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .sort(),
    `${what}: content-security-policy`,
  ).toEqual([...CSP].sort());
  expect(r.headers['x-content-type-options'], `${what}: x-content-type-options`).toBe('nosniff');
  expect(r.headers['referrer-policy'], `${what}: referrer-policy`).toBe('same-origin');
  expect(r.headers['x-frame-options'], `${what}: x-frame-options`).toBe('DENY');
}

describeEachDatabase(
  'security headers',
  (h) => {
    let owner: Person;
    let projectId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;

    it('are on API answers and on every kind of error', async () => {
      owner = await h().person('Olga');
      projectId = await h().project(owner, 'HDRS');
      expectSecured(await h().app.inject({ method: 'GET', url: '/api/v1/health' }), 'health');
      expectSecured(await h().as(owner, { method: 'GET', url: url('') }), 'a project');
      expectSecured(await h().app.inject({ method: 'GET', url: '/api/openapi.json' }), 'the OpenAPI document');
      const unknown = await h().app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
      expect(unknown.statusCode).toBe(404);
      expectSecured(unknown, 'an unknown route');
      const anonymous = await h().app.inject({ method: 'GET', url: '/api/v1/auth/me' });
      expect(anonymous.statusCode).toBe(401);
      expectSecured(anonymous, 'not signed in');
      const badJson = await h().as(owner, { method: 'POST', url: url('/scenes'), headers: { 'content-type': 'application/json' }, payload: '{"heading":' });
      expect(badJson.statusCode).toBe(400);
      expectSecured(badJson, 'malformed JSON');
      const crossSite = await h().as(owner, { method: 'POST', url: url('/scenes'), headers: { origin: 'http://evil.example' }, payload: { heading: 'INT. X - DAY' } });
      expect(crossSite.statusCode).toBe(403);
      expectSecured(crossSite, 'a cross-site write');
    });

    it('are on the web UI: the page, a client route and a built file', async () => {
      const app = await buildApp(h().container, { webDir });
      try {
        const page = await app.inject({ method: 'GET', url: '/' });
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expectSecured(page, 'the index page');
        expectSecured(await app.inject({ method: 'GET', url: '/projects/abc/shots' }), 'a client route');
        const script = await app.inject({ method: 'GET', url: '/assets/app-1.js' });
        expect(script.statusCode).toBe(200);
        expectSecured(script, 'a built script');
        expectSecured(await app.inject({ method: 'GET', url: '/assets/missing.js' }), 'a missing file');
      } finally {
        await app.close();
      }
    });

    it('are on stored media, typed by content whatever the upload claimed', async () => {
      const asset = await h().as(owner, { method: 'POST', url: url('/assets'), payload: { kind: 'location', name: 'YARD' } });
      // The picture is a PNG sent as a JPEG named .jpg.
      const { body, contentType } = multipart([['main', 'yard.jpg', media.png, 'image/jpeg']]);
      const up = await h().as(owner, { method: 'POST', url: url(`/assets/${asset.json().id}/versions`), headers: { 'content-type': contentType }, payload: body });
      expect(up.statusCode, up.body).toBe(201);
      const detail = (await h().as(owner, { method: 'GET', url: url(`/assets/${asset.json().id}`) })).json();
      const fileUrl = detail.versions[0].files[0].url as string;
      const whole = await h().as(owner, { method: 'GET', url: fileUrl });
      expect(whole.statusCode).toBe(200);
      expect(whole.headers['content-type']).toBe('image/png');
      expectSecured(whole, 'a stored picture');
      const part = await h().as(owner, { method: 'GET', url: fileUrl, headers: { range: 'bytes=0-9' } });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-type']).toBe('image/png');
      expectSecured(part, 'a byte range');
      const download = await h().as(owner, { method: 'GET', url: `${fileUrl}?download=1` });
      expect(download.headers['content-type']).toBe('image/png');
      expectSecured(download, 'a download');
      const outside = await h().as(owner, { method: 'GET', url: fileUrl, headers: { range: 'bytes=999999-' } });
      expect(outside.statusCode).toBe(416);
      expectSecured(outside, 'a range outside the file');
    });

    it('are on take media, typed by the clip itself when the provider claims another type', async () => {
      await h().as(owner, { method: 'PATCH', url: url(''), payload: { generation: { requireLocked: false } } });
      await h().container.store.transaction((tx) =>
        tx.prices.upsert({ currency: 'USD', provider: 'fal', model: 'ok', unit: 'seconds', perQuantity: 1, priceMicros: 0, updatedAt: new Date().toISOString() }),
      );
      const scene = await h().as(owner, { method: 'POST', url: url('/scenes'), payload: { heading: 'EXT. YARD - DAY' } });
      const shot = await h().as(owner, {
        method: 'POST',
        url: url(`/scenes/${scene.json().id}/shots`),
        payload: { plan: { job: 'See the yard', subjectAction: 'Rain on the gravel.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Rain readable'], targetFrames: 24 } },
      });
      const asked = await h().as(owner, { method: 'POST', url: url(`/shots/${shot.json().id}/takes`), payload: { provider: 'fal', model: 'ok' } });
      expect(asked.statusCode, asked.body).toBe(201);
      const takeId = asked.json().takes[0].id as string;
      h().container.startWorker();
      const take = await waitFor(
        async () => (await h().as(owner, { method: 'GET', url: url(`/takes/${takeId}`) })).json(),
        (t) => ['succeeded', 'failed'].includes(t.status),
        30_000,
      );
      expect(take.status, JSON.stringify(take.error)).toBe('succeeded');
      const original = await h().as(owner, { method: 'GET', url: take.media.original });
      expect(original.statusCode).toBe(200);
      expect(original.headers['content-type']).toBe('video/mp4');
      expectSecured(original, "a take's original");
      const poster = await h().as(owner, { method: 'GET', url: take.media.poster });
      expect(poster.headers['content-type']).toBe('image/jpeg');
      expectSecured(poster, "a take's poster");
    });
  },
  { providers: [lyingProvider] },
);

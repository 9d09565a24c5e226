/**
 * The reference library over HTTP, on SQLite and PostgreSQL with disk storage (and S3 in its own
 * suite): uploads decided by content, versions and locks, clearance and consent, media to members
 * with Range, references on shots, and a shot flagged when a consent expires.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { createTestClock, DAY } from '../../test/clock.ts';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';

const media = makeTestMedia();
const clock = createTestClock(Date.parse('2026-11-27T09:00:00Z'));

describeEachDatabase(
  'references',
  (h) => {
    let owner: Person, producer: Person, director: Person, editor: Person, viewer: Person, outsider: Person;
    let projectId = '';
    let annaId = '';
    const url = (path: string) => `/api/v1/projects/${projectId}${path}`;
    const upload = (who: Person, assetId: string, files: [string, string, Buffer, string][], fields: [string, string][] = []) => {
      const { body, contentType } = multipart(files, fields);
      return h().as(who, { method: 'POST', url: url(`/assets/${assetId}/versions`), headers: { 'content-type': contentType }, payload: body });
    };

    it('uploads a character sheet whose views are checked by content, with previews', async () => {
      [owner, producer, director, editor, viewer, outsider] = await Promise.all(['Olga', 'Pablo', 'Dora', 'Eddie', 'Vera', 'Otto'].map((n) => h().person(n)));
      projectId = await h().project(owner, 'REFS', [
        [producer, 'producer'],
        [director, 'director'],
        [editor, 'editor'],
        [viewer, 'viewer'],
      ]);
      await h().project(outsider, 'OTHER');
      const created = await h().as(director, { method: 'POST', url: url('/assets'), payload: { kind: 'character', name: 'ANNA', flags: ['likeness'], tags: ['lead'] } });
      expect(created.statusCode).toBe(201);
      annaId = created.json().id;
      const r = await upload(
        director,
        annaId,
        [
          ['front', 'anna-front.png', media.png, 'image/png'],
          ['side', 'anna-side.jpg', media.jpeg, 'image/jpeg'],
        ],
        [['note', 'first look']],
      );
      expect(r.statusCode).toBe(201);
      expect(r.json().version).toBe(1);
      const detail = (await h().as(editor, { method: 'GET', url: url(`/assets/${annaId}`) })).json();
      const files = detail.versions[0].files;
      expect(files.map((f: { view: string; mediaType: string; width: number; height: number }) => [f.view, f.mediaType, f.width, f.height])).toEqual([
        ['front', 'image/png', 160, 90],
        ['side', 'image/jpeg', 120, 160],
      ]);
      expect(files[0].sha256).toBe(createHash('sha256').update(media.png).digest('hex'));
      expect(detail.asset.thumbnailUrl).toMatch(/\/media\/[0-9a-f]{64}$/);
      const thumb = await h().as(editor, { method: 'GET', url: detail.asset.thumbnailUrl });
      expect(thumb.statusCode).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/jpeg');
    });

    it('refuses a text file named like a picture, and audio for a character, keeping nothing', async () => {
      const renamed = await upload(director, annaId, [['main', 'anna.png', media.text, 'image/png']]);
      expect(renamed.statusCode).toBe(415);
      expect(renamed.json().error).toMatchObject({ code: 'media.unsupported', field: 'file' });
      const audio = await upload(director, annaId, [['main', 'anna.wav', media.wav, 'audio/wav']]);
      expect(audio.statusCode).toBe(422);
      expect(audio.json().error.code).toBe('media.mismatch');
      expect(audio.json().error.message).toMatch(/character reference/);
      const sheet = await upload(director, annaId, [
        ['front', 'good.png', media.png, 'image/png'],
        ['back', 'notes.png', media.text, 'image/png'],
      ]);
      expect(sheet.statusCode).toBe(415);
      expect(sheet.json().error).toMatchObject({ field: 'back' });
      expect(sheet.json().error.message).toMatch(/^notes\.png \(back\): /);
      const detail = (await h().as(director, { method: 'GET', url: url(`/assets/${annaId}`) })).json();
      expect(detail.asset.currentVersion).toBe(1);
      const empty = (await h().as(director, { method: 'POST', url: url('/assets'), payload: { kind: 'prop', name: 'Nothing yet' } })).json();
      expect((await h().as(director, { method: 'DELETE', url: url(`/assets/${empty.id}`) })).statusCode).toBe(200);
      const kept = await h().as(director, { method: 'DELETE', url: url(`/assets/${annaId}`) });
      expect(kept.statusCode).toBe(409);
      expect(kept.json().error.code).toBe('asset.has_versions');
      const textSha = createHash('sha256').update(media.text).digest('hex');
      expect(await h().container.services.media.stat(textSha)).toBeUndefined();
    });

    it('serves media to members only, with byte ranges, and audits downloads of originals', async () => {
      const sha = createHash('sha256').update(media.png).digest('hex');
      const mediaUrl = url(`/media/${sha}`);
      expect((await h().as(viewer, { method: 'GET', url: mediaUrl })).statusCode).toBe(403);
      expect((await h().as(outsider, { method: 'GET', url: mediaUrl })).statusCode).toBe(404);
      expect((await h().as(undefined, { method: 'GET', url: mediaUrl })).statusCode).toBe(401);
      const part = await h().as(editor, { method: 'GET', url: mediaUrl, headers: { range: 'bytes=8-23' } });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 8-23/${media.png.length}`);
      expect(part.rawPayload.equals(media.png.subarray(8, 24))).toBe(true);
      const tail = await h().as(editor, { method: 'GET', url: mediaUrl, headers: { range: 'bytes=-10' } });
      expect(tail.rawPayload.equals(media.png.subarray(media.png.length - 10))).toBe(true);
      expect((await h().as(editor, { method: 'GET', url: mediaUrl, headers: { range: `bytes=${media.png.length}-` } })).statusCode).toBe(416);
      const whole = await h().as(editor, { method: 'GET', url: `${mediaUrl}?download=1` });
      expect(whole.rawPayload.equals(media.png)).toBe(true);
      expect(whole.headers['content-disposition']).toMatch(/^attachment; filename="anna-front\.png"/);
      const audit = (await h().as(owner, { method: 'GET', url: url('/audit?limit=1') })).json();
      expect(audit.events[0].action).toBe('media.downloaded');
      // A blob of another project is not reachable through this one.
      const other = (await h().as(outsider, { method: 'GET', url: '/api/v1/projects' })).json().projects[0].id;
      expect((await h().as(outsider, { method: 'GET', url: `/api/v1/projects/${other}/media/${sha}` })).statusCode).toBe(404);
    });

    it('locks a version; clearance and consent need a producer', async () => {
      const lock = await h().as(director, { method: 'POST', url: url(`/assets/${annaId}/lock`), payload: { version: 1 } });
      expect(lock.json().lockedVersion).toBe(1);
      const denied = await h().as(director, { method: 'POST', url: url(`/assets/${annaId}/clearance`), payload: { clearance: 'cleared', reason: 'signed' } });
      expect(denied.statusCode).toBe(403);
      const cleared = await h().as(producer, { method: 'POST', url: url(`/assets/${annaId}/clearance`), payload: { clearance: 'cleared', reason: 'Release signed by Anna Berg' } });
      expect(cleared.json()).toMatchObject({ clearance: 'cleared', rights: { atRisk: true } }); // a likeness, no consent yet
      const { body, contentType } = multipart(
        [['document', 'release.pdf', Buffer.from('%PDF-1.4 signed release'), 'application/pdf']],
        [
          ['person', 'Anna Berg'],
          ['scope', 'Likeness in previs and final shots of this project'],
          ['expiresOn', '2026-11-30'],
        ],
      );
      const consent = await h().as(producer, { method: 'POST', url: url(`/assets/${annaId}/consents`), headers: { 'content-type': contentType }, payload: body });
      expect(consent.statusCode).toBe(201);
      expect(consent.json().asset.rights).toEqual({ atRisk: false, reasons: [] });
      const detail = (await h().as(producer, { method: 'GET', url: url(`/assets/${annaId}`) })).json();
      expect(detail.clearanceHistory[0]).toMatchObject({ from: 'uncleared', to: 'cleared', reason: 'Release signed by Anna Berg', by: 'Pablo' });
      expect(detail.consents[0]).toMatchObject({ person: 'Anna Berg', expiresOn: '2026-11-30', hasDocument: true, expired: false });
      const release = await h().as(producer, { method: 'GET', url: detail.consents[0].documentUrl });
      expect(release.rawPayload.toString()).toBe('%PDF-1.4 signed release');
    });

    it('attaches references to a shot plan, and flags the shot when the consent expires', async () => {
      const scene = await h().container.services.scenes.create({ accountId: owner.id, name: owner.name }, projectId, { heading: 'INT. STUDIO - DAY', beat: '', excerpt: '', characters: [] });
      const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: {} })).json();
      const set = await h().as(director, {
        method: 'PUT',
        url: url(`/shots/${shot.id}/references`),
        payload: { references: [{ assetId: annaId, version: 1, role: 'character' }], baseVersion: shot.planVersion },
      });
      expect(set.statusCode).toBe(200);
      expect(set.json().planVersion).toBe(2);
      expect(set.json().references[0]).toMatchObject({ name: 'ANNA', version: 1, role: 'character', lockedVersion: 1, clearance: 'cleared' });
      const fresh = (await h().as(editor, { method: 'GET', url: url(`/shots/${shot.id}`) })).json();
      expect(fresh.rights).toEqual({ atRisk: false, reasons: [], notes: [] });
      expect((await h().as(editor, { method: 'GET', url: url(`/assets/${annaId}`) })).json().usage).toEqual([{ shotId: shot.id, code: shot.code, version: 1, role: 'character' }]);

      clock.advance(3 * DAY); // the consent's last day: still covered
      try {
        expect((await h().as(editor, { method: 'GET', url: url(`/shots/${shot.id}`) })).json().rights.atRisk).toBe(false);
        clock.advance(DAY); // 2026-12-01: expired
        const later = (await h().as(editor, { method: 'GET', url: url(`/shots/${shot.id}`) })).json();
        expect(later.rights).toMatchObject({ atRisk: true, reasons: ["Anna Berg's consent for ANNA expired on 2026-11-30"] });
        const listed = (await h().as(editor, { method: 'GET', url: url('/assets?kind=character') })).json().assets;
        expect(listed[0].rights.atRisk).toBe(true);
        expect((await h().as(editor, { method: 'GET', url: url('/shots') })).json().shots[0].rights.atRisk).toBe(true);
      } finally {
        clock.advance(-4 * DAY);
      }
    });
  },
  { clock },
);

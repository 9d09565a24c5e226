/**
 * Uploads that go wrong on the wire, over a real socket on SQLite and PostgreSQL: a body cut short
 * of its declared length is a 400, not a 500, and too many files is a 400 naming the field and the
 * limit; neither records anything or leaves a staged file behind.
 */
import { existsSync, readdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { connect } from 'node:net';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createServerLogger } from '../admin/serve.command.ts';
import { describeEachDatabase, ORIGIN, type Person } from '../../test/harness.ts';
import { makeTestMedia, multipart } from '../../test/media.ts';
import { waitFor } from '../../test/wait.ts';

const media = makeTestMedia();
let log = '';
const logger = createServerLogger('info', new Writable({ write: (chunk, _enc, done) => void ((log += chunk.toString()), done()) }));
/** Log lines of requests that ended in a 500 or an unexpected error. */
const failures = () => log.split('\n').filter((l) => l.includes('"status":500') || l.includes('unexpected error'));

interface RawAnswer {
  status: number;
  body: string;
}

/** A request written by hand on a socket: its headers announce `contentLength` bytes of body, whatever is then sent. */
function openRaw(port: number, path: string, headers: Record<string, string>, contentLength: number) {
  const socket = connect(port, '127.0.0.1');
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
  socket.write([`POST ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close', `content-length: ${contentLength}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n'));
  return { socket, answer };
}

/** Sends a whole request by hand and reads the answer. */
function sendRaw(port: number, path: string, headers: Record<string, string>, body: Buffer): Promise<RawAnswer> {
  const { socket, answer } = openRaw(port, path, headers, body.length);
  socket.write(body);
  return answer;
}

/** The JSON error of an answer whose body may be sent in chunks. */
function errorOf(answer: RawAnswer): { code: string; message: string; field?: string } {
  const start = answer.body.indexOf('{');
  const end = answer.body.lastIndexOf('}');
  return JSON.parse(answer.body.slice(start, end + 1)).error;
}

describeEachDatabase(
  'uploads on the wire',
  (h) => {
    let owner: Person;
    let projectId = '';
    let assetId = '';
    let port = 0;
    const versionsUrl = () => `/api/v1/projects/${projectId}/assets/${assetId}/versions`;
    const headers = (contentType: string) => ({ 'content-type': contentType, cookie: `backlot_session=${owner.cookie}`, origin: ORIGIN });
    const versions = async () => (await h().as(owner, { method: 'GET', url: `/api/v1/projects/${projectId}/assets/${assetId}` })).json().versions;
    /** Files left in the upload staging folder (each process stages in a folder of its own). */
    const staged = () => {
      const dir = join(h().testDb.dataDir, 'tmp', 'uploads');
      return existsSync(dir)
        ? readdirSync(dir, { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => e.name)
        : [];
    };

    it('sets up a reference to upload to', async () => {
      owner = await h().person('Olga');
      projectId = await h().project(owner, 'WIRE');
      const asset = await h().as(owner, { method: 'POST', url: `/api/v1/projects/${projectId}/assets`, payload: { kind: 'location', name: 'DOCK' } });
      assetId = asset.json().id;
      await h().app.listen({ host: '127.0.0.1', port: 0 });
      port = (h().app.server.address() as { port: number }).port;
    });

    it('answers a body cut short of its length with 400, keeping nothing', async () => {
      const { body, contentType } = multipart([['main', 'dock.png', media.png, 'image/png']], [['note', 'first look']]);
      // Half the body (the file is most of it), then the client stops sending, once the server is storing the file.
      const { socket, answer: answered } = openRaw(port, versionsUrl(), headers(contentType), body.length);
      socket.write(body.subarray(0, Math.floor(body.length / 2)));
      await waitFor(
        async () => staged().length,
        (n) => n > 0,
        5_000,
      );
      socket.end();
      const answer = await answered;
      expect(answer.status, answer.body).toBe(400);
      expect(errorOf(answer).code).toBe('request.invalid');
      // The server drops the half-stored file, then refuses the request: never an unexpected error.
      await waitFor(
        async () => staged().length,
        (n) => n === 0,
        5_000,
      );
      expect(await versions()).toEqual([]);
      expect(failures()).toEqual([]);
    });

    it('answers thirteen files with 400 naming the field and the limit, keeping nothing', async () => {
      const files = Array.from({ length: 13 }, (_, i): [string, string, Buffer, string] => [`view${i + 1}`, `dock-${i + 1}.png`, media.png, 'image/png']);
      const { body, contentType } = multipart(files);
      const answer = await sendRaw(port, versionsUrl(), headers(contentType), body);
      expect(answer.status, answer.body).toBe(400);
      expect(errorOf(answer)).toEqual({ code: 'request.invalid', message: 'file: at most 12 files in one upload', field: 'file' });
      expect(await versions()).toEqual([]);
      expect(staged()).toEqual([]);
    });

    it('still takes a whole upload on the same server', async () => {
      const { body, contentType } = multipart([['main', 'dock.png', media.png, 'image/png']]);
      const answer = await sendRaw(port, versionsUrl(), headers(contentType), body);
      expect(answer.status, answer.body).toBe(201);
      expect((await versions()).length).toBe(1);
      expect(failures()).toEqual([]);
    });
  },
  { app: { logger } },
);

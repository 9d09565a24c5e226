/**
 * The presenter's state crosses server processes, on SQLite and PostgreSQL: this test's own
 * Backlot and a `backlot-server serve` child share one database; a change posted to one reaches an
 * attendee's event stream held by the other (through the outbox or NOTIFY, never process memory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase, type Person } from '../../test/harness.ts';
import { SERVER_BIN, workerEnv } from '../../test/worker-process.ts';
import { newTakeRecord } from '../services/generate/take-record.ts';

const PLAN = { job: 'Cover the scene', subjectAction: 'Mara waits.', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['Mara readable'], targetFrames: 12 };

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** Reads Server-Sent Events from a byte stream, collecting each event's name and data. */
function collect(stream: AsyncIterable<Uint8Array | string>, into: { event: string; data: Record<string, unknown> }[]): { opened: () => boolean } {
  let opened = false;
  void (async () => {
    let buffer = '';
    for await (const chunk of stream) {
      // The stream subscribes before its first bytes (": connected") go out.
      opened = true;
      buffer += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name && data) into.push({ event: name, data: JSON.parse(data) });
      }
    }
  })().catch(() => {});
  return { opened: () => opened };
}

async function until(ok: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGTERM');
      await new Promise((ok) => c.once('exit', ok));
    }
  }
});

describeEachDatabase('the presenter across server processes', (h) => {
  let director: Person, viewer: Person;
  let projectId = '';
  let sessionId = '';
  let items: { id: string }[] = [];
  let other = '';

  it('starts a second server on the same database, and a session of two takes', { timeout: 90_000 }, async () => {
    [director, viewer] = await Promise.all(['Dora', 'Vera'].map((x) => h().person(x)));
    projectId = await h().project(director, 'XPR', [[viewer, 'viewer']]);
    const url = (p: string) => `/api/v1/projects/${projectId}${p}`;
    const scene = (await h().as(director, { method: 'POST', url: url('/scenes'), payload: { heading: 'INT. BAY - NIGHT' } })).json();
    const shot = (await h().as(director, { method: 'POST', url: url(`/scenes/${scene.id}/shots`), payload: { plan: PLAN } })).json();
    const takeIds = ['019d0000-0000-7000-8000-000000000201', '019d0000-0000-7000-8000-000000000202'];
    for (const [i, id] of takeIds.entries()) {
      await h().container.store.transaction((tx) =>
        tx.takes.insert(
          newTakeRecord(
            {
              id,
              projectId,
              shotId: shot.id,
              number: i + 1,
              provider: 'previs',
              model: 'previs-animatic',
              planVersion: 1,
              currency: 'USD',
              requestedBy: director.id,
              requestedByName: 'Dora',
              status: 'succeeded',
              step: 'done',
              review: 'selected',
            },
            '2026-03-01T00:00:00.000Z',
          ),
        ),
      );
    }
    const s = await h().as(director, { method: 'POST', url: url('/dailies'), payload: { title: 'Across', source: { kind: 'takes', takeIds }, attendeeIds: [viewer.id] } });
    expect(s.statusCode, s.body).toBe(201);
    sessionId = s.json().session.id;
    items = s.json().items;

    const port = await freePort();
    other = `http://127.0.0.1:${port}`;
    const env = workerEnv(h().testDb, h().dialect, { BACKLOT_HOST: '127.0.0.1', BACKLOT_PORT: String(port), BACKLOT_PUBLIC_URL: other, BACKLOT_WORKER: 'false', BACKLOT_LOG_LEVEL: 'warn' });
    const child = spawn(process.execPath, [SERVER_BIN, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`second server exited: ${err}`);
      const ok = await fetch(`${other}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`second server did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  it('delivers a presenter change posted to the other server to a viewer’s stream held by this one, and back', { timeout: 60_000 }, async () => {
    // The viewer listens here.
    const abort = new AbortController();
    const here = await h().as(viewer, { method: 'GET', url: `/api/v1/projects/${projectId}/events`, payloadAsStream: true, signal: abort.signal });
    expect(here.statusCode).toBe(200);
    const seenHere: { event: string; data: Record<string, unknown> }[] = [];
    collect(here.stream(), seenHere);

    // The director presents on the other server (signed in there, the same account in the same database).
    const signIn = await fetch(`${other}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: other },
      body: JSON.stringify({ email: director.email, password: director.password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const posted = await fetch(`${other}/api/v1/projects/${projectId}/dailies/${sessionId}/presenter`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: other, cookie },
      body: JSON.stringify({ itemId: items[1].id, playing: true, frame: 7, layout: 'wipe', compareItemId: items[0].id, wipe: 0.3 }),
    });
    expect(posted.status, await posted.clone().text()).toBe(200);
    await until(() => seenHere.some((e) => e.event === 'dailies.presenter'), 10_000, 'the presenter event on this server');
    const state = seenHere.find((e) => e.event === 'dailies.presenter')!.data.state as Record<string, unknown>;
    expect(state).toMatchObject({ seq: 1, itemId: items[1].id, playing: true, frame: 7, layout: 'wipe', compareItemId: items[0].id, wipe: 0.3, presenter: { name: 'Dora' } });

    // And the other way: the viewer follows on the other server; the director presents here.
    const vSignIn = await fetch(`${other}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: other },
      body: JSON.stringify({ email: viewer.email, password: viewer.password }),
    });
    const vCookie = vSignIn.headers.get('set-cookie')!.split(';')[0];
    const otherAbort = new AbortController();
    const there = await fetch(`${other}/api/v1/projects/${projectId}/events`, { headers: { cookie: vCookie }, signal: otherAbort.signal });
    expect(there.status).toBe(200);
    const seenThere: { event: string; data: Record<string, unknown> }[] = [];
    const thereStream = collect(there.body! as unknown as AsyncIterable<Uint8Array>, seenThere);
    await until(thereStream.opened, 10_000, 'the other server’s stream to open');
    const local = await h().as(director, { method: 'POST', url: `/api/v1/projects/${projectId}/dailies/${sessionId}/presenter`, payload: { itemId: items[0].id, playing: false, frame: 20 } });
    expect(local.statusCode, local.body).toBe(200);
    await until(() => seenThere.some((e) => e.event === 'dailies.presenter'), 10_000, 'the presenter event on the other server');
    expect(seenThere.find((e) => e.event === 'dailies.presenter')!.data.state).toMatchObject({ seq: 2, itemId: items[0].id, playing: false, frame: 20, layout: 'single' });
    abort.abort();
    otherAbort.abort();
  });
  it('stops when told (SIGTERM) with a member’s event stream still open, ending the stream, within seconds', { timeout: 30_000 }, async () => {
    const child = children.at(-1)!;
    const signIn = await fetch(`${other}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: other },
      body: JSON.stringify({ email: viewer.email, password: viewer.password }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const open = await fetch(`${other}/api/v1/projects/${projectId}/events`, { headers: { cookie } });
    expect(open.status).toBe(200);
    let ended = false;
    const reading = (async () => {
      for await (const _ of open.body! as unknown as AsyncIterable<Uint8Array>);
      ended = true;
    })().catch(() => {
      ended = true;
    });
    // A browser tab left open on the project must not keep an operator's stop (or a restart) waiting.
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'still running'>((ok) => setTimeout(() => ok('still running'), 10_000))]);
    expect(code).toBe(0);
    await reading;
    expect(ended).toBe(true);
  });
});

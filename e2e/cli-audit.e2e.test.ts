/** `backlot audit verify` and `backlot audit checkpoint`: every bad event reported with a count, and a checkpoint that shows the newest events deleted. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

describe('the audit commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'backlot-cli-audit-'));
  const env = { BACKLOT_DATA_DIR: dataDir };
  const checkpointFile = join(dataDir, 'checkpoint.json');
  const sqlite = () => new Database(join(dataDir, 'backlot.sqlite'));
  let server: RunningServer | undefined;

  beforeAll(async () => {
    const admin = await backlot(['user', 'create', '--email', 'ada@example.com', '--name', 'Ada Admin', '--admin', '--password-stdin'], { env, input: 'a-long-password-1\n' });
    expect(admin.code).toBe(0);
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'ada@example.com', '--name', 'scripts', '--json'], { env })).stdout).secret as string;
    server = await startServer({ dataDir });
    const call = (method: string, path: string, body: unknown) =>
      fetch(`${server!.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await call('POST', '/projects', { name: 'Night Shift', code: 'NIGHT' });
    expect(created.status).toBe(201);
    const projectId = (await created.json()).project.id as string;
    // Six events on the project's chain: created, then five renames.
    for (let i = 1; i <= 5; i++) expect((await call('PATCH', `/projects/${projectId}`, { name: `Night Shift ${i}` })).status).toBe(200);
    await server.stop();
    server = undefined;
  });

  afterAll(async () => {
    await server?.stop();
    removeDataDir(dataDir);
  });

  it('prints a checkpoint, or writes it to a file, and verifies against it while nothing has changed', async () => {
    const printed = await backlot(['audit', 'checkpoint', '--project', 'night'], { env });
    expect(printed.code).toBe(0);
    expect(printed.stderr).toContain('working on the database directly: sqlite');
    const doc = JSON.parse(printed.stdout);
    expect(doc).toMatchObject({ kind: 'backlot.audit-checkpoint', version: 1, takenBy: 'Backlot' });
    expect(doc.chains).toEqual([{ chain: expect.stringMatching(/^project:/), label: 'project NIGHT', count: 6, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);

    const written = await backlot(['audit', 'checkpoint', '--out', checkpointFile], { env });
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^Checkpoint of 2 chains \(\d+ events\) written to /);
    expect(written.stdout).toMatch(/project NIGHT: 6 events, last hash [0-9a-f]{64}/);
    const file = JSON.parse(readFileSync(checkpointFile, 'utf8'));
    expect(file.chains.map((c: { label: string }) => c.label).sort()).toEqual(['instance', 'project NIGHT']);

    const ok = await backlot(['audit', 'verify', '--checkpoint', checkpointFile], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ok   project NIGHT: extends the checkpoint (6 events then, 6 now)');
    expect(ok.stdout).toMatch(/ok {3}instance: extends the checkpoint/);
  });

  it('names the chain whose newest events were deleted and head rewritten, which plain verify cannot see', async () => {
    const db = sqlite();
    const chain = (db.prepare("select chain from audit_heads where chain like 'project:%'").get() as { chain: string }).chain;
    db.prepare('delete from audit_events where chain = ? and seq > 3').run(chain);
    const last = db.prepare('select hash from audit_events where chain = ? and seq = 3').get(chain) as { hash: string };
    db.prepare('update audit_heads set count = 3, last_hash = ? where chain = ?').run(last.hash, chain);
    db.close();

    const plain = await backlot(['audit', 'verify', '--project', 'NIGHT'], { env });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('ok   project NIGHT: 3 events');

    const against = await backlot(['audit', 'verify', '--checkpoint', checkpointFile], { env });
    expect(against.code).toBe(1);
    expect(against.stdout).toContain(`BAD  project NIGHT (${chain}): does not extend the checkpoint`);
    expect(against.stdout).toMatch(/event 6, the last one the checkpoint recorded, is gone: events were deleted since /);
    expect(against.stdout).toContain('1 of 2 chains do not extend the checkpoint.');
    expect(against.stdout).toMatch(/ok {3}instance: extends the checkpoint/);

    const json = JSON.parse((await backlot(['audit', 'verify', '--checkpoint', checkpointFile, '--json'], { env })).stdout);
    expect(json).toMatchObject({ ok: false, badCount: 1 });
    expect(json.chains.filter((c: { ok: boolean }) => !c.ok).map((c: { label: string }) => c.label)).toEqual(['project NIGHT']);
  });

  it('reports every bad event with a count, not only the first', async () => {
    const db = sqlite();
    db.prepare("update audit_events set summary = 'nothing to see' where chain = 'instance' and seq = 1").run();
    db.prepare("update audit_events set actor_name = 'Someone Else' where chain = 'instance' and seq = 3").run();
    db.close();
    const r = await backlot(['audit', 'verify', '--instance'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^BAD {2}instance: 2 bad events in \d+\n/);
    expect(r.stdout).toMatch(/ {7}#1: event 1 \(.+\) was changed after it was written\n/);
    expect(r.stdout).toMatch(/ {7}#3: event 3 \(.+\) was changed after it was written\n/);
    expect(r.stdout).toContain('2 bad events in 1 of 1 chain.');
    const json = JSON.parse((await backlot(['audit', 'verify', '--instance', '--json'], { env })).stdout);
    expect(json.chains[0]).toMatchObject({ ok: false, badCount: 2, firstBadSeq: 1 });
    expect(json.chains[0].problems.map((p: { seq: number }) => p.seq)).toEqual([1, 3]);
  });

  it('refuses a file that is not a checkpoint, naming it', async () => {
    const r = await backlot(['audit', 'verify', '--checkpoint', join(dataDir, 'backlot.sqlite')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/checkpoint: .*backlot\.sqlite is not JSON/);
  });
});

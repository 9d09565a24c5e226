/** The `backlot` command: operator commands on the database, everyday commands through a running server. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer, type RunningServer } from './support/server.ts';

describe('the backlot command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'backlot-cli-'));
  const env = { BACKLOT_DATA_DIR: dataDir };
  let server: RunningServer;
  let adminToken: string;

  afterAll(async () => {
    await server?.stop();
    removeDataDir(dataDir);
  });

  it('creates the instance admin on the database directly, and says so', async () => {
    const r = await backlot(['user', 'create', '--email', 'ada@example.com', '--name', 'Ada Admin', '--admin', '--password-stdin'], { env, input: 'a-long-password-1\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created ada@example.com (instance admin)');
    expect(r.stderr).toContain('working on the database directly: sqlite');
  });

  it('refuses bad input with a message naming the field, and changes nothing', async () => {
    const bad = await backlot(['user', 'create', '--email', 'not-an-email', '--name', 'X'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/email: must be an email address/);
    const dup = await backlot(['user', 'create', '--email', 'ADA@example.com', '--name', 'Other', '--password-stdin'], { env, input: 'another-password-1\n' });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    const short = await backlot(['user', 'create', '--email', 'sam@example.com', '--name', 'Sam', '--password-stdin'], { env, input: 'short\n' });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password: must be at least 10 characters/);
  });

  it('creates an API token, printed once', async () => {
    const r = await backlot(['token', 'create', '--email', 'ada@example.com', '--name', 'scripts', '--json'], { env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.secret).toMatch(/^blt_/);
    adminToken = out.secret;
  });

  describe('with a running server', () => {
    beforeAll(async () => {
      server = await startServer({ dataDir });
    });

    it('authenticates with the token and works through the API', async () => {
      const remote = { ...env, BACKLOT_URL: server.url, BACKLOT_TOKEN: adminToken };
      const who = await backlot(['whoami'], { env: remote });
      expect(who.code).toBe(0);
      expect(who.stdout).toContain('Ada Admin <ada@example.com> (instance admin)');
      expect(who.stderr).toContain(`via the server at ${server.url}`);

      const empty = await backlot(['projects', 'list'], { env: remote });
      expect(empty.stdout).toMatch(/No projects yet/);

      const created = await backlot(['projects', 'create', '--name', 'Night Shift', '--code', 'NIGHT', '--rate', '24000/1001', '--resolution', '2048x858', '--budget', '25000'], { env: remote });
      expect(created.code).toBe(0);
      expect(created.stdout).toContain('Created NIGHT “Night Shift” (24000/1001, 2048x858)');

      const list = await backlot(['projects', 'list', '--json'], { env: remote });
      const projects = JSON.parse(list.stdout);
      expect(projects.map((p: { code: string; myRole: string }) => [p.code, p.myRole])).toEqual([['NIGHT', 'owner']]);

      const members = await backlot(['projects', 'members', 'night'], { env: remote });
      expect(members.stdout).toMatch(/Ada Admin\s+ada@example.com\s+owner/);
    });

    it('names the field when the server refuses, with the right exit code', async () => {
      const remote = { ...env, BACKLOT_URL: server.url, BACKLOT_TOKEN: adminToken };
      const bad = await backlot(['projects', 'create', '--name', 'Bad', '--code', 'bad code'], { env: remote });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/code: must be 2–10 upper-case letters/);
      expect(bad.stderr).toContain('(field: code)');
      const revoked = await backlot(['whoami'], { env: { ...remote, BACKLOT_TOKEN: 'blt_nonsense' } });
      expect(revoked.code).toBe(4);
      expect(revoked.stderr).toMatch(/API token is not valid/);
    });

    it('prints a one-time reset link for an account', async () => {
      // The operator runs it with the server's settings, so the link points where people open Backlot.
      const r = await backlot(['user', 'reset-password', '--email', 'ada@example.com'], { env: { ...env, BACKLOT_PUBLIC_URL: server.url } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`${server.url.replace(/[.:/]/g, '\\$&')}/reset-password#token=[A-Za-z0-9_-]{40,}`));
    });
  });

  it('verifies the audit chains, and names the first bad event after tampering', async () => {
    const ok = await backlot(['audit', 'verify'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok {3}instance: \d+ events/);
    expect(ok.stdout).toMatch(/ok {3}project NIGHT: 1 events/);

    const db = new Database(join(dataDir, 'backlot.sqlite'));
    db.prepare("update audit_events set summary = 'nothing to see' where chain = 'instance' and seq = 2").run();
    db.close();

    const bad = await backlot(['audit', 'verify', '--instance', '--json'], { env });
    expect(bad.code).toBe(1);
    const out = JSON.parse(bad.stdout);
    expect(out.ok).toBe(false);
    expect(out.chains[0]).toMatchObject({ chain: 'instance', ok: false, firstBadSeq: 2 });
    expect(out.chains[0].problem).toMatch(/event 2 .* was changed/);
    const project = await backlot(['audit', 'verify', '--project', 'NIGHT'], { env });
    expect(project.code).toBe(0);
  });

  it('refuses a bad setting with a clear message', async () => {
    const r = await backlot(['migrate'], { env: { ...env, BACKLOT_DATABASE_URL: 'mysql://nope' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/BACKLOT_DATABASE_URL=\(hidden\): must be a postgres:\/\/ URL/);
  });
});

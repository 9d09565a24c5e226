/**
 * A server killed (SIGKILL) during a burst of writes comes back with every acknowledged change,
 * no change without its audit event, and every audit chain intact — on SQLite and PostgreSQL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@backlot/contracts/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgDatabase } from '../apps/server/test/databases.ts';
import { backlot } from './support/cli.ts';
import { removeDataDir, startServer } from './support/server.ts';

async function setUp(url: string): Promise<Client> {
  const setup = await fetch(`${url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', password: 'a-long-password-1' }),
  });
  const cookie = setup.headers.get('set-cookie')!.split(';')[0];
  const token = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: url },
    body: JSON.stringify({ name: 'burst' }),
  });
  return createClient({ baseUrl: url, token: (await token.json()).secret });
}

describe.each(['sqlite', 'postgres'] as const)('a crash during a burst of writes [%s]', (dialect) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'backlot-crash-'));
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await drop?.();
    removeDataDir(dataDir);
  });

  it('keeps every acknowledged write and a consistent audit chain', async () => {
    let databaseUrl: string | undefined;
    if (dialect === 'postgres') {
      const pg = await createPgDatabase();
      databaseUrl = pg.url;
      drop = pg.drop;
    }
    const first = await startServer({ dataDir, databaseUrl });
    const client = await setUp(first.url);

    // Four writers: each creates projects and edits them, until the server dies under them.
    const acknowledged = new Map<string, string>(); // code → last budget acknowledged
    const inFlight = new Map<string, string>(); // code → budget sent when the server died (it may or may not have committed)
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const code = `W${w}N${i}`;
        try {
          const { project } = await client.createProject({ body: { name: `Burst ${code}`, code, budget: '100' } });
          acknowledged.set(code, '100.00');
          inFlight.set(code, `${200 + i}.00`);
          await client.updateProject({ params: { projectId: project.id }, body: { budget: `${200 + i}` } });
          acknowledged.set(code, `${200 + i}.00`);
          inFlight.delete(code);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    // Kill once the burst is well under way (twenty projects acknowledged, the writers still writing),
    // however long a loaded machine takes to get there, rather than after a fixed time.
    let ended = 0;
    for (const w of writers) void w.then(() => ended++);
    const deadline = Date.now() + 60_000;
    while (acknowledged.size < 20 && ended === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await first.kill();
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.size).toBeGreaterThan(5);

    const second = await startServer({ dataDir, databaseUrl, port: first.port });
    try {
      const { projects } = await client.listProjects({ query: { closed: 'include' } });
      const byCode = new Map(projects.map((p) => [p.code, p]));
      // Every acknowledged project is there, with its last acknowledged budget or the one in flight when the server died.
      const lost = [...acknowledged.keys()].filter((code) => !byCode.has(code));
      expect(lost, 'acknowledged projects missing after the crash').toEqual([]);
      for (const [code, budget] of acknowledged) {
        const possible = inFlight.has(code) ? [budget, inFlight.get(code)] : [budget];
        expect(possible, `project ${code}`).toContain(byCode.get(code)!.budget);
      }
      // Every project that exists has its creation, and its last budget, in its audit chain.
      for (const p of projects) {
        const page = await client.projectAudit({ params: { projectId: p.id }, query: { limit: 10 } });
        expect(page.events.at(-1)?.action).toBe('project.created');
        if (p.budget !== '100.00') expect(page.events[0].summary).toContain(`to ${p.budget}`);
        const verify = await client.verifyProjectAudit({ params: { projectId: p.id } });
        expect(verify.ok, `${p.code}: ${verify.problem}`).toBe(true);
      }
      const verifyAll = await backlot(['audit', 'verify', '--json'], { env: second.env });
      expect(verifyAll.code).toBe(0);
      expect(JSON.parse(verifyAll.stdout).chains.length).toBe(projects.length + 1);
    } finally {
      await second.stop();
    }
  });
});

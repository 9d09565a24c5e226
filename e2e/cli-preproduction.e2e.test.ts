/** Pre-production from the command line against a running server: import a screenplay, list, show, and shot lists out and back in. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlot } from './support/cli.ts';
import { removeDataDir, ROOT, startServer, type RunningServer } from './support/server.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(ROOT, '../shared/fixtures');
const SCRIPT = join(FIXTURES, 'fountain/brick-and-steel.fountain');

describe('pre-production with the backlot command', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  const out = mkdtempSync(join(tmpdir(), 'backlot-shotlist-'));

  beforeAll(async () => {
    server = await startServer();
    const direct = { BACKLOT_DATA_DIR: server.dataDir };
    await backlot(['user', 'create', '--email', 'pat@example.com', '--name', 'Pat Producer', '--admin', '--password-stdin'], { env: direct, input: 'a-long-password-1\n' });
    const token = JSON.parse((await backlot(['token', 'create', '--email', 'pat@example.com', '--name', 'cli', '--json'], { env: direct })).stdout).secret;
    env = { BACKLOT_URL: server.url, BACKLOT_TOKEN: token };
    await backlot(['projects', 'create', '--name', 'Brick & Steel', '--code', 'BRICK'], { env });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    removeDataDir(out);
  });

  it('previews the import without writing, imports the screenplay as the white revision and reports it; a second import changes nothing', async () => {
    const preview = await backlot(['import', 'fountain', SCRIPT, '--project', 'BRICK', '--preview'], { env });
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Importing brick-and-steel.fountain (“BRICK & STEEL FULL RETIRED”) into BRICK would change:');
    expect(preview.stdout).toContain('revision: 1 (white)');
    expect(preview.stdout).toContain('Nothing was written.');
    expect((await backlot(['scenes', 'list', '--project', 'BRICK'], { env })).stdout).toContain('No scenes yet.');

    const first = await backlot(['import', 'fountain', SCRIPT, '--project', 'BRICK'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported brick-and-steel.fountain \(“BRICK & STEEL FULL RETIRED”\) into BRICK:/);
    expect(first.stdout).toContain('revision: 1 (white)');
    // Steel speaks first in the script, then Brick.
    expect(first.stdout).toMatch(/characters: \d+ new \(STEEL, BRICK, /);
    const again = await backlot(['import', 'fountain', SCRIPT, '--project', 'BRICK', '--json'], { env });
    const report = JSON.parse(again.stdout);
    expect([report.added.length, report.changed.length, report.omitted.length]).toEqual([0, 0, 0]);
    expect(report.revision).toBeNull();
    expect(report.unchanged.length).toBeGreaterThan(3);
  });

  it('lists the scenes in script order', async () => {
    const r = await backlot(['scenes', 'list', '--project', 'brick'], { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^#\s+HEADING\s+SHOTS/);
    expect(lines[1]).toMatch(/^1\s+EXT\. BRICK'S PATIO - DAY\s+0/);
  });

  it('refuses a file that is not a screenplay, naming the problem', async () => {
    const r = await backlot(['import', 'fountain', join(ROOT, 'package.json'), '--project', 'BRICK'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/screenplay\.invalid/);
    const missing = await backlot(['import', 'fountain', '/nonexistent.fountain', '--project', 'BRICK'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent.fountain: ENOENT/);
  });

  it('exports a shot list that imports back unchanged, and shows a shot', async () => {
    const client = await fetch(`${server.url}/api/v1/projects`, { headers: { authorization: `Bearer ${env.BACKLOT_TOKEN}` } });
    const [project] = (await client.json()).projects;
    const scenes = (await (await fetch(`${server.url}/api/v1/projects/${project.id}/scenes`, { headers: { authorization: `Bearer ${env.BACKLOT_TOKEN}` } })).json()).scenes;
    for (const job of ['Establish the patio', 'Steel brings the beers']) {
      await fetch(`${server.url}/api/v1/projects/${project.id}/scenes/${scenes[0].id}/shots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.BACKLOT_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ plan: { job, subjectAction: 'Brick waits', camera: { size: 'WS', movement: 'static' }, reviewCriteria: ['sun high'] } }),
      });
    }
    const file = join(out, 'brick.csv');
    const exported = await backlot(['shotlist', 'export', '--project', 'BRICK', '--format', 'csv', '-o', file], { env });
    expect(exported.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('Establish the patio');
    const imported = await backlot(['shotlist', 'import', file, '--project', 'BRICK'], { env });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('0 shots created, 0 updated, 2 unchanged, 0 rows refused');

    const shots = await backlot(['shots', 'list', '--project', 'BRICK', '--scene', '1'], { env });
    expect(shots.stdout).toMatch(/SC001_SH010\s+1\s+planned\s+WS\s+static\s+Establish the patio\s+v1\s+yes/);
    const show = await backlot(['shot', 'show', 'sc001_sh020', '--project', 'BRICK'], { env });
    expect(show.stdout).toContain('job:               Steel brings the beers');
    expect(show.stdout).toContain('ready for generation');
  });

  it('lists every scene of a script longer than one page of the API', async () => {
    await backlot(['projects', 'create', '--name', 'The Long One', '--code', 'LONG'], { env });
    const script = join(out, 'long.fountain');
    writeFileSync(script, Array.from({ length: 1201 }, (_, i) => `INT. ROOM ${i + 1} - DAY\n\nA door opens.\n`).join('\n'));
    expect((await backlot(['import', 'fountain', script, '--project', 'LONG'], { env })).code).toBe(0);
    const listed = await backlot(['scenes', 'list', '--project', 'LONG', '--json'], { env });
    expect(listed.code).toBe(0);
    const scenes = JSON.parse(listed.stdout) as { heading: string }[];
    expect(scenes).toHaveLength(1201);
    expect([scenes[500].heading, scenes[1200].heading]).toEqual(['INT. ROOM 501 - DAY', 'INT. ROOM 1201 - DAY']);
  });
  it('locks scene numbering, so a revised draft letters a new scene and keeps a cut one as OMITTED, and lists the revisions', async () => {
    await backlot(['projects', 'create', '--name', 'Numbers', '--code', 'NUMS'], { env });
    const scene = (heading: string, action: string) => `${heading}\n\n${action}\n`;
    const first = join(out, 'numbers-1.fountain');
    writeFileSync(first, [scene('INT. KITCHEN - DAY', 'Kettle boils.'), scene('EXT. YARD - DAY', 'Dog digs.'), scene('INT. ATTIC - NIGHT', 'Boxes creak.')].join('\n'));
    expect((await backlot(['import', 'fountain', first, '--project', 'NUMS'], { env })).code).toBe(0);

    const shown = await backlot(['scenes', 'numbering', '--project', 'NUMS'], { env });
    expect(shown.stdout).toContain('Scene numbers in NUMS are not locked');
    const locked = await backlot(['scenes', 'numbering', 'lock', '--project', 'NUMS'], { env });
    expect(locked.code).toBe(0);
    expect(locked.stdout).toMatch(/Scene numbers in NUMS are locked \(by Pat Producer, \d{4}-\d{2}-\d{2}\)/);
    const wrong = await backlot(['scenes', 'numbering', 'freeze', '--project', 'NUMS'], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('numbering takes lock or unlock, not freeze');

    const second = join(out, 'numbers-2.fountain');
    writeFileSync(second, [scene('INT. KITCHEN - DAY', 'Kettle boils.'), scene('INT. HALLWAY - DAY', 'Coats on hooks.'), scene('EXT. YARD - DAY', 'Dog digs.')].join('\n'));
    expect((await backlot(['import', 'fountain', second, '--project', 'NUMS'], { env })).code).toBe(0);
    const scenes = JSON.parse((await backlot(['scenes', 'list', '--project', 'NUMS', '--json'], { env })).stdout) as { number: string; heading: string; omitted: boolean }[];
    expect(scenes.map((s) => [s.number, s.heading, s.omitted])).toEqual([
      ['1', 'INT. KITCHEN - DAY', false],
      ['1A', 'INT. HALLWAY - DAY', false],
      ['2', 'EXT. YARD - DAY', false],
      ['3', 'INT. ATTIC - NIGHT', true],
    ]);

    const revisions = await backlot(['scenes', 'revisions', '--project', 'NUMS'], { env });
    expect(revisions.code).toBe(0);
    const rows = revisions.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^REV\s+COLOUR\s+DATE\s+BY\s+FILE\s+SCENES/);
    expect(rows[1]).toMatch(/^2\s+blue\s+\d{4}-\d{2}-\d{2}\s+Pat Producer\s+numbers-2\.fountain\s+/);
    expect(rows[1]).toContain('1A added');
    expect(rows[1]).toContain('3 omitted');
    expect(rows[2]).toMatch(/^1\s+white\s+.*numbers-1\.fountain\s+1 added, 2 added, 3 added$/);
    expect(rows.at(-1)).toBe('Numbering: locked');
  });
});

/**
 * The player's test hook (`window.__backlotPlayer`) is in the browser tests' build only: the
 * production build of the web UI, as `make build` and the server serve it, does not contain it at
 * all, while the test build (`vite build --mode test`) does, so the search below can find it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const WEB = resolve(import.meta.dirname, '..');
const VITE = resolve(WEB, '../../node_modules/.bin/vite');
const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'backlot-web-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every file of a build, with its text. */
function filesOf(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path) : [{ path, text: readFileSync(path, 'utf8') }];
  });
}

/** Builds the web UI in a mode into a folder of its own, and answers its files. */
async function build(mode: 'production' | 'test'): Promise<{ path: string; text: string }[]> {
  const dir = join(out, mode);
  await run(VITE, ['build', '--mode', mode, '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], { cwd: WEB });
  return filesOf(dir);
}

describe('the web build', () => {
  it('leaves the player test hook out of the production bundle', async () => {
    const files = await build('production');
    expect(files.some((f) => f.path.endsWith('.js'))).toBe(true);
    expect(files.filter((f) => f.text.includes('__backlotPlayer')).map((f) => f.path)).toEqual([]);
  });

  it('keeps it in the test build the browser tests run against', async () => {
    const files = await build('test');
    expect(files.filter((f) => f.text.includes('__backlotPlayer')).length).toBeGreaterThan(0);
  });
});

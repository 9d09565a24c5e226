/** Browser tests' shared setup: the built web UI, and Debian's Chromium driven by playwright-core. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { ROOT, WEB_TEST_DIR } from './server.ts';

const WEB = join(ROOT, 'apps/web');

/** Chromium from the OS packages (BACKLOT_CHROMIUM to use another). */
export const CHROMIUM = process.env.BACKLOT_CHROMIUM ?? '/usr/bin/chromium';

/** The newest modification time under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the web UI's test build when it is missing or older than its sources. */
export function ensureWebBuilt() {
  const index = join(WEB_TEST_DIR, 'index.html');
  const sources = Math.max(newest(join(WEB, 'src')), ...['index.html', 'vite.config.ts'].map((f) => statSync(join(WEB, f)).mtimeMs));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const built = spawnSync('npx', ['vite', 'build', '--mode', 'test'], { cwd: WEB, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
}

/** Headless Chromium with the flags a machine without outside network needs (no background fetches). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * Holds the page's requests for `url` (a take's proxy, say) until `release()`, as a slow network
 * would: what the page does while the video is still loading can be tried on purpose.
 */
export async function holdRequests(page: Page, url: string) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const continuing = new Set<Promise<void>>();
  const hold = (route: Route) => {
    const done = released.then(() => route.continue());
    continuing.add(done);
    return done;
  };
  await page.route(url, hold);
  return {
    /** Lets the held requests go on, then stops holding (once they have, so none is answered twice). */
    release: async () => {
      release();
      await Promise.all(continuing);
      await page.unroute(url, hold);
    },
  };
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeWithTable } from './config-table.ts';
import { ConfigError, loadConfig } from '../apps/server/src/config/load-config.ts';

describe('configuration', () => {
  it('the README table is the one generated from the declaration', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
    expect(readme).toBe(readmeWithTable(readme));
  });

  it('has working defaults for the embedded setup', () => {
    const c = loadConfig({});
    expect(c.server).toMatchObject({ host: '127.0.0.1', port: 4100 });
    expect(c.data).toMatchObject({ dataDir: './backlot-data', databaseUrl: undefined });
  });

  it('names every bad value at once, hiding secrets', () => {
    try {
      loadConfig({ BACKLOT_PORT: 'eighty', BACKLOT_DATABASE_URL: 'mysql://u:hunter2@h/db', BACKLOT_LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('BACKLOT_PORT="eighty": must be a whole number');
      expect(msg).toContain('BACKLOT_DATABASE_URL=(hidden): must be a postgres:// URL');
      expect(msg).toContain('BACKLOT_LOG_LEVEL="loud"');
      expect(msg).not.toContain('hunter2');
    }
  });

  it('takes the poll interval in seconds with decimals, and places per provider key as a whole number of at least 1', () => {
    expect(loadConfig({ BACKLOT_POLL_SECONDS: '0.25' }).worker.pollSeconds).toBe(0.25);
    expect(loadConfig({}).providers.concurrency).toBe(4);
    expect(loadConfig({ BACKLOT_PROVIDER_CONCURRENCY: '20' }).providers.concurrency).toBe(20);
    try {
      loadConfig({ BACKLOT_POLL_SECONDS: 'often', BACKLOT_PROVIDER_CONCURRENCY: '0' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('BACKLOT_POLL_SECONDS="often": must be a number of seconds');
      expect((e as Error).message).toContain('BACKLOT_PROVIDER_CONCURRENCY="0"');
    }
  });
});

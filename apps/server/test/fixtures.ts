/** Public test data (Fountain screenplays, OTIO, EDL, FCPXML) lives outside the repository: BACKLOT_FIXTURES_DIR, default ../shared/fixtures. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES_DIR = process.env.BACKLOT_FIXTURES_DIR ?? resolve(import.meta.dirname, '../../../../shared/fixtures');

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES_DIR, path), 'utf8');
}

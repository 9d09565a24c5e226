/** Every FCPXML version Backlot offers passes xmllint against that version's DTD. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FCPXML_VERSIONS, writeFcpxml } from './fcpxml-writer.ts';
import { R2997, R23976, threeClips } from './handoff-samples.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(import.meta.dirname, '../../../../../../shared/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'backlot-fcpxml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function xmllint(file: string, version: string): { ok: boolean; output: string } {
  const dtd = join(FIXTURES, 'fcpxml', 'dtd', `FCPXMLv${version.replace('.', '_')}.dtd`);
  try {
    const out = execFileSync('xmllint', ['--noout', '--dtdvalid', dtd, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, output: out };
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string };
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('FCPXML against the DTD of its version', () => {
  it('offers exactly 1.9 to 1.13', () => expect([...FCPXML_VERSIONS]).toEqual(['1.9', '1.10', '1.11', '1.12', '1.13']));
  for (const version of FCPXML_VERSIONS) {
    it(`version ${version} validates at 23.976 and at 29.97 drop-frame`, () => {
      for (const [label, t] of [
        ['23976', threeClips(R23976, 'ndf', 86400)],
        ['2997df', threeClips(R2997, 'df', 107892)],
      ] as const) {
        const file = join(dir, `${label}-${version}.fcpxml`);
        // A name and a note with characters XML must escape or cannot hold, to prove the escaping.
        t.clips[0].markers[0].text = 'Cut <here> & "there",\u0007 then\nünïcødé';
        // One clip with sound, so the audio attributes are checked too.
        t.clips[1].media.hasAudio = true;
        writeFileSync(file, writeFcpxml({ ...t, name: 'Scene 1 "approved" & <final>' }, { version }));
        const result = xmllint(file, version);
        expect(result.output).toBe('');
        expect(result.ok).toBe(true);
      }
    });
  }

  it('the DTD check can fail: a 1.13 file checked against the 1.9 DTD does not pass', () => {
    const file = join(dir, 'wrong.fcpxml');
    writeFileSync(file, writeFcpxml(threeClips(R23976, 'ndf', 0), { version: '1.13' }));
    expect(xmllint(file, '1.9').ok).toBe(false);
  });
});

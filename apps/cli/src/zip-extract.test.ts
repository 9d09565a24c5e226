import { mkdtempSync, readFileSync, createWriteStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { extractZip } from './zip-extract.ts';

/** A zip written by yazl (what the server streams): stored and deflated entries, one from a stream of unknown size. */
async function makeZip(path: string, entries: { name: string; bytes: Buffer; compress: boolean; stream?: boolean }[]) {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (e.stream) zip.addReadStream(Readable.from([e.bytes]), e.name, { compress: e.compress });
    else zip.addBuffer(e.bytes, e.name, { compress: e.compress });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

describe('unpacking a package zip', () => {
  it('writes every entry under the folder, byte for byte, and counts the bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-unzip-'));
    const media = Buffer.alloc(200_000, 7);
    const text = Buffer.from('TITLE: HAND scene 1 approved\nFCM: NON-DROP FRAME\n'.repeat(50));
    await makeZip(join(dir, 'p.zip'), [
      { name: 'HAND_SC001/media/HAND_SC001_SH010_TK001.mp4', bytes: media, compress: false, stream: true },
      { name: 'HAND_SC001/HAND_SC001.edl', bytes: text, compress: true },
      { name: 'HAND_SC001/empty.txt', bytes: Buffer.alloc(0), compress: false },
    ]);
    let counted = 0;
    const written = await extractZip(join(dir, 'p.zip'), join(dir, 'out'), (n) => (counted += n));
    expect(written).toEqual(['HAND_SC001/media/HAND_SC001_SH010_TK001.mp4', 'HAND_SC001/HAND_SC001.edl', 'HAND_SC001/empty.txt']);
    expect(readFileSync(join(dir, 'out/HAND_SC001/media/HAND_SC001_SH010_TK001.mp4')).equals(media)).toBe(true);
    expect(readFileSync(join(dir, 'out/HAND_SC001/HAND_SC001.edl')).equals(text)).toBe(true);
    expect(readFileSync(join(dir, 'out/HAND_SC001/empty.txt')).length).toBe(0);
    expect(counted).toBeGreaterThanOrEqual(200_000);
  });

  it('refuses an entry that would land outside the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-unzip-'));
    const zip = new yazl.ZipFile();
    // yazl refuses "..", so the entry is named the way a hostile zip would, then patched in place.
    zip.addBuffer(Buffer.from('x'), 'aa/evil.txt', { compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
    const bytes = Buffer.from(Buffer.concat(chunks).toString('latin1').replaceAll('aa/evil.txt', '../evil.txt'), 'latin1');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'bad.zip'), bytes);
    await expect(extractZip(join(dir, 'bad.zip'), join(dir, 'out'))).rejects.toThrow(/outside/);
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
  });
});

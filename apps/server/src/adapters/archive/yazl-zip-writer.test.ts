import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createYazlZipWriter } from './yazl-zip-writer.ts';

/** Each entry's name and the CRC-32 its central directory records. */
async function crcsOf(zip: Buffer): Promise<Record<string, number>> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true }, (err, f) => (err ? reject(err) : resolve(f))));
  const crcs: Record<string, number> = {};
  await new Promise<void>((resolve, reject) => {
    file.on('entry', (e: yauzl.Entry) => {
      crcs[e.fileName] = e.crc32;
      file.readEntry();
    });
    file.on('end', resolve);
    file.on('error', reject);
    file.readEntry();
  });
  return crcs;
}

describe('the yazl zip writer', () => {
  it('records the standard CRC-32 of text and of bytes streamed in pieces', async () => {
    const fox = 'The quick brown fox jumps over the lazy dog';
    const { stream, size } = createYazlZipWriter().write([
      { path: 'check.txt', text: '123456789' },
      { path: 'fox.bin', size: fox.length, open: async () => Readable.from([Buffer.from(fox.slice(0, 10)), Buffer.from(fox.slice(10, 31)), Buffer.from(fox.slice(31))]) },
    ]);
    const zip = await buffer(stream);
    expect(zip.length).toBe(await size);
    // The check values of CRC-32 (ISO-HDLC) for these two strings, as published for the algorithm.
    expect(await crcsOf(zip)).toEqual({ 'check.txt': 0xcbf43926, 'fox.bin': 0x414fa339 });
  });
});

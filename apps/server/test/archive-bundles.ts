/** Test support for archive bundles: every entry of a zip read back, one entry changed, and a zip written again. */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';

export const sha256Hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Every entry of a zip file in its order: path → bytes. */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))));
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return out;
}

/** Writes entries as a zip file. */
export async function writeZip(file: string, entries: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [path, bytes] of entries) zip.addBuffer(bytes, path, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  await writeFile(file, Buffer.concat(chunks));
}

/**
 * The manifest made true again for the entries as they are (each file's size and SHA-256, each
 * JSON-lines file's line hashes): a tamper that an attacker covers up.
 */
export function remanifest(entries: Map<string, Buffer>): void {
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { files: { path: string; size: number; sha256: string; lines?: string[] }[] };
  for (const f of manifest.files) {
    const bytes = entries.get(f.path)!;
    f.size = bytes.length;
    f.sha256 = sha256Hex(bytes);
    if (f.lines)
      f.lines = bytes
        .toString('utf8')
        .split('\n')
        .slice(0, -1)
        .map((l) => sha256Hex(l));
  }
  entries.set('manifest.json', Buffer.from(`${JSON.stringify(manifest)}\n`));
}

/**
 * Unpacks a zip file into a folder, reading its central directory (zip64 included) and copying
 * each entry's bytes as a stream: stored entries are copied as they are, deflated ones inflated.
 * Enough for the packages Backlot writes; paths that would leave the folder are refused.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

interface CentralEntry {
  name: string;
  method: number;
  compressedSize: number;
  headerOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/** Reads `length` bytes at `position`. */
async function readAt(file: import('node:fs/promises').FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The central directory's entries. */
async function centralDirectory(file: import('node:fs/promises').FileHandle, size: number): Promise<CentralEntry[]> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(file, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1)
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  if (at < 0) throw new Error('not a zip file (no end of central directory)');
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const z = await readAt(file, Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
    count = Number(z.readBigUInt64LE(32));
    cdSize = Number(z.readBigUInt64LE(40));
    cdOffset = Number(z.readBigUInt64LE(48));
  }
  const cd = await readAt(file, cdOffset, cdSize);
  const entries: CentralEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n += 1) {
    if (cd.readUInt32LE(p) !== CENTRAL) throw new Error(`zip central directory is damaged at entry ${n + 1}`);
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let headerOffset = cd.readUInt32LE(p + 42);
    const name = cd.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    // Zip64: the sizes and offset that did not fit are in the extra field 0x0001, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === 1) {
        let q = e + 4;
        if (uncompressedSize === MAX32) {
          uncompressedSize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === MAX32) {
          compressedSize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (headerOffset === MAX32) headerOffset = Number(cd.readBigUInt64LE(q));
      }
      e += 4 + len;
    }
    entries.push({ name, method, compressedSize, headerOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/**
 * Unpacks every file of `zipPath` under `folder`, in the zip's order; `onBytes` hears of each
 * chunk written. Answers the paths written, relative to the folder.
 */
export async function extractZip(zipPath: string, folder: string, onBytes: (n: number) => void = () => {}): Promise<string[]> {
  const file = await open(zipPath, 'r');
  const root = resolve(folder);
  const written: string[] = [];
  try {
    const { size } = await file.stat();
    for (const entry of await centralDirectory(file, size)) {
      const target = resolve(root, entry.name);
      if (target !== root && !target.startsWith(root + sep)) throw new Error(`zip entry ${entry.name} would be written outside ${folder}`);
      if (entry.name.endsWith('/')) {
        await mkdir(target, { recursive: true });
        continue;
      }
      const local = await readAt(file, entry.headerOffset, 30);
      if (local.readUInt32LE(0) !== LOCAL) throw new Error(`zip entry ${entry.name} is damaged`);
      const start = entry.headerOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      await mkdir(dirname(target), { recursive: true });
      if (entry.compressedSize === 0) {
        await writeFile(target, '');
        written.push(entry.name);
        continue;
      }
      const source = createReadStream(zipPath, { start, end: start + entry.compressedSize - 1 });
      source.on('data', (chunk) => onBytes(chunk.length));
      if (entry.method === 0) await pipeline(source, createWriteStream(target));
      else if (entry.method === 8) await pipeline(source, createInflateRaw(), createWriteStream(target));
      else throw new Error(`zip entry ${entry.name} uses compression method ${entry.method}, which Backlot does not read`);
      written.push(entry.name);
    }
  } finally {
    await file.close();
  }
  return written;
}

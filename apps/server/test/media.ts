/** Tiny media made at test time with ffmpeg (never stored in the repository), and multipart bodies for uploads. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestMedia {
  dir: string;
  png: Buffer;
  jpeg: Buffer;
  wav: Buffer;
  mp4: Buffer;
  /** A text file, to be sent under an image's name. */
  text: Buffer;
}

const MEDIA_FILES = ['a.png', 'b.jpg', 'c.wav', 'd.mp4', 'e.txt'];
/** Where the media are made once for every test process of a run (and the runs after it), named by how they are made. */
const MADE = join(tmpdir(), `backlot-test-media-${createHash('sha256').update(makeMedia.toString()).digest('hex').slice(0, 12)}`);

/** The test media in a folder of the caller's own (which it may add to or remove), copied from those made once. */
export function makeTestMedia(): TestMedia {
  if (!MEDIA_FILES.every((f) => existsSync(join(MADE, f)))) {
    const fresh = mkdtempSync(join(tmpdir(), 'backlot-media-making-'));
    makeMedia(fresh);
    try {
      renameSync(fresh, MADE);
    } catch {
      // Another process made them at the same moment: theirs are the same.
      rmSync(fresh, { recursive: true, force: true });
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'backlot-media-'));
  for (const f of MEDIA_FILES) cpSync(join(MADE, f), join(dir, f));
  return {
    dir,
    png: readFileSync(join(dir, 'a.png')),
    jpeg: readFileSync(join(dir, 'b.jpg')),
    wav: readFileSync(join(dir, 'c.wav')),
    mp4: readFileSync(join(dir, 'd.mp4')),
    text: readFileSync(join(dir, 'e.txt')),
  };
}

function makeMedia(dir: string) {
  const ff = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: 'pipe' });
  ff('-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=24', '-frames:v', '1', join(dir, 'a.png'));
  ff('-f', 'lavfi', '-i', 'testsrc2=size=120x160:rate=24', '-frames:v', '1', join(dir, 'b.jpg'));
  ff('-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.5', join(dir, 'c.wav'));
  ff('-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=24', '-t', '1', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', join(dir, 'd.mp4'));
  writeFileSync(join(dir, 'e.txt'), 'INT. OFFICE - DAY\n\nThis is a screenplay, not a picture.\n');
}

/** A multipart/form-data body: files as [field, fileName, bytes, declared type], fields as [name, value]. */
export function multipart(files: [string, string, Buffer, string][], fields: [string, string][] = []): { body: Buffer; contentType: string } {
  const boundary = `----backlot${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [field, fileName, bytes, type] of files) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="${fileName}"\r\ncontent-type: ${type}\r\n\r\n`), bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

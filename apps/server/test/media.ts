/** Tiny media made at test time with ffmpeg (never stored in the repository), and multipart bodies for uploads. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

export function makeTestMedia(): TestMedia {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-media-'));
  const ff = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: 'pipe' });
  ff('-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=24', '-frames:v', '1', join(dir, 'a.png'));
  ff('-f', 'lavfi', '-i', 'testsrc2=size=120x160:rate=24', '-frames:v', '1', join(dir, 'b.jpg'));
  ff('-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.5', join(dir, 'c.wav'));
  ff('-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=24', '-t', '1', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', join(dir, 'd.mp4'));
  writeFileSync(join(dir, 'e.txt'), 'INT. OFFICE - DAY\n\nThis is a screenplay, not a picture.\n');
  return {
    dir,
    png: readFileSync(join(dir, 'a.png')),
    jpeg: readFileSync(join(dir, 'b.jpg')),
    wav: readFileSync(join(dir, 'c.wav')),
    mp4: readFileSync(join(dir, 'd.mp4')),
    text: readFileSync(join(dir, 'e.txt')),
  };
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

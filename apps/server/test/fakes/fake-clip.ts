/** What the provider fakes answer with: a real 320×180 H.264 clip made with ffmpeg at test time (never stored in the repository). */
import { execFileSync } from 'node:child_process';

/** Writes a test-pattern clip of the given length (seconds or frames) at `fps` to `file`. */
export function makeFakeClip(file: string, length: { seconds: number } | { frames: number }, fps = 24): void {
  const span = 'seconds' in length ? ['-t', String(length.seconds)] : ['-frames:v', String(length.frames)];
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=${fps}`, ...span, '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', file]);
}

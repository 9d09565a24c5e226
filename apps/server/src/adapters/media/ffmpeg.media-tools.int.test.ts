/**
 * MediaTools on real ffprobe, ffmpeg and sharp, with tiny media made here (320×180, one second,
 * 24000/1001): what each file is, what is refused and why, and the previews' sizes.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import type { MediaInfo, MediaKind } from '../../ports/media-tools.ts';
import { createFfmpegMediaTools } from './ffmpeg.media-tools.ts';
import { runProcess } from './process.runner.ts';

const tools = createFfmpegMediaTools();
let dir: string;
const at = (name: string) => join(dir, name);

/** One frame at 24000/1001, in microseconds. */
const FRAME_US = 1_001_000 / 24;

const ffmpeg = (...args: string[]) => runProcess('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);
const PICTURE = ['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=24000/1001'];
const SOUND = ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backlot-media-'));
  // Names end in .bin on purpose: the content decides, never the name.
  await Promise.all([
    ffmpeg(...PICTURE, ...SOUND, '-t', '1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-f', 'mp4', at('h264.mp4.bin')),
    ffmpeg(...PICTURE, ...SOUND, '-t', '1', '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus', '-f', 'webm', at('vp9.webm.bin')),
    ffmpeg(...PICTURE, '-t', '1', '-c:v', 'prores_ks', '-profile:v', '0', '-f', 'mov', at('prores.mov.bin')),
  ]);
  await Promise.all([
    ffmpeg(...SOUND, '-t', '1', '-c:a', 'pcm_s16le', '-f', 'wav', at('tone.wav.bin')),
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-t', '1', '-c:a', 'libmp3lame', '-f', 'mp3', at('tone.mp3.bin')),
    ffmpeg('-i', at('h264.mp4.bin'), '-c', 'copy', '-metadata:s:v', 'rotate=90', '-f', 'mp4', at('rotated.mp4.bin')),
    ffmpeg('-i', at('h264.mp4.bin'), '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', at('faststart.mp4.bin')),
    ffmpeg(...PICTURE, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', at('frame.png.bin')),
    sharp({ create: { width: 1600, height: 900, channels: 4, background: { r: 40, g: 90, b: 160, alpha: 0.5 } } })
      .png()
      .toFile(at('large.png.bin')),
  ]);
  const frame = sharp(at('frame.png.bin'));
  await Promise.all([
    frame.clone().jpeg().toFile(at('frame.jpg.bin')),
    frame.clone().webp().toFile(at('frame.webp.bin')),
    // Stored 320×180 with EXIF orientation 6: a phone photo held upright, 180×320 as seen.
    frame.clone().jpeg().withMetadata({ orientation: 6 }).toFile(at('portrait.jpg.bin')),
    ffmpeg('-i', at('tone.mp3.bin'), '-i', at('frame.png.bin'), '-map', '0', '-map', '1', '-c', 'copy', '-disposition:v', 'attached_pic', '-id3v2_version', '3', '-f', 'mp3', at('cover.mp3.bin')),
    writeFile(at('notes.png'), 'Scene 12 — INT. KITCHEN — NIGHT\nBrick lowers the beer.\n'),
    writeFile(at('empty.mp4'), ''),
    readFile(at('h264.mp4.bin')).then((b) => writeFile(at('truncated.mp4'), b.subarray(0, 2048))),
    readFile(at('faststart.mp4.bin')).then((b) => writeFile(at('truncated-faststart.mp4'), b.subarray(0, 3000))),
  ]);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The DomainError a promise rejects with. */
async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const NO_AV = { durationUs: null, frameRate: null, videoCodec: null, audioCodec: null, audioChannels: null, sampleRate: null };

describe('identify', () => {
  it.each([
    ['frame.png.bin', { kind: 'image', mediaType: 'image/png', container: 'png', width: 320, height: 180, ...NO_AV }],
    ['frame.jpg.bin', { kind: 'image', mediaType: 'image/jpeg', container: 'jpeg', width: 320, height: 180, ...NO_AV }],
    ['frame.webp.bin', { kind: 'image', mediaType: 'image/webp', container: 'webp', width: 320, height: 180, ...NO_AV }],
    ['portrait.jpg.bin', { kind: 'image', mediaType: 'image/jpeg', container: 'jpeg', width: 180, height: 320, ...NO_AV }],
  ] as const)('reads %s as an image', async (name, expected) => {
    expect(await tools.identify(at(name))).toEqual(expected);
  });

  it.each([
    ['h264.mp4.bin', { kind: 'video', mediaType: 'video/mp4', container: 'mp4', width: 320, height: 180, videoCodec: 'h264', audioCodec: 'aac', audioChannels: 1, sampleRate: 48000 }],
    ['vp9.webm.bin', { kind: 'video', mediaType: 'video/webm', container: 'webm', width: 320, height: 180, videoCodec: 'vp9', audioCodec: 'opus', audioChannels: 1, sampleRate: 48000 }],
    ['prores.mov.bin', { kind: 'video', mediaType: 'video/quicktime', container: 'mov', width: 320, height: 180, videoCodec: 'prores', audioCodec: null, audioChannels: null, sampleRate: null }],
    ['rotated.mp4.bin', { kind: 'video', mediaType: 'video/mp4', container: 'mp4', width: 180, height: 320, videoCodec: 'h264', audioCodec: 'aac', audioChannels: 1, sampleRate: 48000 }],
  ] as const)('reads %s as a video at exactly 24000/1001, one second long to a frame', async (name, expected) => {
    const info = await tools.identify(at(name));
    expect(info).toMatchObject({ ...expected, frameRate: '24000/1001' });
    expect(Number.isInteger(info.durationUs)).toBe(true);
    expect(Math.abs(info.durationUs! - 1_000_000)).toBeLessThanOrEqual(FRAME_US);
  });

  it.each([
    ['tone.wav.bin', { kind: 'audio', mediaType: 'audio/wav', container: 'wav', audioCodec: 'pcm_s16le', sampleRate: 48000 }],
    ['tone.mp3.bin', { kind: 'audio', mediaType: 'audio/mpeg', container: 'mp3', audioCodec: 'mp3', sampleRate: 44100 }],
    ['cover.mp3.bin', { kind: 'audio', mediaType: 'audio/mpeg', container: 'mp3', audioCodec: 'mp3', sampleRate: 44100 }],
  ] as const)('reads %s as audio, cover art being no picture', async (name, expected) => {
    const info = await tools.identify(at(name));
    expect(info).toMatchObject({ ...expected, width: null, height: null, frameRate: null, videoCodec: null, audioChannels: 1 });
    // An MP3 encoder adds padding frames, up to about 50 ms here.
    expect(Math.abs(info.durationUs! - 1_000_000)).toBeLessThanOrEqual(50_000);
  });

  it('refuses a text file named .png, naming it as text', async () => {
    const err = await refusal(tools.identify(at('notes.png'), ['image']));
    expect(err.code).toBe('media.unsupported');
    expect(err.field).toBe('file');
    expect(err.message).toMatch(/^This file is not an image, video or audio file Backlot can read \(it starts like text\)\. Backlot takes JPEG, PNG/);
  });

  it('refuses the first 2 KB of an MP4 as unreadable', async () => {
    const err = await refusal(tools.identify(at('truncated.mp4')));
    expect(err.code).toBe('media.unreadable');
    expect(err.message).toBe('This file starts like an MP4 video, but Backlot cannot read it: it may be cut short or damaged (moov atom not found; Invalid data found when processing input).');
    expect(err.message).not.toContain(dir);
  });

  it('refuses an MP4 whose index is whole but whose pictures are cut off', async () => {
    const err = await refusal(tools.identify(at('truncated-faststart.mp4')));
    expect(err.code).toBe('media.unreadable');
    expect(err.message).toMatch(/^This file starts like an MP4 video, but Backlot cannot read it: it may be cut short or damaged \(.+\)\.$/);
    expect(err.message).not.toContain(dir);
  });

  it('refuses an empty file', async () => {
    const err = await refusal(tools.identify(at('empty.mp4')));
    expect([err.code, err.message]).toEqual(['media.unreadable', 'This file is empty.']);
  });

  it('refuses an MP3 where an image is expected, saying what it is and what is needed', async () => {
    const err = await refusal(tools.identify(at('tone.mp3.bin'), ['image'], { purpose: 'a character reference' }));
    expect([err.code, err.message, err.field]).toEqual(['media.mismatch', 'This is an audio file (MP3); a character reference needs an image.', 'file']);
    await expect(tools.identify(at('tone.mp3.bin'), ['audio', 'video'])).resolves.toMatchObject({ kind: 'audio' });
  });

  it('does not start when already cancelled', async () => {
    await expect(tools.identify(at('h264.mp4.bin'), undefined, { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});

describe('renderPreviews', () => {
  /** Renders the previews of a file and reads back their format and sizes. */
  async function previews(name: string, expectKind: MediaKind) {
    const info = await tools.identify(at(name));
    expect(info.kind).toBe(expectKind);
    const out = { poster: at(`${name}.poster`), thumbnail: at(`${name}.thumb`) };
    await tools.renderPreviews(at(name), info, out);
    const [poster, thumbnail] = await Promise.all([sharp(out.poster).metadata(), sharp(out.thumbnail).metadata()]);
    const spread = (await sharp(out.poster).stats()).channels.map((c) => c.max - c.min);
    return { poster: [poster.format, poster.width, poster.height], thumbnail: [thumbnail.format, thumbnail.width, thumbnail.height], drawn: Math.max(...spread) > 64 };
  }

  it.each([
    ['large.png.bin', 'image', ['jpeg', 1280, 720], ['jpeg', 320, 180]],
    ['frame.png.bin', 'image', ['jpeg', 320, 180], ['jpeg', 320, 180]],
    ['portrait.jpg.bin', 'image', ['jpeg', 180, 320], ['jpeg', 180, 320]],
    ['h264.mp4.bin', 'video', ['jpeg', 320, 180], ['jpeg', 320, 180]],
    ['vp9.webm.bin', 'video', ['jpeg', 320, 180], ['jpeg', 320, 180]],
    ['prores.mov.bin', 'video', ['jpeg', 320, 180], ['jpeg', 320, 180]],
    ['rotated.mp4.bin', 'video', ['jpeg', 180, 320], ['jpeg', 180, 320]],
    ['tone.wav.bin', 'audio', ['jpeg', 1280, 360], ['jpeg', 320, 90]],
    ['cover.mp3.bin', 'audio', ['jpeg', 1280, 360], ['jpeg', 320, 90]],
  ] as const)('makes %s a poster and a thumbnail of the right size', async (name, kind, poster, thumbnail) => {
    const r = await previews(name, kind);
    expect(r.poster).toEqual(poster);
    expect(r.thumbnail).toEqual(thumbnail);
    // A flat colour image aside, a poster shows something: the test picture, the waveform.
    if (name !== 'large.png.bin') expect(r.drawn).toBe(true);
  });

  it('reads a file replaced under the same name as its new self, previews included', async () => {
    // libvips caches by file name: the same steps on a replaced file must not give the old pixels.
    const path = at('replaced.bin');
    const out = { poster: at('replaced.poster'), thumbnail: at('replaced.thumb') };
    for (const [r, g, b] of [
      [200, 30, 30],
      [30, 30, 200],
    ]) {
      await sharp({ create: { width: 64, height: 36, channels: 3, background: { r, g, b } } })
        .png()
        .toFile(path);
      const info = await tools.identify(path);
      await tools.renderPreviews(path, info, out);
      const [red, , blue] = (await sharp(await readFile(out.thumbnail)).stats()).channels.map((c) => Math.round(c.mean / 10) * 10);
      expect([red, blue]).toEqual([r, b]);
    }
  });

  it('leaves no preview behind when the media cannot be rendered', async () => {
    const info: MediaInfo = {
      kind: 'video',
      mediaType: 'video/mp4',
      container: 'mp4',
      width: 320,
      height: 180,
      durationUs: 1_001_000,
      frameRate: '24000/1001',
      videoCodec: 'h264',
      audioCodec: null,
      audioChannels: null,
      sampleRate: null,
    };
    const out = { poster: at('broken.poster'), thumbnail: at('broken.thumb') };
    await expect(tools.renderPreviews(at('truncated.mp4'), info, out)).rejects.toThrow(/ffmpeg exited with code 1/);
    await expect(stat(out.poster)).rejects.toThrow(/ENOENT/);
    await expect(stat(out.thumbnail)).rejects.toThrow(/ENOENT/);
  });
});

/**
 * TakeMediaTools on real ffprobe and ffmpeg, with tiny clips made here (≤ 320×180, ≤ 2 s): exact
 * frame counts, the proxy conformed to the project's grid, posters, filmstrips, exact frames, SSIM.
 * Frame-exact checks use a clip whose frame n is a flat grey of level 16 + 4n, stored losslessly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import { createFfmpegTakeMedia } from './ffmpeg.take-media.ts';
import { runProcess } from './process.runner.ts';

const tools = createFfmpegTakeMedia();
let dir: string;
const at = (name: string) => join(dir, name);

const ffmpeg = (...args: string[]) => runProcess('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);
const ffprobe = async (...args: string[]) => (await runProcess('ffprobe', ['-v', 'error', ...args])).stdout;
const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
const LEVEL_FRAMES = 48;

/** The first pixel's red value of every frame of a clip, decoded to RGB as the PNGs are (R = G = B for grey). */
function firstPixels(path: string): number[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-i', path, '-vf', 'crop=2:2:0:0', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  // 2×2 (4:2:0 cannot be cut smaller) × 3 bytes a frame; the first byte is the top-left pixel's red.
  return [...raw.filter((_, i) => i % 12 === 0)];
}

/** The frame of the levels clip a picture shows: the one whose grey is nearest its mean. */
function levelFrame(mean: number, levels: number[]): number {
  let best = 0;
  for (let n = 1; n < levels.length; n++) if (Math.abs(levels[n] - mean) < Math.abs(levels[best] - mean)) best = n;
  return best;
}

/** Mean grey of a region of a picture. */
async function meanGrey(path: string, region?: { left: number; top: number; width: number; height: number }): Promise<number> {
  // stats() reads the input, not the pipeline, so the region is cut out first.
  const input = region ? await sharp(path).extract(region).toBuffer() : path;
  const { channels } = await sharp(input).greyscale().stats();
  return channels[0].mean;
}

/** Top-level MP4 box types in file order. */
function topLevelBoxes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let pos = 0; pos + 8 <= bytes.length; ) {
    let size = bytes.readUInt32BE(pos);
    types.push(bytes.toString('latin1', pos + 4, pos + 8));
    if (size === 1) size = Number(bytes.readBigUInt64BE(pos + 8));
    if (size === 0) break;
    pos += size;
  }
  return types;
}

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

let levels: number[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backlot-take-media-'));
  const src = (rate: string, size = '320x180') => ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}`];
  await Promise.all([
    ffmpeg(...src('24'), '-frames:v', '48', ...H264, at('r24.mp4')),
    ffmpeg(...src('25'), '-frames:v', '50', ...H264, at('r25.mp4')),
    ffmpeg(...src('30000/1001'), '-frames:v', '60', ...H264, at('r2997.mp4')),
    // 1.6 s at 30 fps is 48 frames; -t (not -frames:v, which ends the file before the sound) keeps 1.6 s of sound.
    ffmpeg(...src('30'), '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '1.6', ...H264, '-c:a', 'aac', at('s30.mp4')),
    ffmpeg(...src('24', '250x141'), '-frames:v', '6', '-c:v', 'ffv1', at('odd.mkv')),
    ffmpeg(...src('24'), '-frames:v', '4', ...H264, at('short.mp4')),
    // Frame n is a flat grey of luma 16 + 4n, losslessly coded (qp 0), so a picture says which frame it is.
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'color=c=black:s=64x48:r=24',
      '-vf',
      "geq=lum='16+4*N':cb=128:cr=128",
      '-frames:v',
      String(LEVEL_FRAMES),
      '-c:v',
      'libx264',
      '-qp',
      '0',
      '-pix_fmt',
      'yuv420p',
      at('levels.mp4'),
    ),
    ffmpeg('-f', 'lavfi', '-i', 'sine=duration=0.5', at('tone.wav')),
    writeFile(at('notes.mp4'), 'INT. KITCHEN - NIGHT\n'),
  ]);
  // Cut from 0.5 s without re-encoding: the MP4 keeps the packets from the keyframe at 0 and hides
  // the first twelve frames with an edit list, which a packet count alone would include.
  await ffmpeg('-ss', '0.5', '-i', at('r24.mp4'), '-c', 'copy', at('trimmed.mp4'));
  levels = firstPixels(at('levels.mp4'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('probeVideo', () => {
  it.each([
    ['r24.mp4', '24/1', 48, 2_000_000],
    ['r25.mp4', '25/1', 50, 2_000_000],
    ['r2997.mp4', '30000/1001', 60, 2_002_000],
  ])('counts %s exactly: %s, %i frames', async (name, frameRate, frames, durationUs) => {
    expect(await tools.probeVideo(at(name))).toMatchObject({
      kind: 'video',
      mediaType: 'video/mp4',
      container: 'mp4',
      width: 320,
      height: 180,
      frameRate,
      frames,
      durationUs,
      videoCodec: 'h264',
      audioCodec: null,
    });
  });

  it('counts the frames a player shows when an edit list hides some', async () => {
    const shown = (await runProcess('ffmpeg', ['-v', 'error', '-i', at('trimmed.mp4'), '-f', 'framemd5', '-'])).stdout.split('\n').filter((l) => /^\d/.test(l)).length;
    const probe = await tools.probeVideo(at('trimmed.mp4'));
    expect(shown).toBe(36);
    expect(probe.frames).toBe(shown);
  });

  it.each([
    ['notes.mp4', 'cannot read'],
    ['tone.wav', 'no picture'],
    ['missing.mp4', 'cannot read'],
  ])('refuses %s as unreadable', async (name, words) => {
    const err = await refusal(tools.probeVideo(at(name)));
    expect(err.code).toBe('media.unreadable');
    expect(err.message).toContain(words);
    expect(err.message).not.toContain(dir);
  });
});

describe('makeProxy', () => {
  const PROJECT_2398 = { fpsNum: 24000, fpsDen: 1001, maxHeight: 720, keyframeInterval: 12 };

  it('conforms a 30 fps take frame for frame to 23.976: H.264, faststart, a keyframe every 12, sound slowed with it', async () => {
    expect(await tools.probeVideo(at('s30.mp4'))).toMatchObject({ frameRate: '30/1', frames: 48, audioCodec: 'aac' });
    await tools.makeProxy(at('s30.mp4'), at('s30.proxy.mp4'), PROJECT_2398);
    const probe = await tools.probeVideo(at('s30.proxy.mp4'));
    expect(probe).toMatchObject({ container: 'mp4', videoCodec: 'h264', frameRate: '24000/1001', frames: 48, width: 320, height: 180, audioCodec: 'aac' });

    const boxes = topLevelBoxes(await readFile(at('s30.proxy.mp4')));
    expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    const { frames } = JSON.parse(await ffprobe('-select_streams', 'v:0', '-show_entries', 'frame=key_frame,pix_fmt', '-of', 'json', at('s30.proxy.mp4'))) as {
      frames: { key_frame: number; pix_fmt: string }[];
    };
    expect(frames).toHaveLength(48);
    expect(frames.flatMap((f, i) => (f.key_frame === 1 ? [i] : []))).toEqual([0, 12, 24, 36]);
    expect(new Set(frames.map((f) => f.pix_fmt))).toEqual(new Set(['yuv420p']));

    // 48 frames of 1001/24000 s: the 1.6 s of sound is stretched to the picture's 2.002 s.
    const durations = (await ffprobe('-show_entries', 'stream=codec_type,duration', '-of', 'csv=p=0', at('s30.proxy.mp4'))).trim().split('\n');
    const video = Number(durations.find((d) => d.startsWith('video'))!.split(',')[1]);
    const audio = Number(durations.find((d) => d.startsWith('audio'))!.split(',')[1]);
    expect(video).toBeCloseTo(2.002, 3);
    expect(Math.abs(audio - video)).toBeLessThan(0.1);
  });

  it('keeps every frame, in order, and takes the probe when given one', async () => {
    const source = await tools.probeVideo(at('levels.mp4'));
    await tools.makeProxy(at('levels.mp4'), at('levels.proxy.mp4'), { fpsNum: 30, fpsDen: 1, maxHeight: 720, keyframeInterval: 6, source });
    const proxy = firstPixels(at('levels.proxy.mp4'));
    expect(proxy).toHaveLength(LEVEL_FRAMES);
    // Re-encoded at crf 23, so each grey comes back within a few levels, but nothing dropped or doubled.
    expect(proxy.map((v) => levelFrame(v, levels))).toEqual(levels.map((_, n) => n));
    expect(await tools.probeVideo(at('levels.proxy.mp4'))).toMatchObject({ frameRate: '30/1', frames: LEVEL_FRAMES, audioCodec: null });
  });

  it.each([
    ['scales down to the height asked', 'r24.mp4', 90, { width: 160, height: 90 }],
    ['never enlarges', 'r24.mp4', 720, { width: 320, height: 180 }],
    ['makes odd sides even', 'odd.mkv', 720, { width: 250, height: 140 }],
  ])('%s', async (_name, source, maxHeight, size) => {
    const out = at(`${source}.${maxHeight}.proxy.mp4`);
    await tools.makeProxy(at(source), out, { fpsNum: 24, fpsDen: 1, maxHeight, keyframeInterval: 12 });
    expect(await tools.probeVideo(out)).toMatchObject(size);
  });

  it('refuses a file that is no video and leaves nothing behind', async () => {
    const err = await refusal(tools.makeProxy(at('notes.mp4'), at('notes.proxy.mp4'), PROJECT_2398));
    expect(err.code).toBe('media.unreadable');
    await expect(stat(at('notes.proxy.mp4'))).rejects.toThrow();
  });
});

describe('frames', () => {
  it.each([0, 17, LEVEL_FRAMES - 1])('extractFrame writes exactly frame %i as a PNG', async (n) => {
    const out = at(`frame-${n}.png`);
    await tools.extractFrame(at('levels.mp4'), n, out);
    const meta = await sharp(out).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width: 64, height: 48 });
    const grey = await meanGrey(out);
    expect(levelFrame(grey, levels)).toBe(n);
    expect(Math.abs(grey - levels[n])).toBeLessThanOrEqual(1);
  });

  it('refuses a frame past the end and leaves no file', async () => {
    const err = await refusal(tools.extractFrame(at('levels.mp4'), LEVEL_FRAMES, at('past.png')));
    expect(err).toMatchObject({ code: 'media.unreadable', message: expect.stringContaining(`no frame ${LEVEL_FRAMES}`) });
    await expect(stat(at('past.png'))).rejects.toThrow();
  });

  it.each([
    [30, 64, { width: 64, height: 48 }],
    [30, 32, { width: 32, height: 24 }],
  ])('makePoster shows frame %i, its larger side at most %i, never enlarged', async (n, maxSide, size) => {
    const out = at(`poster-${n}-${maxSide}.jpg`);
    await tools.makePoster(at('levels.mp4'), n, out, { maxSide });
    const meta = await sharp(out).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'jpeg', ...size });
    expect(levelFrame(await meanGrey(out), levels)).toBe(n);
  });
});

describe('makeFilmstrip', () => {
  it('tiles evenly spaced frames in one row and says which frame each tile shows', async () => {
    const probe = await tools.probeVideo(at('levels.mp4'));
    const strip = await tools.makeFilmstrip(at('levels.mp4'), probe, at('levels.strip.jpg'), { count: 5, tileWidth: 32 });
    expect(strip).toEqual({ columns: 5, rows: 1, tileWidth: 32, tileHeight: 24, sourceFrames: [0, 12, 24, 35, 47] });
    const meta = await sharp(at('levels.strip.jpg')).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 160, height: 24 });
    // The middle of each tile (JPEG edges bleed into their neighbours) shows the frame it names.
    const shown = [];
    for (let i = 0; i < strip.columns; i++) shown.push(levelFrame(await meanGrey(at('levels.strip.jpg'), { left: i * 32 + 8, top: 6, width: 16, height: 12 }), levels));
    expect(shown).toEqual(strip.sourceFrames);
  });

  it.each([
    ['r24.mp4', 10, 160, { columns: 10, tileHeight: 90, width: 1600, height: 90 }],
    ['short.mp4', 10, 160, { columns: 4, tileHeight: 90, width: 640, height: 90 }],
  ])('%s in %i tiles of %i px', async (name, count, tileWidth, want) => {
    const probe = await tools.probeVideo(at(name));
    const out = at(`${name}.strip.jpg`);
    const strip = await tools.makeFilmstrip(at(name), probe, out, { count, tileWidth });
    expect(strip).toMatchObject({ columns: want.columns, rows: 1, tileWidth, tileHeight: want.tileHeight });
    expect(strip.sourceFrames[strip.sourceFrames.length - 1]).toBe(probe.frames - 1);
    const meta = await sharp(out).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: want.width, height: want.height });
  });
});

describe('ssim', () => {
  beforeAll(async () => {
    await tools.extractFrame(at('r24.mp4'), 0, at('a.png'));
    await Promise.all([
      sharp(at('a.png')).resize(640, 360).jpeg({ quality: 90 }).toFile(at('a-large.jpg')),
      // Other pictures altogether: another test card, and a cellular automaton's noise.
      ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x180', '-frames:v', '1', at('card.png')),
      ffmpeg('-f', 'lavfi', '-i', 'cellauto=s=160x90', '-frames:v', '1', at('noise.png')),
    ]);
  });

  it('is 1 for a picture and itself', async () => {
    expect(await tools.ssim(at('a.png'), at('a.png'))).toBeCloseTo(1, 6);
  });

  it('is high for the same picture at another size and quality (the second is scaled to the first)', async () => {
    expect(await tools.ssim(at('a.png'), at('a-large.jpg'))).toBeGreaterThan(0.9);
  });

  it.each([['card.png'], ['noise.png']])('is clearly lower against a different picture (%s)', async (other) => {
    expect(await tools.ssim(at('a.png'), at(other))).toBeLessThan(0.5);
  });

  it('refuses a file that is no picture', async () => {
    const err = await refusal(tools.ssim(at('a.png'), at('notes.mp4')));
    expect(err.code).toBe('media.unreadable');
    expect(err.message).not.toContain(dir);
  });
});

/** The review movie built with the real ffmpeg from takes of different shapes and rates, checked with ffprobe. */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFfmpegReviewMovie } from '../../adapters/media/ffmpeg.review-movie.ts';
import { createDiskBlobStore } from '../../adapters/storage/disk.blob-store.ts';
import { createDiskStaging } from '../../adapters/storage/disk.staging.ts';
import { DomainError } from '../../domain/errors.ts';
import { createReviewMovieService, type ReviewMovieEntry } from './review-movie.service.ts';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const dir = mkdtempSync(join(tmpdir(), 'backlot-review-movie-'));
const at = (name: string) => join(dir, name);
const blobs = createDiskBlobStore({ root: at('blobs') });
const staging = createDiskStaging(at('staging'));
const service = createReviewMovieService({ blobs, staging, movies: createFfmpegReviewMovie(), fontFile: FONT });
// The same, one take per ffmpeg run: the movie is made in parts and joined, as long playlists are.
const inRuns = createReviewMovieService({ blobs, staging, movies: createFfmpegReviewMovie(), fontFile: FONT, takesPerRun: 1 });

/** A test clip made by ffmpeg itself: a moving pattern at the size and rate asked, so many frames long. */
function makeClip(name: string, size: string, rate: number, frames: number, tone = false): string {
  const path = at(name);
  // The tone, when asked for, lasts exactly as long as the picture (48 kHz, frames / rate seconds).
  const sound = tone ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000,atrim=end_sample=${(48000 * frames) / rate}`, '-c:a', 'aac'] : [];
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=${size}:r=${rate}`,
    ...sound,
    '-frames:v',
    String(frames),
    '-pix_fmt',
    'yuv420p',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    path,
  ]);
  return path;
}

/** The loudest and mean level (dB) of the movie's sound from `start` for `seconds`. */
function loudness(path: string, start: number, seconds: number): { mean: number; max: number } {
  const r = spawnSync('ffmpeg', ['-v', 'info', '-nostats', '-ss', String(start), '-t', String(seconds), '-i', path, '-map', '0:a:0', '-af', 'volumedetect', '-f', 'null', '-'], { encoding: 'utf8' });
  const level = (name: string) => Number(new RegExp(`${name}: (-?[\\d.]+|-inf) dB`).exec(r.stderr)?.[1].replace('-inf', '-200'));
  return { mean: level('mean_volume'), max: level('max_volume') };
}

/** The picture's and the sound's length in seconds, as the container says. */
function durations(path: string): { video: number; audio: number } {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,duration', '-of', 'json', path], { encoding: 'utf8' });
  const streams = JSON.parse(out).streams as { codec_type: string; duration: string }[];
  return { video: Number(streams.find((s) => s.codec_type === 'video')?.duration), audio: Number(streams.find((s) => s.codec_type === 'audio')?.duration) };
}

/** Frames counted by decoding the whole movie, with its size and rate. */
function probe(path: string): { frames: number; width: number; height: number; rate: string } {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames,width,height,r_frame_rate', '-of', 'json', path], {
    encoding: 'utf8',
  });
  const s = JSON.parse(out).streams[0];
  return { frames: Number(s.nb_read_frames), width: s.width, height: s.height, rate: s.r_frame_rate };
}

/** One frame of the movie as raw RGB at its size. */
async function frameAt(path: string, frame: number): Promise<{ data: Buffer; width: number }> {
  const png = at(`frame-${frame}.png`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', path, '-vf', `select=eq(n\\,${frame})`, '-fps_mode', 'passthrough', '-frames:v', '1', png]);
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width };
}
const brightness = (f: { data: Buffer; width: number }, x: number, y: number) => {
  const i = (y * f.width + x) * 3;
  return (f.data[i] + f.data[i + 1] + f.data[i + 2]) / 3;
};

let takes: ReviewMovieEntry[];

beforeAll(async () => {
  // 16:9 at 24 fps for 2.0 s; 9:16 at 30 fps for 2.0 s; 16:9 at 30 fps for 1.0 s.
  const clips = [makeClip('wide24.mp4', '320x180', 24, 48), makeClip('tall30.mp4', '180x320', 30, 60, true), makeClip('wide30.mp4', '320x180', 30, 30)];
  const stored = await Promise.all(clips.map((p) => blobs.put(createReadStream(p))));
  takes = [
    { shot: 'SC001_SH010', take: 'TK001', decision: 'approved', media: { sha256: stored[0].sha256, width: 320, height: 180, frames: 48, frameRate: '24/1', hasAudio: false } },
    { shot: 'SC001_SH020', take: 'TK003', decision: 'maybe', media: { sha256: stored[1].sha256, width: 180, height: 320, frames: 60, frameRate: '30/1', hasAudio: true } },
    { shot: 'SC002_SH010', take: 'TK002', decision: 'rejected', media: { sha256: stored[2].sha256, width: 320, height: 180, frames: 30, frameRate: '30/1', hasAudio: false } },
  ];
}, 60_000);

afterAll(async () => {
  await staging.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the review movie', () => {
  it('holds every slate and every take frame for frame on a 24 fps grid, at the project size', async () => {
    const seen: number[] = [];
    const out = at('movie.mp4');
    const result = await service.buildToFile({ project: { width: 320, height: 180, fpsNum: 24, fpsDen: 1 }, takes, title: 'Dailies 2026-12-06', slateSeconds: 1 }, out, {
      onProgress: (f) => seen.push(f),
    });

    // Slates of 1 s are 24 frames; each take keeps every frame it has (48, 60, 30), as its proxy does:
    // 24 + 48 + 24 + 60 + 24 + 30 = 210 frames.
    expect(probe(out)).toEqual({ frames: 210, width: 320, height: 180, rate: '24/1' });
    expect(result.totalFrames).toBe(210);

    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f > seen[i - 1]))).toBe(true);

    // The 9:16 take is pillarboxed: its frames run from 96 (24 + 48 + 24) to 155. Mid-take, the
    // left and right edges are bars and the middle is picture (testsrc2 is bright colour bars).
    const tall = await frameAt(out, 120);
    expect(brightness(tall, 10, 90)).toBeLessThan(24);
    expect(brightness(tall, 310, 90)).toBeLessThan(24);
    expect(brightness(tall, 160, 90)).toBeGreaterThan(40);
    // The first slate is the dark card, not picture; the first take fills the frame edge to edge.
    expect(brightness(await frameAt(out, 0), 5, 5)).toBeLessThan(40);
    expect(brightness(await frameAt(out, 40), 5, 90)).toBeGreaterThan(40);

    // Sound runs the movie's length (210 frames at 24 fps = 8.75 s): the tone under the 9:16 take
    // only (4.0 s to 6.5 s, its 2 s slowed to 2.5 s as its picture is), silence under slates and the silent takes.
    const { video, audio } = durations(out);
    expect(video).toBeCloseTo(8.75, 2);
    expect(Math.abs(audio - 8.75)).toBeLessThan(0.05);
    expect(loudness(out, 4.2, 2.1).mean).toBeGreaterThan(-30);
    expect(loudness(out, 3.1, 0.8).max).toBeLessThan(-60);
    expect(loudness(out, 1.2, 2).max).toBeLessThan(-60);
    expect(loudness(out, 6.7, 2).max).toBeLessThan(-60);
  });

  it('at 24000/1001 with 2 s slates, made in runs and joined, stored as a blob', async () => {
    const seen: number[] = [];
    const result = await inRuns.buildToBlob({ project: { width: 240, height: 240, fpsNum: 24000, fpsDen: 1001 }, takes: takes.slice(0, 2) }, { onProgress: (f) => seen.push(f) });
    // 2 s at 23.976 rounds to 48 frames: 48 + 48 + 48 + 60 = 204.
    const copy = at('from-blob.mp4');
    await pipeline(await blobs.get(result.blob.sha256), createWriteStream(copy));
    expect(probe(copy)).toEqual({ frames: 204, width: 240, height: 240, rate: '24000/1001' });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f > seen[i - 1])).toBe(true);
    // 204 frames at 24000/1001 last 8.5085 s; the sound as long, the tone only under the second take
    // (after 48 + 48 + 48 frames = 6.006 s), and no scratch segment left behind.
    const { video, audio } = durations(copy);
    expect(video).toBeCloseTo(8.5085, 2);
    expect(Math.abs(audio - 8.5085)).toBeLessThan(0.05);
    expect(loudness(copy, 6.3, 2).mean).toBeGreaterThan(-30);
    expect(loudness(copy, 4.1, 1.8).max).toBeLessThan(-60);
    expect(readdirSync(at('staging'))).toHaveLength(0);
  });

  it('stops when cancelled, leaving no movie and no scratch file', async () => {
    const controller = new AbortController();
    const out = at('cancelled.mp4');
    // Cancelled as soon as the second run starts rendering: the first part is on disk by then.
    const build = inRuns.buildToFile({ project: { width: 320, height: 180, fpsNum: 24, fpsDen: 1 }, takes }, out, {
      signal: controller.signal,
      onProgress: (f) => {
        if (f > 0.3) controller.abort(new Error('the producer closed the page'));
      },
    });
    // Either between runs (the signal's reason) or inside one (ffmpeg killed).
    await expect(build).rejects.toThrow(/closed the page|ffmpeg was cancelled/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(at('staging'))).toHaveLength(0);
  });

  it('refuses an empty playlist, naming the field, and stores nothing', async () => {
    const before = readdirSync(at('staging')).length;
    await expect(service.buildToBlob({ project: { width: 320, height: 180, fpsNum: 24, fpsDen: 1 }, takes: [] })).rejects.toMatchObject({ code: 'request.invalid', field: 'takes' });
    expect(readdirSync(at('staging'))).toHaveLength(before);
  });

  it('refuses a clip ffmpeg cannot read in plain words, leaving no movie behind', async () => {
    const broken = await blobs.put(
      (async function* () {
        yield Buffer.from('this is not a video at all');
      })(),
    );
    const out = at('broken.mp4');
    const error = await service
      .buildToFile({ project: { width: 320, height: 180, fpsNum: 24, fpsDen: 1 }, takes: [{ ...takes[0], media: { ...takes[0].media, sha256: broken.sha256 } }] }, out)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('media.unreadable');
    expect((error as DomainError).message).toMatch(/^Backlot could not make the review movie/);
    expect((error as DomainError).message).not.toContain(dir);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(at('staging'))).toHaveLength(0);
  });
});

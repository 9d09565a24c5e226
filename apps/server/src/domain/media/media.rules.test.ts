import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import type { ProbedMedia } from './ffmpeg.plans.ts';
import type { MediaCandidate } from './magic.ts';
import type { MediaInfo, MediaKind } from './media-info.ts';
import { assertExpectedKind, decideImage, decideMedia, decoderDetail, failUnreadable, failUnsupported } from './media.rules.ts';

const MP4: MediaCandidate = { kind: 'video', mediaType: 'video/mp4', container: 'mp4', confirms: ['mp4', 'mov', '3gp', 'm4a'] };
const WEBM: MediaCandidate = { kind: 'video', mediaType: 'video/webm', container: 'webm', confirms: ['webm', 'mkv'] };
const WAV: MediaCandidate = { kind: 'audio', mediaType: 'audio/wav', container: 'wav', confirms: ['wav'] };
const ID3: MediaCandidate = { kind: 'audio', mediaType: 'audio/mpeg', container: 'mp3', confirms: ['mp3', 'aac', 'flac'] };
const PNG: MediaCandidate = { kind: 'image', mediaType: 'image/png', container: 'png', confirms: ['png'] };
const HEIF: MediaCandidate = { kind: 'image', mediaType: 'image/heif', container: 'heif', confirms: ['avif', 'heic', 'heif'] };

const probed = (p: Partial<ProbedMedia>): ProbedMedia => ({
  container: null,
  width: null,
  height: null,
  durationUs: null,
  frameRate: null,
  videoCodec: null,
  audioCodec: null,
  audioChannels: null,
  sampleRate: null,
  ...p,
});
const video = probed({ container: 'mp4', width: 320, height: 180, durationUs: 1_001_000, frameRate: '24000/1001', videoCodec: 'h264', audioCodec: 'aac', audioChannels: 2, sampleRate: 48000 });

/** The code and message a call throws. */
function refusal(f: () => unknown): { code: string; message: string; field?: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, message: err.message, field: err.field };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('deciding audio and video', () => {
  it.each([
    ['an MP4 with picture and sound', MP4, video, 'video', 'video/mp4', 'mp4'],
    ['an MP4 with only sound', MP4, probed({ container: 'mp4', audioCodec: 'aac' }), 'audio', 'audio/mp4', 'mp4'],
    ['an M4A with a picture', MP4, probed({ container: 'm4a', videoCodec: 'h264', audioCodec: 'aac' }), 'video', 'video/mp4', 'm4a'],
    ['a MOV probed by brand', MP4, probed({ container: 'mov', videoCodec: 'prores' }), 'video', 'video/quicktime', 'mov'],
    ['a WebM with only sound', WEBM, probed({ container: 'webm', audioCodec: 'opus' }), 'audio', 'audio/webm', 'webm'],
    ['a WebM DocType holding H.264', WEBM, probed({ container: 'mkv', videoCodec: 'h264' }), 'video', 'video/x-matroska', 'mkv'],
    ['a WAV', WAV, probed({ container: 'wav', audioCodec: 'pcm_s16le' }), 'audio', 'audio/wav', 'wav'],
    ['ADTS behind a long ID3 tag', ID3, probed({ container: 'aac', audioCodec: 'aac' }), 'audio', 'audio/aac', 'aac'],
  ] as const)('%s', (_, candidate, p, kind, mediaType, container) => {
    expect(decideMedia(candidate, p)).toEqual({ ...p, kind, mediaType, container });
  });

  it('refuses a probe that reads another format than the first bytes claim', () => {
    expect(refusal(() => decideMedia(WAV, probed({ container: 'mp3', audioCodec: 'mp3' })))).toEqual({
      code: 'media.unreadable',
      message: 'This file starts like a WAV audio file but reads as an MP3 audio file; Backlot cannot tell what it is.',
      field: 'file',
    });
    expect(refusal(() => decideMedia(MP4, probed({ container: 'mpegts', videoCodec: 'h264' }))).message).toBe(
      'This file starts like an MP4 video but reads as another format (mpegts); Backlot cannot tell what it is.',
    );
  });

  it('refuses a container with neither picture nor sound', () => {
    expect(refusal(() => decideMedia(MP4, probed({ container: 'mp4' })))).toMatchObject({ code: 'media.unreadable', message: 'This file is an MP4 video with no picture or sound in it.' });
  });
});

describe('deciding images', () => {
  it('takes the media type from the format the decoder read', () => {
    expect(decideImage(HEIF, { container: 'avif', width: 40, height: 20 })).toMatchObject({
      kind: 'image',
      mediaType: 'image/avif',
      container: 'avif',
      width: 40,
      height: 20,
      durationUs: null,
      frameRate: null,
    });
    expect(decideImage(PNG, { container: 'png', width: 1, height: 1 }).mediaType).toBe('image/png');
  });

  it('refuses an image the decoder reads as another format', () => {
    expect(refusal(() => decideImage(PNG, { container: 'jpeg', width: 1, height: 1 })).message).toBe('This file starts like a PNG image but reads as a JPEG image; Backlot cannot tell what it is.');
  });
});

describe('what the upload expects', () => {
  const mp3 = { ...decideMedia(ID3, probed({ container: 'mp3', audioCodec: 'mp3' })) } satisfies MediaInfo;
  const png = decideImage(PNG, { container: 'png', width: 8, height: 8 });

  it.each([
    [['image'], 'a character reference', 'This is an audio file (MP3); a character reference needs an image.'],
    [['image', 'video'], undefined, 'This is an audio file (MP3); this upload needs an image or a video.'],
  ] as [MediaKind[], string | undefined, string][])('refuses audio where %j is expected', (expect_, purpose, message) => {
    expect(refusal(() => assertExpectedKind(mp3, expect_, purpose))).toEqual({ code: 'media.mismatch', message, field: 'file' });
  });

  it.each([[undefined], [[]], [['image']], [['audio', 'image']]] as [MediaKind[] | undefined][])('takes an image when %j is expected', (kinds) => {
    expect(() => assertExpectedKind(png, kinds)).not.toThrow();
  });
});

describe('refusals', () => {
  it('names what an unsupported file looks like, and lists what Backlot takes', () => {
    expect(refusal(() => failUnsupported('text'))).toEqual({
      code: 'media.unsupported',
      message:
        'This file is not an image, video or audio file Backlot can read (it starts like text). Backlot takes JPEG, PNG, WebP, GIF, TIFF and AVIF images; MP4, MOV, WebM, MKV and AVI videos; WAV, MP3, FLAC, Ogg, AAC and M4A audio.',
      field: 'file',
    });
    expect(refusal(() => failUnsupported(null)).message).toMatch(/^This file is not an image, video or audio file Backlot can read \(its first bytes match none of the formats Backlot knows\)\./);
  });

  it('says an unreadable file may be cut short, with the decoder’s words when there are some', () => {
    expect(refusal(() => failUnreadable(MP4, 'moov atom not found'))).toEqual({
      code: 'media.unreadable',
      message: 'This file starts like an MP4 video, but Backlot cannot read it: it may be cut short or damaged (moov atom not found).',
      field: 'file',
    });
    expect(refusal(() => failUnreadable(PNG)).message).toBe('This file starts like a PNG image, but Backlot cannot read it: it may be cut short or damaged.');
  });

  it.each([
    [
      '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c8a3e2c0] moov atom not found\nfile:/srv/backlot/tmp/up-1: Invalid data found when processing input\n',
      'moov atom not found; Invalid data found when processing input',
    ],
    ['[h264 @ 0x1] error while decoding MB 3 2\n[h264 @ 0x1] error while decoding MB 3 2\n[h264 @ 0x1] concealing 99 errors\n', 'error while decoding MB 3 2; concealing 99 errors'],
    ['[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c8a3e2c0] moov atom not found\n', 'moov atom not found'],
    ['Input file has corrupt header: pngload: end of stream\n', 'Input file has corrupt header: pngload: end of stream'],
    ['Input file is missing: /srv/backlot/tmp/up-1', 'Input file is missing'],
    ['\n\n', null],
    [`x${'y'.repeat(200)}`, `x${'y'.repeat(158)}…`],
  ])('keeps the useful end of %j', (stderr, detail) => {
    expect(decoderDetail(stderr, '/srv/backlot/tmp/up-1')).toBe(detail);
  });
});

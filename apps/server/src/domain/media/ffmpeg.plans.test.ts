import { describe, expect, it } from 'vitest';
import {
  audioWaveArgs,
  decodeCheckArgs,
  formatSeconds,
  mapProbe,
  parseRational,
  parseSecondsUs,
  posterTimeUs,
  PROBE_ENTRIES,
  probeArgs,
  readProgress,
  videoPosterArgs,
  withProgress,
} from './ffmpeg.plans.ts';

/**
 * ffprobe 5.1's answers to probeArgs on clips made for these tests with ffmpeg's lavfi sources
 * (testsrc 320×180 at 24000/1001 and sine, one second), `programs: []` left out. Edits are named.
 */
const PROBED = {
  'h264+aac.mp4': {
    streams: [
      {
        index: 0,
        codec_name: 'h264',
        codec_type: 'video',
        width: 320,
        height: 180,
        sample_aspect_ratio: '1:1',
        r_frame_rate: '24000/1001',
        avg_frame_rate: '24000/1001',
        duration: '1.001000',
        disposition: { attached_pic: 0 },
        tags: {},
      },
      {
        index: 1,
        codec_name: 'aac',
        codec_type: 'audio',
        sample_rate: '48000',
        channels: 1,
        r_frame_rate: '0/0',
        avg_frame_rate: '0/0',
        duration: '1.000000',
        disposition: { attached_pic: 0 },
        tags: {},
      },
    ],
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '1.001000', tags: { major_brand: 'isom' } },
  },
  'vp9+opus.webm': {
    streams: [
      {
        index: 0,
        codec_name: 'vp9',
        codec_type: 'video',
        width: 320,
        height: 180,
        sample_aspect_ratio: '1:1',
        r_frame_rate: '24000/1001',
        avg_frame_rate: '24000/1001',
        disposition: { attached_pic: 0 },
        tags: {},
      },
      { index: 1, codec_name: 'opus', codec_type: 'audio', sample_rate: '48000', channels: 1, r_frame_rate: '0/0', avg_frame_rate: '0/0', disposition: { attached_pic: 0 }, tags: {} },
    ],
    format: { format_name: 'matroska,webm', duration: '1.008000', tags: {} },
  },
  'prores.mov': {
    streams: [
      {
        index: 0,
        codec_name: 'prores',
        codec_type: 'video',
        width: 320,
        height: 180,
        sample_aspect_ratio: '1:1',
        r_frame_rate: '24000/1001',
        avg_frame_rate: '24000/1001',
        duration: '1.001000',
        disposition: { attached_pic: 0 },
        tags: {},
      },
    ],
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '1.001000', tags: { major_brand: 'qt  ' } },
  },
  'h264.mkv (testsrc at 30000/1001)': {
    streams: [
      {
        index: 0,
        codec_name: 'h264',
        codec_type: 'video',
        width: 320,
        height: 180,
        sample_aspect_ratio: '1:1',
        r_frame_rate: '30000/1001',
        avg_frame_rate: '30000/1001',
        disposition: { attached_pic: 0 },
        tags: {},
      },
    ],
    format: { format_name: 'matroska,webm', duration: '1.001000', tags: {} },
  },
  'pcm.wav': {
    streams: [
      { index: 0, codec_name: 'pcm_s16le', codec_type: 'audio', sample_rate: '48000', channels: 1, r_frame_rate: '0/0', avg_frame_rate: '0/0', duration: '1.000000', disposition: { attached_pic: 0 } },
    ],
    format: { format_name: 'wav', duration: '1.000000', tags: {} },
  },
  'mp3 with cover art': {
    streams: [
      { index: 0, codec_name: 'mp3', codec_type: 'audio', sample_rate: '44100', channels: 1, r_frame_rate: '0/0', avg_frame_rate: '0/0', duration: '1.044898', disposition: { attached_pic: 0 } },
      {
        index: 1,
        codec_name: 'png',
        codec_type: 'video',
        width: 64,
        height: 64,
        sample_aspect_ratio: '1:1',
        r_frame_rate: '90000/1',
        avg_frame_rate: '0/0',
        duration: '1.044900',
        disposition: { attached_pic: 1 },
        tags: {},
      },
    ],
    format: { format_name: 'mp3', duration: '1.044898', tags: {} },
  },
  'mp4 tagged rotate=90': {
    streams: [
      {
        index: 0,
        codec_name: 'h264',
        codec_type: 'video',
        width: 320,
        height: 180,
        sample_aspect_ratio: '1:1',
        r_frame_rate: '24000/1001',
        avg_frame_rate: '24000/1001',
        duration: '1.001000',
        disposition: { attached_pic: 0 },
        tags: {},
        side_data_list: [{ rotation: 90 }],
      },
      {
        index: 1,
        codec_name: 'aac',
        codec_type: 'audio',
        sample_rate: '48000',
        channels: 1,
        r_frame_rate: '0/0',
        avg_frame_rate: '0/0',
        duration: '1.000000',
        disposition: { attached_pic: 0 },
        tags: {},
      },
    ],
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '1.001000', tags: { major_brand: 'isom' } },
  },
  'aac.m4a': {
    streams: [
      {
        index: 0,
        codec_name: 'aac',
        codec_type: 'audio',
        sample_rate: '44100',
        channels: 1,
        r_frame_rate: '0/0',
        avg_frame_rate: '0/0',
        duration: '1.000000',
        disposition: { attached_pic: 0 },
        tags: {},
      },
    ],
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '1.000000', tags: { major_brand: 'M4A ' } },
  },
  'anamorphic 240×180 at 4:3, 25 fps, 0.2 s': {
    streams: [
      {
        index: 0,
        codec_name: 'h264',
        codec_type: 'video',
        width: 240,
        height: 180,
        sample_aspect_ratio: '4:3',
        r_frame_rate: '25/1',
        avg_frame_rate: '25/1',
        duration: '0.200000',
        disposition: { attached_pic: 0 },
        tags: {},
      },
    ],
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '0.200000', tags: { major_brand: 'isom' } },
  },
  // Edited from the mp4: no container duration, so the longest stream's is used.
  'mp4 without a container duration': {
    streams: [
      { codec_name: 'h264', codec_type: 'video', width: 320, height: 180, avg_frame_rate: '24000/1001', duration: '1.001000' },
      { codec_name: 'aac', codec_type: 'audio', sample_rate: '48000', channels: 2, duration: '1.024000' },
    ],
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: 'N/A', tags: { major_brand: 'mp42' } },
  },
  // Edited: a variable-rate stream whose average ffprobe cannot give falls back to the base rate.
  'average rate unknown': {
    streams: [{ codec_name: 'h264', codec_type: 'video', width: 320, height: 180, r_frame_rate: '48000/2002', avg_frame_rate: '0/0' }],
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', tags: { major_brand: 'qt  ' } },
  },
} as const;

const NONE = { container: null, width: null, height: null, durationUs: null, frameRate: null, videoCodec: null, audioCodec: null, audioChannels: null, sampleRate: null };

describe('mapProbe', () => {
  it.each([
    ['h264+aac.mp4', { container: 'mp4', width: 320, height: 180, durationUs: 1_001_000, frameRate: '24000/1001', videoCodec: 'h264', audioCodec: 'aac', audioChannels: 1, sampleRate: 48000 }],
    ['vp9+opus.webm', { container: 'webm', width: 320, height: 180, durationUs: 1_008_000, frameRate: '24000/1001', videoCodec: 'vp9', audioCodec: 'opus', audioChannels: 1, sampleRate: 48000 }],
    ['prores.mov', { container: 'mov', width: 320, height: 180, durationUs: 1_001_000, frameRate: '24000/1001', videoCodec: 'prores', audioCodec: null, audioChannels: null, sampleRate: null }],
    [
      'h264.mkv (testsrc at 30000/1001)',
      { container: 'mkv', width: 320, height: 180, durationUs: 1_001_000, frameRate: '30000/1001', videoCodec: 'h264', audioCodec: null, audioChannels: null, sampleRate: null },
    ],
    ['pcm.wav', { ...NONE, container: 'wav', durationUs: 1_000_000, audioCodec: 'pcm_s16le', audioChannels: 1, sampleRate: 48000 }],
    ['mp3 with cover art', { ...NONE, container: 'mp3', durationUs: 1_044_898, audioCodec: 'mp3', audioChannels: 1, sampleRate: 44100 }],
    ['mp4 tagged rotate=90', { container: 'mp4', width: 180, height: 320, durationUs: 1_001_000, frameRate: '24000/1001', videoCodec: 'h264', audioCodec: 'aac', audioChannels: 1, sampleRate: 48000 }],
    ['aac.m4a', { ...NONE, container: 'm4a', durationUs: 1_000_000, audioCodec: 'aac', audioChannels: 1, sampleRate: 44100 }],
    ['anamorphic 240×180 at 4:3, 25 fps, 0.2 s', { ...NONE, container: 'mp4', width: 320, height: 180, durationUs: 200_000, frameRate: '25/1', videoCodec: 'h264' }],
    [
      'mp4 without a container duration',
      { container: 'mp4', width: 320, height: 180, durationUs: 1_024_000, frameRate: '24000/1001', videoCodec: 'h264', audioCodec: 'aac', audioChannels: 2, sampleRate: 48000 },
    ],
    ['average rate unknown', { ...NONE, container: 'mov', width: 320, height: 180, frameRate: '24000/1001', videoCodec: 'h264' }],
  ] as const)('%s', (name, expected) => {
    expect(mapProbe(PROBED[name])).toEqual(expected);
  });

  it.each([[null], [{}], ['not json'], [{ streams: 'x', format: 1 }]])('gives nothing for %j', (input) => {
    expect(mapProbe(input)).toEqual(NONE);
  });
});

describe('rationals and seconds', () => {
  it.each([
    ['24000/1001', { num: 24000, den: 1001 }],
    ['48000/2002', { num: 24000, den: 1001 }],
    ['25/1', { num: 25, den: 1 }],
    ['4:3', { num: 4, den: 3 }],
    ['0/0', null],
    ['0/1', null],
    ['N/A', null],
    ['', null],
    [undefined, null],
  ])('rational %j', (text, expected) => expect(parseRational(text)).toEqual(expected));

  it.each([
    ['1.001000', 1_001_000],
    ['1.044898', 1_044_898],
    ['0', 0],
    ['12.3', 12_300_000],
    ['3600.000001', 3_600_000_001],
    ['0.0000005', 1],
    ['0.9999996', 1_000_000],
    ['N/A', null],
    ['-1.0', null],
    [undefined, null],
  ])('seconds %j are %j µs', (text, expected) => expect(parseSecondsUs(text)).toBe(expected));

  it.each([
    [0, '0.000000'],
    [100_100, '0.100100'],
    [61_000_001, '61.000001'],
  ])('%i µs is %s s', (us, text) => expect(formatSeconds(us)).toBe(text));

  it.each([
    [null, 0],
    [0, 0],
    [5, 0],
    [1_001_000, 100_100],
    [1_044_898, 104_489],
  ])('a %j µs video has its poster at %i µs', (duration, at) => expect(posterTimeUs(duration)).toBe(at));
});

describe('argument plans', () => {
  it('probes only the fields mapProbe reads, with the path as a file: URL', () => {
    expect(probeArgs('/media/-odd name%d.mp4')).toEqual(['-v', 'error', '-hide_banner', '-print_format', 'json', '-show_entries', PROBE_ENTRIES, '-i', 'file:/media/-odd name%d.mp4']);
  });

  it.each([
    ['video', ['-map', '0:V:0', '-frames:v', '1']],
    ['audio', ['-map', '0:a:0', '-frames:a', '1']],
  ] as const)('decodes the first %s frame to nowhere', (kind, stream) => {
    expect(decodeCheckArgs('/m/a', kind)).toEqual(['-v', 'error', '-hide_banner', '-nostdin', '-i', 'file:/m/a', ...stream, '-f', 'null', '-']);
  });

  it('takes a poster frame by input seek, square pixels, fitted and never enlarged', () => {
    expect(videoPosterArgs('/m/take.mov', 100_100, '/out/poster', 1280)).toEqual([
      '-v',
      'error',
      '-hide_banner',
      '-nostdin',
      '-y',
      '-ss',
      '0.100100',
      '-i',
      'file:/m/take.mov',
      '-map',
      '0:V:0',
      '-frames:v',
      '1',
      '-vf',
      "scale=iw*sar:ih,scale=w='min(1280,iw)':h='min(1280,ih)':force_original_aspect_ratio=decrease,setsar=1",
      '-pix_fmt',
      'yuvj420p',
      '-c:v',
      'mjpeg',
      '-q:v',
      '3',
      '-f',
      'image2',
      '-update',
      '1',
      'file:/out/poster',
    ]);
  });

  it('draws a mono waveform over a solid panel', () => {
    expect(audioWaveArgs('/m/vo.wav', '/out/poster', 1280, 360)).toEqual([
      '-v',
      'error',
      '-hide_banner',
      '-nostdin',
      '-y',
      '-i',
      'file:/m/vo.wav',
      '-filter_complex',
      '[0:a:0]aformat=channel_layouts=mono,showwavespic=s=1280x360:colors=0x9ec5ff:scale=sqrt,setpts=0[wave];color=c=0x15171c:s=1280x360[panel];[panel][wave]overlay=format=auto:shortest=1[out]',
      '-map',
      '[out]',
      '-frames:v',
      '1',
      '-pix_fmt',
      'yuvj420p',
      '-c:v',
      'mjpeg',
      '-q:v',
      '3',
      '-f',
      'image2',
      '-update',
      '1',
      'file:/out/poster',
    ]);
  });

  it('asks for progress on stdout ahead of the rest', () => {
    expect(withProgress(['-i', 'file:a'])).toEqual(['-progress', 'pipe:1', '-nostats', '-i', 'file:a']);
  });

  it.each([
    [
      { out_time_us: '1500000', out_time_ms: '1500000', progress: 'continue' },
      { outTimeUs: 1_500_000, done: false },
    ],
    [
      { out_time_ms: '250000', progress: 'end' },
      { outTimeUs: 250_000, done: true },
    ],
    [
      { out_time_us: 'N/A', progress: 'continue' },
      { outTimeUs: null, done: false },
    ],
  ])('reads progress %j', (fields, expected) => expect(readProgress(fields)).toEqual(expected));
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { PROBE_ENTRIES } from './ffmpeg.plans.ts';
import {
  countVideoFrames,
  extractFrameArgs,
  filmstripFrames,
  filmstripPlan,
  framePosterArgs,
  mapVideoProbe,
  parseSsim,
  proxyArgs,
  proxyAudioTempo,
  ssimArgs,
  videoProbeArgs,
} from './take-media.plans.ts';

const Q = ['-v', 'error', '-hide_banner', '-nostdin'];
const JPEG = ['-pix_fmt', 'yuvj420p', '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', '-update', '1'];

/** videoProbeArgs' JSON, cut down: an MP4 with H.264 (stream 0) and AAC (stream 1), the first video packets hidden by an edit list. */
const TRIMMED = {
  packets: [
    { stream_index: 0, flags: 'KD' },
    { stream_index: 0, flags: '_D' },
    { stream_index: 1, flags: 'KD' },
    { stream_index: 0, flags: '__' },
    { stream_index: 1, flags: 'K_' },
    { stream_index: 0, flags: '__' },
    { stream_index: 0, flags: '__' },
  ],
  streams: [
    {
      index: 0,
      codec_name: 'h264',
      codec_type: 'video',
      width: 320,
      height: 180,
      sample_aspect_ratio: '1:1',
      r_frame_rate: '24/1',
      avg_frame_rate: '24/1',
      duration: '0.125000',
      disposition: { attached_pic: 0 },
    },
    { index: 1, codec_name: 'aac', codec_type: 'audio', sample_rate: '48000', channels: 2, duration: '0.125000', disposition: { attached_pic: 0 } },
  ],
  format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '0.125000', tags: { major_brand: 'isom' } },
};

describe('videoProbeArgs', () => {
  it('asks for the streams and every packet’s stream and flags in one JSON run', () => {
    expect(videoProbeArgs('/s/take.mp4')).toEqual(['-v', 'error', '-hide_banner', '-print_format', 'json', '-show_entries', `${PROBE_ENTRIES}:packet=stream_index,flags`, '-i', 'file:/s/take.mp4']);
  });
});

describe('countVideoFrames', () => {
  it.each([
    ['counts the picture’s packets, not the sound’s, and not those an edit list hides', TRIMMED, 3],
    [
      'cover art is not the picture',
      {
        streams: [
          { index: 0, codec_type: 'video', disposition: { attached_pic: 1 } },
          { index: 1, codec_type: 'video' },
        ],
        packets: [
          { stream_index: 0, flags: 'K_' },
          { stream_index: 1, flags: 'K_' },
          { stream_index: 1, flags: '__' },
        ],
      },
      2,
    ],
    ['no picture', { streams: [{ index: 0, codec_type: 'audio' }], packets: [{ stream_index: 0, flags: 'K_' }] }, 0],
    ['no packets', { streams: [{ index: 0, codec_type: 'video' }] }, 0],
    ['not JSON at all', 'nonsense', 0],
  ])('%s', (_name, json, frames) => {
    expect(countVideoFrames(json)).toBe(frames);
  });
});

describe('mapVideoProbe', () => {
  it('describes the video in exact units with its counted frames', () => {
    expect(mapVideoProbe(TRIMMED)).toEqual({
      kind: 'video',
      mediaType: 'video/mp4',
      container: 'mp4',
      width: 320,
      height: 180,
      durationUs: 125_000,
      frameRate: '24/1',
      frames: 3,
      videoCodec: 'h264',
      audioCodec: 'aac',
      audioChannels: 2,
      sampleRate: 48000,
    });
  });

  it('counts the duration from the frames when the container gives none', () => {
    const json = { ...TRIMMED, streams: [{ ...TRIMMED.streams[0], duration: undefined, avg_frame_rate: '24000/1001' }], format: { format_name: 'h264' } };
    expect(mapVideoProbe(json)).toMatchObject({ container: 'h264', mediaType: 'application/octet-stream', frames: 3, durationUs: 125_125 });
  });

  it.each([
    ['only sound', { streams: [TRIMMED.streams[1]], packets: [], format: TRIMMED.format }, 'no picture'],
    ['no frame rate', { ...TRIMMED, streams: [{ ...TRIMMED.streams[0], avg_frame_rate: '0/0', r_frame_rate: '0/0' }] }, 'no frame rate'],
    ['no frames', { ...TRIMMED, packets: [] }, 'no frames'],
  ])('refuses a clip with %s', (_name, json, words) => {
    expect(() => mapVideoProbe(json)).toThrow(DomainError);
    expect(() => mapVideoProbe(json)).toThrow(words);
  });
});

describe('proxyAudioTempo', () => {
  it.each([
    ['24/1', 24, 1, 1],
    ['24000/1001', 24000, 1001, 1],
    ['24/1', 24000, 1001, 1000 / 1001],
    ['30/1', 24000, 1001, 800 / 1001],
    ['30/1', 24, 1, 0.8],
    ['24/1', 30, 1, 1.25],
    ['25/1', 24, 1, 0.96],
    ['60/1', 24, 1, null],
    ['0/0', 24, 1, null],
  ])('%s into %i/%i → %s', (source, num, den, tempo) => {
    const got = proxyAudioTempo(source, num, den);
    if (tempo === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(tempo, 12);
  });
});

describe('proxyArgs', () => {
  const options = { fpsNum: 24000, fpsDen: 1001, maxHeight: 720, keyframeInterval: 12 };
  const VIDEO = [
    ...Q,
    '-y',
    '-i',
    'file:/s/in.mp4',
    '-map',
    '0:V:0',
    '-vf',
    "scale=iw*sar:ih,setsar=1,scale=w=-2:h='min(720,trunc(ih/2)*2)',setpts=N*1001/(24000*TB),format=yuv420p",
    '-r',
    '24000/1001',
    '-fps_mode',
    'passthrough',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-g',
    '12',
    '-keyint_min',
    '12',
    '-sc_threshold',
    '0',
  ];
  const END = ['-movflags', '+faststart', '-f', 'mp4', 'file:/s/out.mp4'];

  it.each([
    ['a silent source', { frameRate: '30/1', hasAudio: false }, ['-an']],
    ['sound at the project’s rate', { frameRate: '24000/1001', hasAudio: true }, ['-map', '0:a:0', '-c:a', 'aac', '-b:a', '128k']],
    ['sound slowed with the picture', { frameRate: '30/1', hasAudio: true }, ['-map', '0:a:0', '-af', 'atempo=0.799200799', '-c:a', 'aac', '-b:a', '128k']],
    ['sound too far from the project’s rate to follow', { frameRate: '120/1', hasAudio: true }, ['-an']],
  ])('%s', (_name, source, audio) => {
    expect(proxyArgs('/s/in.mp4', '/s/out.mp4', options, source)).toEqual([...VIDEO, ...audio, ...END]);
  });

  it('writes the asked rate, height and keyframe interval', () => {
    const args = proxyArgs('/s/in.mp4', '/s/out.mp4', { fpsNum: 25, fpsDen: 1, maxHeight: 480, keyframeInterval: 5 }, { frameRate: '25/1', hasAudio: false });
    expect(args[args.indexOf('-vf') + 1]).toBe("scale=iw*sar:ih,setsar=1,scale=w=-2:h='min(480,trunc(ih/2)*2)',setpts=N*1/(25*TB),format=yuv420p");
    expect(args.slice(args.indexOf('-r'), args.indexOf('-r') + 2)).toEqual(['-r', '25/1']);
    expect(args.slice(args.indexOf('-g'), args.indexOf('-g') + 4)).toEqual(['-g', '5', '-keyint_min', '5']);
  });

  it.each([
    ['fpsNum', { fpsNum: 23.976 }],
    ['fpsDen', { fpsDen: 0 }],
    ['maxHeight', { maxHeight: Number.NaN }],
    ['keyframeInterval', { keyframeInterval: -1 }],
  ])('refuses a %s that is not a whole number in range', (what, change) => {
    expect(() => proxyArgs('/a', '/b', { ...options, ...change }, { frameRate: '24/1', hasAudio: false })).toThrow(what);
  });
});

describe('filmstripFrames', () => {
  it.each([
    [120, 10, [0, 13, 26, 40, 53, 66, 79, 93, 106, 119]],
    [48, 12, [0, 4, 9, 13, 17, 21, 26, 30, 34, 38, 43, 47]],
    [11, 10, [0, 1, 2, 3, 4, 6, 7, 8, 9, 10]],
    [10, 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    [4, 10, [0, 1, 2, 3]],
    [2, 3, [0, 1]],
    [1, 10, [0]],
    [100, 1, [0]],
    [0, 10, []],
  ])('%i frames, %i tiles → %j', (frames, count, expected) => {
    expect(filmstripFrames(frames, count)).toEqual(expected);
  });

  it('always holds the first and last frame, once each, in order', () => {
    for (let frames = 2; frames < 300; frames += 7) {
      for (const count of [2, 3, 10, 12, 40]) {
        const picked = filmstripFrames(frames, count);
        expect(picked[0]).toBe(0);
        expect(picked[picked.length - 1]).toBe(frames - 1);
        expect(picked.length).toBe(Math.min(frames, count));
        expect(picked.every((f, i) => i === 0 || f > picked[i - 1])).toBe(true);
      }
    }
  });
});

describe('filmstripPlan', () => {
  it('selects the frames, scales each to a tile of the picture’s shape, and lays them in one row', () => {
    const plan = filmstripPlan('/s/in.mp4', { width: 1920, height: 804, frames: 5 }, '/s/strip.jpg', { count: 10, tileWidth: 160 });
    expect(plan).toEqual({
      args: [
        ...Q,
        '-y',
        '-i',
        'file:/s/in.mp4',
        '-map',
        '0:V:0',
        '-vf',
        'select=eq(n\\,0)+eq(n\\,1)+eq(n\\,2)+eq(n\\,3)+eq(n\\,4),scale=160:68,setsar=1,tile=5x1',
        '-fps_mode',
        'passthrough',
        '-frames:v',
        '1',
        ...JPEG,
        'file:/s/strip.jpg',
      ],
      columns: 5,
      rows: 1,
      tileWidth: 160,
      tileHeight: 68,
      sourceFrames: [0, 1, 2, 3, 4],
    });
  });

  it.each([
    [{ width: 1920, height: 1080 }, 160, 90],
    [{ width: 1080, height: 1920 }, 160, 284],
    [{ width: 320, height: 180 }, 64, 36],
    [{ width: 4000, height: 10 }, 100, 2],
  ])('tiles of %j at %i wide are %i high', (size, tileWidth, tileHeight) => {
    expect(filmstripPlan('/a', { ...size, frames: 48 }, '/b', { count: 4, tileWidth }).tileHeight).toBe(tileHeight);
  });
});

describe('single frames', () => {
  it('a poster selects the frame by its decoded number and fits it inside the box', () => {
    expect(framePosterArgs('/s/in.mp4', 40, '/s/p.jpg', 1280)).toEqual([
      ...Q,
      '-y',
      '-i',
      'file:/s/in.mp4',
      '-map',
      '0:V:0',
      '-vf',
      "select=eq(n\\,40),scale=iw*sar:ih,scale=w='min(1280,iw)':h='min(1280,ih)':force_original_aspect_ratio=decrease,setsar=1",
      '-fps_mode',
      'passthrough',
      '-frames:v',
      '1',
      ...JPEG,
      'file:/s/p.jpg',
    ]);
  });

  it('an extracted frame is a PNG at the stored size', () => {
    expect(extractFrameArgs('/s/in.mp4', 0, '/s/f.png')).toEqual([
      ...Q,
      '-y',
      '-i',
      'file:/s/in.mp4',
      '-map',
      '0:V:0',
      '-vf',
      'select=eq(n\\,0)',
      '-fps_mode',
      'passthrough',
      '-frames:v',
      '1',
      '-c:v',
      'png',
      '-f',
      'image2',
      '-update',
      '1',
      'file:/s/f.png',
    ]);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses frame %s', (frame) => {
    expect(() => extractFrameArgs('/a', frame, '/b')).toThrow(RangeError);
    expect(() => framePosterArgs('/a', frame, '/b', 100)).toThrow(RangeError);
  });
});

describe('SSIM', () => {
  it('scales the second picture to the first and compares them in 4:2:0, logging the summary', () => {
    expect(ssimArgs('/a.png', '/b.jpg')).toEqual([
      '-v',
      'info',
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-i',
      'file:/a.png',
      '-i',
      'file:/b.jpg',
      '-filter_complex',
      '[1:v][0:v]scale2ref=flags=bicubic[b][a];[a]format=yuv420p[a4];[b]format=yuv420p[b4];[a4][b4]ssim',
      '-frames:v',
      '1',
      '-f',
      'null',
      '-',
    ]);
  });

  // Lines as ffmpeg 5.1 prints them, the banner and stream lists cut.
  it.each([
    ['[Parsed_ssim_3 @ 0x55ce2e9775c0] SSIM Y:0.777746 (6.531499) U:0.691406 (5.106120) V:0.675292 (4.885070) All:0.746280 (5.956454)\n', 0.74628],
    ['Input #0, png_pipe\n[Parsed_ssim_3 @ 0x56252b49b980] SSIM Y:1.000000 (inf) U:1.000000 (inf) V:1.000000 (inf) All:1.000000 (inf)\n', 1],
    ['[Parsed_ssim_0 @ 0x1] SSIM R:0.5 (3.0) G:0.5 (3.0) B:0.5 (3.0) All:0.5 (3.0)\n[Parsed_ssim_0 @ 0x1] SSIM Y:0.9 (10) All:0.912000 (10.5)\n', 0.912],
    ['frame=    1 fps=0.0 q=-0.0 Lsize=N/A\nvideo:0kB audio:0kB\n', null],
    ['All:0.5 without the SSIM prefix', null],
    ['[Parsed_ssim_3 @ 0x1] SSIM Y:nan (nan) All:nan (nan)', null],
    ['', null],
  ])('reads %j', (stderr, value) => {
    expect(parseSsim(stderr)).toBe(value);
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { fitInside, slateFrames, slateWords } from './review-movie.layout.ts';
import { concatList, joinArgs, movieProgress, partSamples, reviewMoviePlan, reviewMovieRuns, slateFilters, type ReviewMovieTake } from './review-movie.plan.ts';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

describe('fitInside', () => {
  it.each([
    ['the same shape fills the frame', { width: 1920, height: 1080 }, { width: 1280, height: 720 }, { width: 1280, height: 720, x: 0, y: 0 }],
    // 1080×1920 at 720/1920 = 0.375 is 405 wide, rounded to the even 406; bars of 436 and 438.
    ['a portrait picture is pillarboxed', { width: 1080, height: 1920 }, { width: 1280, height: 720 }, { width: 406, height: 720, x: 436, y: 0 }],
    ['4:3 gets bars of 160 each side', { width: 640, height: 480 }, { width: 1280, height: 720 }, { width: 960, height: 720, x: 160, y: 0 }],
    // 2048×858 at 1920/2048 = 0.9375 is 804.375 high → 804; bars of 138 above and below.
    ['scope is letterboxed', { width: 2048, height: 858 }, { width: 1920, height: 1080 }, { width: 1920, height: 804, x: 0, y: 138 }],
    ['a small picture is enlarged to fit', { width: 160, height: 90 }, { width: 320, height: 180 }, { width: 320, height: 180, x: 0, y: 0 }],
    ['a 9:16 picture in a small frame', { width: 180, height: 320 }, { width: 320, height: 180 }, { width: 102, height: 180, x: 108, y: 0 }],
  ])('%s', (_, source, frame, expected) => {
    expect(fitInside(source, frame)).toEqual(expected);
  });
});

describe('slateFrames', () => {
  it.each([
    [2, 24, 1, 48],
    [2, 24000, 1001, 48],
    [1, 30000, 1001, 30],
    [1.5, 25, 1, 38],
    [0.01, 24, 1, 1],
  ])('%s s at %s/%s fps is %s frames', (seconds, num, den, frames) => {
    expect(slateFrames(seconds, num, den)).toBe(frames);
  });
});

describe('slateWords', () => {
  it('names the shot, the take, the decision in capitals and the place in the playlist', () => {
    expect(slateWords({ shot: ' SC012_SH030 ', take: 'TK004', decision: 'approved' }, 1, 5, 'Dailies  6 Dec')).toEqual({
      title: 'Dailies 6 Dec',
      shot: 'SC012_SH030',
      take: 'TK004',
      decision: 'APPROVED',
      position: '2 / 5',
    });
  });

  it.each([
    ['unreviewed', 'NO DECISION'],
    ['rejected', 'REJECTED'],
    ['maybe', 'MAYBE'],
    ['selected', 'SELECTED'],
  ] as const)('says %s as %s', (decision, word) => {
    expect(slateWords({ shot: 'A', take: 'TK001', decision }, 0, 1).decision).toBe(word);
  });
});

describe('slateFilters', () => {
  it('draws the lines centred, the decision in its colour, words escaped for drawtext', () => {
    const filters = slateFilters(FONT, { width: 1920, height: 1080 }, { title: '', shot: 'SC1: 100%', take: 'TK001', decision: 'REJECTED', position: '1 / 1' }, 'rejected');
    expect(filters).toHaveLength(4);
    expect(filters[0]).toContain('text=SC1\\\\: 100\\\\\\\\%');
    expect(filters[2]).toContain('text=REJECTED:fontsize=56:fontcolor=0xff6b61:x=(w-tw)/2');
    expect(filters.every((f) => f.startsWith(`drawtext=fontfile=${FONT}:`))).toBe(true);
  });
});

const takes: ReviewMovieTake[] = [
  { path: '/m/a.mp4', shot: 'SC001_SH010', take: 'TK001', decision: 'approved', width: 320, height: 180, frames: 48, frameRate: '24/1', hasAudio: false },
  { path: '/m/b.mp4', shot: 'SC001_SH020', take: 'TK002', decision: 'maybe', width: 180, height: 320, frames: 60, frameRate: '30/1', hasAudio: true },
];
const options = { width: 320, height: 180, fpsNum: 24, fpsDen: 1, slateFrames: 12, fontFile: FONT };

describe('reviewMoviePlan', () => {
  it('puts a slate before each take and counts the frames of every part', () => {
    const plan = reviewMoviePlan(takes, options, '/out/movie.mp4');
    // At 24 fps a frame lasts 2000 samples of 48 kHz sound; only the second take has sound.
    expect(plan.parts).toEqual([
      { kind: 'slate', take: 0, frames: 12, samples: 24_000, sound: false },
      { kind: 'take', take: 0, frames: 48, samples: 96_000, sound: false },
      { kind: 'slate', take: 1, frames: 12, samples: 24_000, sound: false },
      { kind: 'take', take: 1, frames: 60, samples: 120_000, sound: true },
    ]);
    expect(plan.totalFrames).toBe(132);
    // 132 frames at 24 fps are 5.5 s.
    expect(plan.durationUs).toBe(5_500_000);
  });

  it('reads each take through file:, writes one mapped picture at the project rate, frame for frame', () => {
    const { args } = reviewMoviePlan(takes, options, '/out/movie.mp4');
    expect(args.slice(0, 9)).toEqual(['-v', 'error', '-hide_banner', '-nostdin', '-y', '-i', 'file:/m/a.mp4', '-i', 'file:/m/b.mp4']);
    const at = (flag: string) => args[args.indexOf(flag) + 1];
    expect(args.filter((_, i) => args[i - 1] === '-map')).toEqual(['[out]', '[sound]']);
    expect(at('-r')).toBe('24/1');
    expect(at('-fps_mode')).toBe('passthrough');
    expect(at('-c:a')).toBe('aac');
    expect(args.at(-1)).toBe('file:/out/movie.mp4');
    const graph = at('-filter_complex');
    expect(graph).toContain('[1:V:0]scale=102:180,setsar=1,pad=320:180:108:0:color=black');
    expect(graph).toContain('trim=end_frame=12');
    expect(graph).toContain('[v0][a0][v1][a1][v2][a2][v3][a3]concat=n=4:v=1:a=1[vcat][acat]');
    expect(graph).toContain('[vcat]setpts=N*1/(24*TB)[out]');
    // The 30 fps take's sound slowed to 24/30 as its picture is, then padded or cut to 60 frames' worth.
    expect(graph).toContain('[1:a:0]aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,atempo=0.800000000,apad,atrim=end_sample=120000,asetpts=N/SR/TB[a3]');
    expect(graph).toContain('anullsrc=r=48000:cl=stereo,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,atrim=end_sample=96000,asetpts=N/SR/TB[a1]');
  });

  it('leaves slates out when they last no frames', () => {
    const plan = reviewMoviePlan(takes, { ...options, slateFrames: 0 }, '/out/movie.mp4');
    expect(plan.totalFrames).toBe(108);
    expect(plan.args[plan.args.indexOf('-filter_complex') + 1]).toContain('[v0][a0][v1][a1]concat=n=2:v=1:a=1');
  });

  it('leaves a take silent when its sound cannot follow the retime (120 fps on a 24 grid is a fifth of the speed)', () => {
    const fast = { ...takes[1], frameRate: '120/1' };
    const plan = reviewMoviePlan([fast], options, '/o.mp4');
    expect(plan.parts.map((p) => p.sound)).toEqual([false, false]);
    expect(plan.args[plan.args.indexOf('-filter_complex') + 1]).not.toContain('[0:a:0]');
  });

  it('gives the length at an NTSC rate in whole microseconds', () => {
    // 12 + 48 + 12 + 60 = 132 frames × 1001/24000 s = 5.5055 s.
    expect(reviewMoviePlan(takes, { ...options, fpsNum: 24000, fpsDen: 1001 }, '/o.mp4').durationUs).toBe(5_505_500);
  });

  it.each([
    ['an empty playlist', [], options, 'takes'],
    ['a take without frames', [takes[0], { ...takes[1], frames: 0 }], options, 'takes[1].frames'],
    ['an odd frame width', takes, { ...options, width: 321 }, 'width'],
    ['a fractional rate', takes, { ...options, fpsNum: 23.976 }, 'fpsNum'],
    ['a negative slate', takes, { ...options, slateFrames: -1 }, 'slateFrames'],
  ])('refuses %s, naming the field', (_, list, opts, field) => {
    let error: unknown;
    try {
      reviewMoviePlan(list, opts, '/o.mp4');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe(field);
    expect((error as DomainError).code).toBe('request.invalid');
  });
});

describe('a movie made in runs', () => {
  it('cuts the playlist into runs that know where they start', () => {
    expect(reviewMovieRuns(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([
      { first: 0, takes: ['a', 'b'] },
      { first: 2, takes: ['c', 'd'] },
      { first: 4, takes: ['e'] },
    ]);
  });

  it('numbers a later run’s slates in the whole playlist and writes PCM in NUT for the join', () => {
    const { args } = reviewMoviePlan([takes[1]], { ...options, position: { first: 3, count: 7 }, output: 'segment' }, '/s/part.nut');
    expect(args[args.indexOf('-filter_complex') + 1]).toContain('text=4 / 7');
    expect(args.slice(-7)).toEqual(['-bf', '0', '-c:a', 'pcm_s16le', '-f', 'nut', 'file:/s/part.nut']);
  });

  it('lists the segments for the concat demuxer with their lengths, a quote in a path escaped', () => {
    // 96 frames at 24000/1001 are 4.004 s; 1 frame is 41708.33 µs, written to the microsecond.
    expect(
      concatList([
        { path: '/s/a.nut', durationUs: 4_004_000 },
        { path: "/s/it's.nut", durationUs: 41_708 },
      ]),
    ).toBe("file 'file:/s/a.nut'\nduration 4.004000\nfile 'file:/s/it'\\''s.nut'\nduration 0.041708\n");
  });

  it('joins by copying the picture and encoding the sound once', () => {
    expect(joinArgs('/s/list.txt', '/o/movie.mp4')).toEqual([
      '-v',
      'error',
      '-hide_banner',
      '-nostdin',
      '-y',
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      'file:/s/list.txt',
      '-map',
      '0:v:0',
      '-map',
      '0:a:0',
      '-c:v',
      'copy',
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      'file:/o/movie.mp4',
    ]);
  });
});

describe('partSamples', () => {
  it('gives 2000 samples a frame at 24 fps and 2002 at 24000/1001', () => {
    expect(partSamples([12, 48], 24, 1)).toEqual([24_000, 96_000]);
    expect(partSamples([1, 10], 24000, 1001)).toEqual([2002, 20_020]);
  });

  it('ends each part on the sample nearest its last frame, so rounding never drifts', () => {
    // 30000/1001: a frame is 1601.6 samples; the cuts fall at 1601.6 → 1602, 3203.2 → 3203, 4804.8 → 4805, 6406.4 → 6406.
    expect(partSamples([1, 1, 1, 1], 30000, 1001)).toEqual([1602, 1601, 1602, 1601]);
  });
});

describe('movieProgress', () => {
  it.each([
    [1_100_000, 5_500_000, 0.2],
    [0, 5_500_000, 0],
    [6_000_000, 5_500_000, 1],
    [null, 5_500_000, null],
  ])('%s µs of %s µs is %s', (out, total, expected) => {
    expect(movieProgress(out, total)).toBe(expected);
  });
});

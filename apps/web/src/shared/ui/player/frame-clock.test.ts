/** The frame clock at every project rate: seeks land inside their own frame, painted times read back exactly, timecode in NDF and DF. */
import { describe, expect, it } from 'vitest';
import { clampFrame, frameAtTime, frameOfMediaTime, frameStart, hasDropFrame, parseFramePosition, parseRate, secondInFrames, seekTimeOf, timecodeOf } from './frame-clock.ts';

const RATES = ['24/1', '25/1', '24000/1001', '30000/1001', '30/1', '48/1', '50/1', '60000/1001', '60/1'] as const;
/** Microseconds, as Chromium keeps media times (base::TimeDelta). */
const toMicros = (t: number) => Math.round(t * 1e6) / 1e6;

describe('frame ↔ media time', () => {
  // A short clip, a long one, and a clip of one frame.
  for (const rate of RATES) {
    for (const frames of [1, 72, 90, 3 * 60 * 60 * 30]) {
      it(`at ${rate}, ${frames} frames: every seek lands inside its own frame and reads back`, () => {
        const { num, den } = parseRate(rate);
        const duration = (frames * den) / num;
        const step = frames > 1000 ? 997 : 1;
        for (let n = 0; n < frames; n += step) {
          const t = seekTimeOf(n, rate);
          // Strictly inside [start of n, start of n + 1), at least 0.4 frame from either edge.
          expect(t - frameStart(n, rate)).toBeGreaterThan((0.4 * den) / num);
          expect(frameStart(n + 1, rate) - t).toBeGreaterThan((0.4 * den) / num);
          expect(frameAtTime(t, rate)).toBe(n);
          expect(frameAtTime(toMicros(t), rate)).toBe(n);
          // A painted frame's mediaTime is its start, rounded to microseconds (or not at all).
          expect(frameOfMediaTime(frameStart(n, rate), rate)).toBe(n);
          expect(frameOfMediaTime(toMicros(frameStart(n, rate)), rate)).toBe(n);
          expect(t).toBeLessThan(duration);
        }
      });
    }
  }

  it('never doubles the first frame: frames 0 and 1 seek to different frames, 0 to the first', () => {
    for (const rate of RATES) {
      expect(frameAtTime(seekTimeOf(0, rate), rate)).toBe(0);
      expect(frameAtTime(seekTimeOf(1, rate), rate)).toBe(1);
      expect(seekTimeOf(0, rate)).toBeGreaterThan(0);
    }
  });

  it('reaches the last frame: its seek time is before the end and reads back as the last frame', () => {
    for (const rate of RATES) {
      for (const frames of [2, 72, 75, 90, 240]) {
        const last = frames - 1;
        const { num, den } = parseRate(rate);
        expect(seekTimeOf(last, rate)).toBeLessThan((frames * den) / num);
        expect(frameAtTime(seekTimeOf(last, rate), rate)).toBe(last);
        expect(clampFrame(frames + 10, frames)).toBe(last);
      }
    }
  });

  it('reads a time exactly on a frame boundary as the frame that starts there', () => {
    expect(frameAtTime(1001 / 24000, '24000/1001')).toBe(1);
    expect(frameAtTime(71 * (1001 / 24000), '24000/1001')).toBe(71);
    expect(frameAtTime((89 * 1001) / 30000, '30000/1001')).toBe(89);
    expect(frameAtTime(0, '25/1')).toBe(0);
  });

  it('clamps into the clip', () => {
    expect(clampFrame(-3, 72)).toBe(0);
    expect(clampFrame(71, 72)).toBe(71);
    expect(clampFrame(72, 72)).toBe(71);
    expect(clampFrame(5, 0)).toBe(0);
  });

  it('steps a second in whole frames of the nominal rate', () => {
    expect(secondInFrames('24/1')).toBe(24);
    expect(secondInFrames('25/1')).toBe(25);
    expect(secondInFrames('24000/1001')).toBe(24);
    expect(secondInFrames('30000/1001')).toBe(30);
    expect(secondInFrames('60000/1001')).toBe(60);
  });
});

describe('timecode', () => {
  const cases: [number, string, 'ndf' | 'df', string][] = [
    [0, '24/1', 'ndf', '00:00:00:00'],
    [23, '24/1', 'ndf', '00:00:00:23'],
    [24, '24/1', 'ndf', '00:00:01:00'],
    [86_400, '24/1', 'ndf', '01:00:00:00'],
    [24, '25/1', 'ndf', '00:00:00:24'],
    [25, '25/1', 'ndf', '00:00:01:00'],
    [90_000, '25/1', 'ndf', '01:00:00:00'],
    // 23.976 counts 24 a second and runs slow against the clock: no drop-frame exists for it.
    [71, '24000/1001', 'ndf', '00:00:02:23'],
    [86_400, '24000/1001', 'ndf', '01:00:00:00'],
    [86_400, '24000/1001', 'df', '01:00:00:00'],
    [89, '30000/1001', 'ndf', '00:00:02:29'],
    [1800, '30000/1001', 'ndf', '00:01:00:00'],
    // Drop-frame skips ;00 and ;01 at each minute but every tenth.
    [0, '30000/1001', 'df', '00:00:00;00'],
    [89, '30000/1001', 'df', '00:00:02;29'],
    [1799, '30000/1001', 'df', '00:00:59;29'],
    [1800, '30000/1001', 'df', '00:01:00;02'],
    [1801, '30000/1001', 'df', '00:01:00;03'],
    [3597, '30000/1001', 'df', '00:01:59;29'],
    [3598, '30000/1001', 'df', '00:02:00;02'],
    [17_981, '30000/1001', 'df', '00:09:59;29'],
    [17_982, '30000/1001', 'df', '00:10:00;00'],
    [17_983, '30000/1001', 'df', '00:10:00;01'],
    [19_782, '30000/1001', 'df', '00:11:00;02'],
    [107_892, '30000/1001', 'df', '01:00:00;00'],
    // 59.94 drops four.
    [3599, '60000/1001', 'df', '00:00:59;59'],
    [3600, '60000/1001', 'df', '00:01:00;04'],
    [215_784, '60000/1001', 'df', '01:00:00;00'],
    // DF asked of a rate without it reads as NDF.
    [25, '25/1', 'df', '00:00:01:00'],
  ];
  for (const [frame, rate, mode, tc] of cases) {
    it(`frame ${frame} at ${rate} ${mode} is ${tc}`, () => {
      expect(timecodeOf(frame, rate, mode)).toBe(tc);
      expect(parseFramePosition(tc, rate, mode)).toBe(frame);
    });
  }

  it('round-trips every frame of the first twelve minutes at 29.97 DF and 23.976 NDF', () => {
    for (let n = 0; n < 12 * 60 * 30; n++) {
      expect(parseFramePosition(timecodeOf(n, '30000/1001', 'df'), '30000/1001', 'df')).toBe(n);
      expect(parseFramePosition(timecodeOf(n, '24000/1001', 'ndf'), '24000/1001', 'ndf')).toBe(n);
    }
  });

  it('gives each frame its own timecode in DF: no two frames share one, the minute marks skip', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 20_000; n++) seen.add(timecodeOf(n, '30000/1001', 'df'));
    expect(seen.size).toBe(20_000);
    expect(seen.has('00:01:00;00')).toBe(false);
    expect(seen.has('00:01:00;01')).toBe(false);
    expect(seen.has('00:10:00;00')).toBe(true);
  });

  it('reads typed positions: frame numbers, timecodes, and refuses dropped numbers', () => {
    expect(parseFramePosition(' 137 ', '24/1')).toBe(137);
    expect(parseFramePosition('00:00:05:17', '24/1')).toBe(137);
    expect(parseFramePosition('00:01:00;00', '30000/1001', 'df')).toBeNull();
    expect(parseFramePosition('00:00:01:24', '24/1')).toBeNull();
    expect(parseFramePosition('soon', '24/1')).toBeNull();
  });

  it('knows which rates have drop-frame', () => {
    expect(RATES.filter((r) => hasDropFrame(r))).toEqual(['30000/1001', '60000/1001']);
  });
});

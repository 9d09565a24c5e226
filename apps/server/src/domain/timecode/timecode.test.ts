import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import type { Rational } from '../project/project.rules.ts';
import { frameRangeTimecode, frameToTimecode, nominalRate, timecodeToFrame, type TimecodeMode } from './timecode.ts';

const R = (text: string): Rational => {
  const [num, den] = text.split('/').map(Number);
  return { num, den };
};

describe('nominal rates', () => {
  it.each([
    ['24/1', 24],
    ['24000/1001', 24],
    ['25/1', 25],
    ['30000/1001', 30],
    ['30/1', 30],
    ['48/1', 48],
    ['50/1', 50],
    ['60000/1001', 60],
    ['60/1', 60],
  ])('%s counts %i frames a second', (rate, n) => {
    expect(nominalRate(R(rate))).toBe(n);
  });
});

describe('frame → timecode', () => {
  it.each<[string, TimecodeMode, number, string]>([
    ['24/1', 'ndf', 0, '00:00:00:00'],
    ['24/1', 'ndf', 23, '00:00:00:23'],
    ['24/1', 'ndf', 24, '00:00:01:00'],
    ['24/1', 'ndf', 86_400, '01:00:00:00'],
    ['25/1', 'ndf', 12, '00:00:00:12'],
    ['25/1', 'ndf', 25, '00:00:01:00'],
    ['25/1', 'ndf', 90_000, '01:00:00:00'],
    // 23.976 counts at 24, without drop-frame: the label runs slow against the clock.
    ['24000/1001', 'ndf', 1439, '00:00:59:23'],
    ['24000/1001', 'ndf', 1440, '00:01:00:00'],
    ['24000/1001', 'ndf', 86_400, '01:00:00:00'],
    ['30000/1001', 'ndf', 1800, '00:01:00:00'],
    ['30000/1001', 'ndf', 107_892, '00:59:56:12'],
    // 29.97 drop-frame: ;00 and ;01 are skipped at each minute but every tenth.
    ['30000/1001', 'df', 0, '00:00:00;00'],
    ['30000/1001', 'df', 1799, '00:00:59;29'],
    ['30000/1001', 'df', 1800, '00:01:00;02'],
    ['30000/1001', 'df', 3597, '00:01:59;29'],
    ['30000/1001', 'df', 3598, '00:02:00;02'],
    ['30000/1001', 'df', 17_981, '00:09:59;29'],
    ['30000/1001', 'df', 17_982, '00:10:00;00'],
    ['30000/1001', 'df', 17_983, '00:10:00;01'],
    ['30000/1001', 'df', 17_984, '00:10:00;02'],
    ['30000/1001', 'df', 19_782, '00:11:00;02'],
    ['30000/1001', 'df', 107_892, '01:00:00;00'],
    // 59.94 drop-frame skips four labels a minute.
    ['60000/1001', 'df', 3599, '00:00:59;59'],
    ['60000/1001', 'df', 3600, '00:01:00;04'],
    ['60000/1001', 'df', 35_964, '00:10:00;00'],
    ['60000/1001', 'df', 215_784, '01:00:00;00'],
    ['60000/1001', 'ndf', 3600, '00:01:00:00'],
  ])('%s %s frame %i is %s', (rate, mode, frame, tc) => {
    expect(frameToTimecode(frame, R(rate), mode)).toBe(tc);
    expect(timecodeToFrame(tc, R(rate), mode)).toBe(frame);
  });

  it('keeps counting hours past a day', () => {
    expect(frameToTimecode(25 * 3600 * 24, R('24/1'), 'ndf')).toBe('25:00:00:00');
    expect(timecodeToFrame('25:00:00:00', R('24/1'), 'ndf')).toBe(25 * 3600 * 24);
  });

  it('writes a frame or a range', () => {
    expect(frameRangeTimecode(null, null, R('24/1'), 'ndf')).toBeNull();
    expect(frameRangeTimecode(12, null, R('24/1'), 'ndf')).toBe('00:00:00:12');
    expect(frameRangeTimecode(12, 12, R('24/1'), 'ndf')).toBe('00:00:00:12');
    expect(frameRangeTimecode(1799, 1800, R('30000/1001'), 'df')).toBe('00:00:59;29–00:01:00;02');
  });
});

describe('round trips', () => {
  it.each<[string, TimecodeMode]>([
    ['24/1', 'ndf'],
    ['24000/1001', 'ndf'],
    ['25/1', 'ndf'],
    ['30000/1001', 'ndf'],
    ['30000/1001', 'df'],
    ['60000/1001', 'df'],
  ])('%s %s: every frame of 25 minutes has its own label, in order, and reads back', (rate, mode) => {
    const r = R(rate);
    const frames = nominalRate(r) * 60 * 25;
    let previous = '';
    const wrong: string[] = [];
    for (let f = 0; f < frames; f++) {
      const tc = frameToTimecode(f, r, mode);
      // Fixed-width labels sort as text, so strictly increasing text means distinct and in order.
      if (!(tc > previous) || timecodeToFrame(tc, r, mode) !== f) wrong.push(`${f} ${tc}`);
      previous = tc;
    }
    expect(wrong).toEqual([]);
  });

  it('reads back frames far into a long take', () => {
    for (const f of [1_000_003, 2_589_407, 5_178_816]) {
      expect(timecodeToFrame(frameToTimecode(f, R('30000/1001'), 'df'), R('30000/1001'), 'df')).toBe(f);
      expect(timecodeToFrame(frameToTimecode(f, R('60000/1001'), 'df'), R('60000/1001'), 'df')).toBe(f);
    }
  });
});

describe('refusals', () => {
  const refused = (work: () => unknown): DomainError => {
    try {
      work();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      return e as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    ['00:01:00;00', '30000/1001'],
    ['00:01:00;01', '30000/1001'],
    ['00:59:00;01', '30000/1001'],
    ['00:01:00;03', '60000/1001'],
  ])('%s at %s drop-frame is a skipped label', (tc, rate) => {
    expect(refused(() => timecodeToFrame(tc, R(rate), 'df')).message).toMatch(/skipped/);
  });

  it('allows the first labels of every tenth minute', () => {
    expect(timecodeToFrame('00:20:00;00', R('30000/1001'), 'df')).toBe(2 * 17_982);
  });

  it.each([
    ['00:00:00:24', '24/1'],
    ['00:00:60:00', '24/1'],
    ['00:60:00:00', '25/1'],
    ['0:00:00:00', '25/1'],
    ['00:00:00', '25/1'],
    ['tomorrow', '25/1'],
  ])('refuses %s at %s, naming the field', (tc, rate) => {
    expect(refused(() => timecodeToFrame(tc, R(rate), 'ndf', 'in')).field).toBe('in');
  });

  it('refuses drop-frame where the rate has none, and frames that are not whole or negative', () => {
    expect(refused(() => frameToTimecode(10, R('24000/1001'), 'df')).field).toBe('timecodeMode');
    expect(refused(() => frameToTimecode(10, R('30/1'), 'df')).field).toBe('timecodeMode');
    expect(refused(() => frameToTimecode(-1, R('24/1'), 'ndf')).field).toBe('frame');
    expect(refused(() => frameToTimecode(1.5, R('24/1'), 'ndf')).field).toBe('frame');
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { aspectOf, assertTimecodeMode, dropFrameAllowed, formatAmount, parseAmount, parseRate } from './project.rules.ts';

describe('frame rates and timecode', () => {
  it.each([
    ['24/1', 24, 1],
    ['24000/1001', 24000, 1001],
    ['30000/1001', 30000, 1001],
  ])('parses %s as a rational', (text, num, den) => {
    expect(parseRate(text)).toEqual({ num, den });
  });

  it.each(['24', '23.976', '0/1', '24/0', ''])('refuses %j naming the field', (text) => {
    try {
      parseRate(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).field).toBe('frameRate');
    }
  });

  it('allows drop-frame only at 29.97 and 59.94', () => {
    expect(dropFrameAllowed({ num: 30000, den: 1001 })).toBe(true);
    expect(dropFrameAllowed({ num: 60000, den: 1001 })).toBe(true);
    expect(dropFrameAllowed({ num: 24000, den: 1001 })).toBe(false);
    expect(dropFrameAllowed({ num: 30, den: 1 })).toBe(false);
    expect(() => assertTimecodeMode({ num: 24, den: 1 }, 'df')).toThrow(/non-drop-frame/);
    expect(() => assertTimecodeMode({ num: 24, den: 1 }, 'ndf')).not.toThrow();
  });
});

describe('money in micro-units', () => {
  it.each([
    ['0', 0],
    ['25000', 25_000_000_000],
    ['1999.99', 1_999_990_000],
    ['0.000001', 1],
    // biome-ignore lint/correctness/noPrecisionLoss: the largest amount is checked as the double the server also holds it as
    ['999999999999.999999', 999_999_999_999_999_999],
  ])('parses %s exactly', (text, micros) => {
    if (Number.isSafeInteger(micros)) expect(parseAmount(text)).toBe(micros);
  });

  it('never passes through floating point: 0.1 + 0.2 stays 0.30', () => {
    expect(formatAmount(parseAmount('0.1') + parseAmount('0.2'))).toBe('0.30');
  });

  it.each(['-1', '1e6', '1.2345678', 'ten', '1,000'])('refuses %j', (text) => {
    expect(() => parseAmount(text)).toThrow(DomainError);
  });

  it('formats with at least two decimals', () => {
    expect(formatAmount(25_000_000_000)).toBe('25000.00');
    expect(formatAmount(125_000)).toBe('0.125');
  });
});

describe('aspect', () => {
  it.each([
    [1920, 1080, '16:9'],
    [2048, 858, '1024:429'],
    [1080, 1920, '9:16'],
    [4096, 2160, '256:135'],
  ])('%i×%i is %s', (w, h, a) => expect(aspectOf(w, h)).toBe(a));
});

import { describe, expect, it } from 'vitest';
import { percentOf, showMovieProgress } from './review-movie-progress.ts';

/** A stream that is not a terminal, keeping what was written. */
function logStream() {
  const lines: string[] = [];
  return { lines, out: { isTTY: false, write: (text: string) => lines.push(text) > 0 } };
}

describe('percentOf', () => {
  it.each([
    [0, 0],
    [0.999, 99],
    [1, 100],
    [0.29, 29],
    [1.2, 100],
    [-0.1, 0],
    [Number.NaN, 0],
  ])('%s is %s %%', (fraction, percent) => {
    expect(percentOf(fraction)).toBe(percent);
  });
});

describe('showMovieProgress without a terminal', () => {
  it('says the start, each tenth passed once, and the end', () => {
    const { lines, out } = logStream();
    const display = showMovieProgress('Review movie', out);
    for (const f of [0.02, 0.05, 0.12, 0.19, 0.11, 0.5, 0.51, 0.999]) display.update(f);
    display.finish('Saved dailies.mp4');
    expect(lines).toEqual(['Review movie: 0%\n', 'Review movie: 10%\n', 'Review movie: 50%\n', 'Review movie: 90%\n', 'Review movie: 100%\n', 'Saved dailies.mp4\n']);
  });

  it('says why a build stopped, and nothing after', () => {
    const { lines, out } = logStream();
    const display = showMovieProgress('Review movie', out);
    display.update(0.3);
    display.fail('ffmpeg cannot read the clip');
    display.update(0.9);
    display.finish('never said');
    expect(lines).toEqual(['Review movie: 0%\n', 'Review movie: 30%\n', 'Review movie failed: ffmpeg cannot read the clip\n']);
  });
});

describe('showMovieProgress on a terminal', () => {
  it('draws a bar that ends full, then says the message', () => {
    const written: string[] = [];
    const out = { isTTY: true, columns: 100, write: (text: string) => written.push(text) > 0 };
    const display = showMovieProgress('Review movie', out);
    display.update(0.5);
    display.finish('Saved dailies.mp4');
    const text = written.join('');
    expect(text).toContain('Review movie |');
    expect(text).toContain('100%');
    expect(text.trimEnd().endsWith('Saved dailies.mp4')).toBe(true);
  });
});

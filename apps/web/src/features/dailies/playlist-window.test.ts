import { describe, expect, it } from 'vitest';
import { rowsInView, scrollToShow } from './playlist-window.ts';

// A box 400 px high over rows of 40 px: ten rows show at once.
const box = (scrollTop: number) => ({ scrollTop, clientHeight: 400 });

describe('the rows a long playlist draws', () => {
  it('draws the ten rows in view and twelve either side, none before the first', () => {
    expect(rowsInView(box(0), 40, 5000, 12)).toEqual({ first: 0, last: 22 });
    // Scrolled to row 1,000: rows 988 to 1,021 (1,010 is the first not in view, plus twelve).
    expect(rowsInView(box(40_000), 40, 5000, 12)).toEqual({ first: 988, last: 1022 });
  });

  it('stops at the last row, and draws every row of a list shorter than the box', () => {
    expect(rowsInView(box(199_600), 40, 5000, 12)).toEqual({ first: 4978, last: 5000 });
    expect(rowsInView(box(0), 40, 3, 12)).toEqual({ first: 0, last: 3 });
  });

  it('counts a row partly in view as in view', () => {
    // Scrolled 20 px into row 5: rows 5 to 15 show, 15 only in part.
    expect(rowsInView(box(220), 40, 5000, 0)).toEqual({ first: 5, last: 16 });
  });
});

describe('scrolling a playlist to the take on screen', () => {
  it('leaves the box where it is when the row is wholly in view', () => {
    expect(scrollToShow(box(400), 40, 10)).toBe(400);
    expect(scrollToShow(box(400), 40, 19)).toBe(400);
  });

  it('brings a row above or below into the middle of the box', () => {
    // Row 20 (800–840 px) is just below a box at 400: it goes to 800 - 180 = 620.
    expect(scrollToShow(box(400), 40, 20)).toBe(620);
    expect(scrollToShow(box(4000), 40, 3)).toBe(0);
    expect(scrollToShow(box(0), 40, 2500)).toBe(99_820);
  });
});

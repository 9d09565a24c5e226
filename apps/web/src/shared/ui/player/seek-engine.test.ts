/** The seek engine: steps, arrow keys, the shuttle's speeds, the reverse clock, scrubbing and the times seeks set, worked out by hand. */
import { describe, expect, it } from 'vitest';
import { frameAtTime } from './frame-clock.ts';
import { arrowStep, frameAtPointer, MAX_SPEED, overlaps, playFrom, repaintTime, reverseFrame, seekTime, shuttleSpeed, stepTarget } from './seek-engine.ts';

describe('steps', () => {
  it('moves by frames and stays inside the clip', () => {
    expect(stepTarget(10, 1, 72)).toBe(11);
    expect(stepTarget(10, -1, 72)).toBe(9);
    expect(stepTarget(0, -1, 72)).toBe(0);
    expect(stepTarget(71, 1, 72)).toBe(71);
    expect(stepTarget(60, 24, 72)).toBe(71);
    expect(stepTarget(5, -24, 72)).toBe(0);
  });

  it('an arrow is one frame, a second with shift, backward on ←', () => {
    expect(arrowStep('ArrowRight', false, 24)).toBe(1);
    expect(arrowStep('ArrowLeft', false, 24)).toBe(-1);
    expect(arrowStep('ArrowRight', true, 24)).toBe(24);
    expect(arrowStep('ArrowLeft', true, 30)).toBe(-30);
  });
});

describe('the shuttle', () => {
  it('L from pause plays at 1, again at 2, 4, 8 and no faster', () => {
    expect(shuttleSpeed({ kind: 'paused' }, 'forward')).toBe(1);
    expect(shuttleSpeed({ kind: 'forward', speed: 1 }, 'forward')).toBe(2);
    expect(shuttleSpeed({ kind: 'forward', speed: 4 }, 'forward')).toBe(8);
    expect(shuttleSpeed({ kind: 'forward', speed: 8 }, 'forward')).toBe(MAX_SPEED);
    expect(MAX_SPEED).toBe(8);
  });

  it('J while playing forward starts backward at 1; J again doubles', () => {
    expect(shuttleSpeed({ kind: 'forward', speed: 4 }, 'reverse')).toBe(1);
    expect(shuttleSpeed({ kind: 'reverse', speed: 2, from: 40, since: 0 }, 'reverse')).toBe(4);
  });

  it('forward play from the last frame starts over from the first', () => {
    expect(playFrom(71, 72)).toBe(0);
    expect(playFrom(70, 72)).toBeNull();
    expect(playFrom(0, 72)).toBeNull();
    expect(playFrom(0, 1)).toBe(0);
  });

  it('backward at 24 fps: 12 frames after half a second at speed 1, 24 at speed 2, never before frame 0', () => {
    expect(reverseFrame({ from: 48, speed: 1 }, 0, 24)).toBe(48);
    expect(reverseFrame({ from: 48, speed: 1 }, 500, 24)).toBe(36);
    expect(reverseFrame({ from: 48, speed: 2 }, 500, 24)).toBe(24);
    expect(reverseFrame({ from: 48, speed: 1 }, 30, 24)).toBe(48);
    expect(reverseFrame({ from: 10, speed: 8 }, 1000, 24)).toBe(0);
  });
});

describe('scrubbing the timeline', () => {
  it('maps the pointer to the frame under it, with both ends inside the clip', () => {
    // 10 frames on a 100 px bar: each frame is 10 px wide.
    expect(frameAtPointer(0, 100, 10)).toBe(0);
    expect(frameAtPointer(9.9, 100, 10)).toBe(0);
    expect(frameAtPointer(10, 100, 10)).toBe(1);
    expect(frameAtPointer(55, 100, 10)).toBe(5);
    expect(frameAtPointer(100, 100, 10)).toBe(9);
    expect(frameAtPointer(-20, 100, 10)).toBe(0);
    expect(frameAtPointer(250, 100, 10)).toBe(9);
  });
});

describe('seeks', () => {
  it('counts a seek within 300 ms of the last as overlapping it', () => {
    expect(overlaps(1299, 1000)).toBe(true);
    expect(overlaps(1300, 1000)).toBe(false);
  });

  it('sets the middle of the frame, clamped to the clip', () => {
    // At 24/1 frame 12 runs from 0.5 s to 0.541666 s: its middle is 0.520833 s.
    expect(seekTime(12, 72, '24/1')).toBeCloseTo(0.5208333, 6);
    expect(seekTime(500, 72, '24/1')).toBeCloseTo((71 + 0.5) / 24, 6);
    expect(seekTime(-3, 72, '24/1')).toBeCloseTo(0.5 / 24, 6);
  });

  it('repaints a frame from a quarter into it, still inside the same frame', () => {
    // At 24000/1001 frame 10 starts at 10 × 1001/24000 s = 0.417083 s; a quarter in is 0.427510 s.
    expect(repaintTime(10, '24000/1001')).toBeCloseTo((10.25 * 1001) / 24000, 9);
    expect(frameAtTime(repaintTime(10, '24000/1001'), '24000/1001')).toBe(10);
    expect(repaintTime(10, '24000/1001')).not.toBeCloseTo(seekTime(10, 100, '24000/1001'), 4);
  });
});

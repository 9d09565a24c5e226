import type { PresenterState } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { FOLLOW_START, followReducer, fpsOf, mustResync, presenterFrameAt, shownTakeId, todayUtc } from './follow.ts';

const state = (seq: number, over: Partial<PresenterState> = {}): PresenterState => ({
  sessionId: 's1',
  seq,
  presenter: { id: 'a1', name: 'Dana' },
  itemId: 'i1',
  takeId: 't1',
  versionTakeId: null,
  playing: false,
  frame: 10,
  rate: 1,
  layout: 'single',
  compareItemId: null,
  wipe: 0.5,
  at: '2026-03-01T10:00:00.000Z',
  ...over,
});

describe('following the presenter', () => {
  it('takes a newer state and ignores one that is older or the same', () => {
    const s3 = followReducer(FOLLOW_START, { type: 'presented', state: state(3, { frame: 30 }) });
    expect(s3.presenter?.frame).toBe(30);
    expect(followReducer(s3, { type: 'presented', state: state(2, { frame: 20 }) }).presenter?.frame).toBe(30);
    expect(followReducer(s3, { type: 'presented', state: state(3, { frame: 99 }) }).presenter?.frame).toBe(30);
    expect(followReducer(s3, { type: 'presented', state: state(4, { frame: 40 }) }).presenter?.frame).toBe(40);
  });

  it('keeps the state it has when told of no presenter', () => {
    const s = followReducer(FOLLOW_START, { type: 'presented', state: state(1) });
    expect(followReducer(s, { type: 'presented', state: null })).toBe(s);
  });

  it('takes another session’s state whatever its number', () => {
    const s = followReducer(FOLLOW_START, { type: 'presented', state: state(9) });
    expect(followReducer(s, { type: 'presented', state: state(1, { sessionId: 's2' }) }).presenter?.sessionId).toBe('s2');
  });

  it('a private look stops following and snapping back follows again, the presenter kept throughout', () => {
    const s = followReducer(FOLLOW_START, { type: 'presented', state: state(1) });
    const looking = followReducer(s, { type: 'look' });
    expect(looking.following).toBe(false);
    const newer = followReducer(looking, { type: 'presented', state: state(2, { frame: 50 }) });
    expect(newer.following).toBe(false);
    expect(newer.presenter?.frame).toBe(50);
    expect(followReducer(newer, { type: 'snap' })).toEqual({ presenter: newer.presenter, following: true });
  });
});

describe("the presenter's playhead", () => {
  it('stays where it was paused', () => {
    expect(presenterFrameAt(state(1, { frame: 10 }), Date.parse('2026-03-01T10:00:05Z'), 24)).toBe(10);
  });
  it('moves on at the rate and speed while playing: 2 s at 24 fps from frame 10 is frame 58', () => {
    expect(presenterFrameAt(state(1, { playing: true, frame: 10 }), Date.parse('2026-03-01T10:00:02Z'), 24)).toBe(58);
    expect(presenterFrameAt(state(1, { playing: true, frame: 10, rate: 2 }), Date.parse('2026-03-01T10:00:01Z'), 24)).toBe(58);
  });
  it('stops at the last frame of the clip and never goes below 0', () => {
    expect(presenterFrameAt(state(1, { playing: true, frame: 10 }), Date.parse('2026-03-01T10:01:00Z'), 24, 48)).toBe(47);
    expect(presenterFrameAt(state(1, { playing: true, frame: 10, rate: -4 }), Date.parse('2026-03-01T10:00:10Z'), 24)).toBe(0);
  });
  it('a clock slightly behind the server counts no time backwards', () => {
    expect(presenterFrameAt(state(1, { playing: true, frame: 10 }), Date.parse('2026-03-01T09:59:59Z'), 24)).toBe(10);
  });
});

describe('moving a follower', () => {
  it('moves a paused player on any other frame, and one playing or paused against the presenter', () => {
    expect(mustResync({ frame: 10, playing: false }, { frame: 10, playing: false }, 6)).toBe(false);
    expect(mustResync({ frame: 11, playing: false }, { frame: 10, playing: false }, 6)).toBe(true);
    expect(mustResync({ frame: 10, playing: true }, { frame: 10, playing: false }, 6)).toBe(true);
    expect(mustResync({ frame: 10, playing: false }, { frame: 10, playing: true }, 6)).toBe(true);
  });
  it('lets a playing player drift up to the tolerance', () => {
    expect(mustResync({ frame: 106, playing: true }, { frame: 100, playing: true }, 6)).toBe(false);
    expect(mustResync({ frame: 107, playing: true }, { frame: 100, playing: true }, 6)).toBe(true);
  });
});

describe('small words', () => {
  it('shows the version when one is chosen, else the item’s take', () => {
    expect(shownTakeId({ takeId: 't1', versionTakeId: null })).toBe('t1');
    expect(shownTakeId({ takeId: 't1', versionTakeId: 't7' })).toBe('t7');
  });
  it('reads project rates', () => {
    expect(fpsOf('24')).toBe(24);
    expect(fpsOf('30000/1001')).toBeCloseTo(29.97, 2);
  });
  it('names the day in UTC', () => {
    expect(todayUtc(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
  });
});

/** The pure parts of the takes UI: filmstrip tiles, the generate draft, continuity summaries, amounts and live list updates. */
import type { Take } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { tileAt, tileFrame, tileStyle, type Filmstrip } from './filmstrip.ts';
import { draftFromTake, emptyDraft, requestOf } from './generate-draft.ts';
import { exceeds } from './generation-preview.tsx';
import { frameAt } from './take-player.tsx';
import { batchStatus, costLine, durationsLabel, statusLine, worstContinuity } from '../../shared/production/take-words.ts';
import { applyEvent } from '../../shared/events/project-events.ts';
import { upsertTake } from './use-shot-takes.ts';

const strip: Filmstrip = { url: '/s.jpg', frames: 10, columns: 5, tileWidth: 160, tileHeight: 90, frameNumbers: [0, 2, 5, 7, 10, 12, 15, 17, 20, 23] };

describe('filmstrip scrubbing', () => {
  it.each([
    [0, 0],
    [0.05, 0],
    [0.1, 1],
    [0.55, 5],
    [0.999, 9],
    [1, 9],
    [-0.2, 0],
    [1.4, 9],
  ])('a pointer at %f shows tile %i', (fraction, tile) => expect(tileAt(strip, fraction)).toBe(tile));

  it('moves the sprite by whole tiles in percentages', () => {
    expect(tileStyle(strip, 0)).toMatchObject({ backgroundSize: '500% 200%', backgroundPosition: '0% 0%' });
    expect(tileStyle(strip, 4)).toMatchObject({ backgroundPosition: '100% 0%' });
    expect(tileStyle(strip, 7)).toMatchObject({ backgroundPosition: '50% 100%' });
    expect(tileFrame(strip, 9)).toBe(23);
  });

  it('copes with a single tile', () => {
    const one = { ...strip, frames: 1, columns: 1, frameNumbers: [0] };
    expect(tileAt(one, 0.7)).toBe(0);
    expect(tileStyle(one, 0)).toMatchObject({ backgroundSize: '100% 100%', backgroundPosition: '0% 0%' });
  });
});

describe('the generate draft', () => {
  const models = [
    { provider: 'seedance', model: 'pro', available: false },
    { provider: 'previs', model: 'previs-1', available: true },
  ] as never;

  it('starts on the first model that can be used, leaving settings to the plan', () => {
    const draft = emptyDraft(models);
    expect(draft).toMatchObject({ provider: 'previs', model: 'previs-1', count: '1' });
    expect(requestOf(draft)).toEqual({ input: { provider: 'previs', model: 'previs-1', settings: {}, count: 1 } });
  });

  it('sends only what was typed, as numbers', () => {
    const made = requestOf({ ...emptyDraft(models), durationFrames: ' 48 ', seed: '7', audio: 'off', aspectRatio: '21:9', count: '3', promptAddition: '  dusk ' });
    expect(made).toEqual({ input: { provider: 'previs', model: 'previs-1', settings: { durationFrames: 48, seed: 7, generateAudio: false, aspectRatio: '21:9', promptAddition: 'dusk' }, count: 3 } });
  });

  it('names the field of a number that is not one', () => {
    const made = requestOf({ ...emptyDraft(models), durationFrames: '2s' });
    expect('error' in made && made.error.field).toBe('settings.durationFrames');
  });

  it('names every bad field at once, each with its problem', () => {
    const made = requestOf({ ...emptyDraft(models), durationFrames: '0', seed: 'abc', count: '13' });
    expect('error' in made && made.error.problems).toEqual([
      { field: 'settings.seed', message: 'must be a whole number' },
      { field: 'settings.durationFrames', message: expect.stringMatching(/1/) },
      { field: 'count', message: 'must be at most 12' },
    ]);
  });

  it('regenerates a take with its settings, its seed only when kept', () => {
    const take = { id: 't1', code: 'TK003', provider: 'previs', model: 'previs-1', seed: 99, settings: { durationFrames: 24, generateAudio: true, resolution: '720p' } } as unknown as Take;
    expect(draftFromTake(take, false)).toMatchObject({ durationFrames: '24', audio: 'on', resolution: '720p', seed: '', parentTakeId: 't1', parentCode: 'TK003' });
    expect(draftFromTake(take, true).seed).toBe('99');
    const made = requestOf(draftFromTake(take, true));
    expect('input' in made && made.input).toMatchObject({ parentTakeId: 't1', settings: { seed: 99, durationFrames: 24 } });
  });
});

describe('words and amounts', () => {
  it('summarises continuity by its worst result', () => {
    const r = (result: 'pass' | 'warn' | 'fail') => ({ check: 'duration', result, measured: '', expected: '', threshold: '' }) as const;
    expect(worstContinuity([])).toBeUndefined();
    expect(worstContinuity([r('pass'), r('pass')])).toEqual({ result: 'pass', count: 2, total: 2 });
    expect(worstContinuity([r('pass'), r('warn'), r('fail'), r('warn')])).toEqual({ result: 'fail', count: 1, total: 4 });
  });

  it('compares decimal amounts without floats', () => {
    expect(exceeds('10.000001', '10')).toBe(true);
    expect(exceeds('10.00', '10')).toBe(false);
    expect(exceeds('9.99', '10.5')).toBe(false);
    expect(exceeds('123456789012.5', '123456789012.4')).toBe(true);
  });

  it('says the status, with progress while running, and the cost', () => {
    expect(statusLine({ status: 'running', progress: 0.426 })).toBe('running 43%');
    expect(statusLine({ status: 'queued', progress: null })).toBe('queued');
    expect(costLine({ status: 'running', cost: { currency: 'USD', estimated: '1.20', reserved: '1.20', actual: null, detail: '' } } as Take)).toBe('~1.20 USD');
    expect(costLine({ status: 'canceled', cost: { currency: 'USD', estimated: '1.20', reserved: '0', actual: null, detail: '' } } as Take)).toBeUndefined();
    expect(costLine({ cost: { currency: 'USD', estimated: '1.20', reserved: '1.20', actual: '0.90', detail: '' } } as Take)).toBe('0.90 USD');
  });

  it('folds a model’s durations into runs', () => {
    expect(durationsLabel(Array.from({ length: 60 }, (_, i) => i + 1))).toBe('1–60 s');
    expect(durationsLabel([10, 5])).toBe('5, 10 s');
    expect(durationsLabel([2, 3, 4, 8, 9])).toBe('2–4, 8, 9 s');
  });

  it('puts a time on the project grid', () => {
    expect(frameAt(0, '24/1')).toBe(0);
    expect(frameAt(1.0208, '24/1')).toBe(24);
    expect(frameAt(4.004, '24000/1001')).toBe(96);
  });
});

describe('live list updates', () => {
  const take = (id: string, number: number, updatedAt: string, status: Take['status'] = 'queued') => ({ id, number, updatedAt, status, progress: null }) as Take;

  it('adds new takes newest first and keeps the fresher copy', () => {
    let list = [take('a', 1, '2025-01-01T00:00:01Z')];
    list = upsertTake(list, take('b', 2, '2025-01-01T00:00:02Z'));
    expect(list.map((t) => t.id)).toEqual(['b', 'a']);
    list = upsertTake(list, take('a', 1, '2025-01-01T00:00:05Z', 'running'));
    expect(list[1].status).toBe('running');
    list = upsertTake(list, take('a', 1, '2025-01-01T00:00:03Z', 'submitted'));
    expect(list[1].status).toBe('running');
  });

  it('shows an event at once unless the take is already newer', () => {
    const list = [take('a', 1, '2025-01-01T00:00:05Z')];
    const event = { type: 'take.changed', projectId: 'p', takeId: 'a', shotId: 's', status: 'running', progress: 0.5 } as const;
    expect(applyEvent(list, { ...event, at: '2025-01-01T00:00:06Z' })[0]).toMatchObject({ status: 'running', progress: 0.5 });
    expect(applyEvent(list, { ...event, at: '2025-01-01T00:00:04Z' })[0].status).toBe('queued');
  });
});

describe('the status of a batch just asked for', () => {
  const t = (number: number, status: Take['status']) => ({ code: `TK00${number}`, number, status });
  it('says queued while all wait, then how many are where, then how they ended', () => {
    expect(batchStatus([t(3, 'queued'), t(1, 'queued'), t(2, 'queued')]).text).toBe('TK001–TK003 queued.');
    expect(batchStatus([t(1, 'running'), t(2, 'queued'), t(3, 'queued')]).text).toBe('TK001–TK003: 2 queued, 1 running.');
    expect(batchStatus([t(1, 'succeeded'), t(2, 'succeeded'), t(3, 'running')])).toEqual({ text: 'TK001–TK003: 1 running, 2 succeeded.', done: false, trouble: false });
    expect(batchStatus([t(1, 'succeeded'), t(2, 'succeeded'), t(3, 'succeeded')])).toEqual({ text: 'TK001–TK003 succeeded.', done: true, trouble: false });
    expect(batchStatus([t(1, 'succeeded'), t(2, 'failed')])).toEqual({ text: 'TK001–TK002: 1 succeeded, 1 failed.', done: true, trouble: true });
    expect(batchStatus([t(4, 'queued')]).text).toBe('TK004 queued.');
  });
});

import { GENERATION_STATUSES, type GenerationStatus } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, canTransition, cancelOutcome, describeProviderError, isTerminal, retryDelayMs } from './take-states.ts';

describe('generation status transitions', () => {
  it.each<[GenerationStatus, GenerationStatus, boolean]>([
    ['awaiting_approval', 'queued', true],
    ['awaiting_approval', 'canceled', true],
    ['awaiting_approval', 'submitted', false],
    ['queued', 'submitted', true],
    ['queued', 'running', true],
    ['queued', 'canceled', true],
    ['queued', 'failed', true],
    ['queued', 'succeeded', false],
    ['queued', 'cancel_requested', true], // a take whose send had begun when it was canceled
    ['submitted', 'running', true],
    ['submitted', 'succeeded', true],
    ['submitted', 'cancel_requested', true],
    ['submitted', 'queued', false],
    ['running', 'succeeded', true],
    ['running', 'failed', true],
    ['running', 'cancel_requested', true],
    ['running', 'submitted', false],
    ['running', 'running', true],
    ['cancel_requested', 'canceled', true],
    ['cancel_requested', 'succeeded', false],
    ['cancel_requested', 'running', false],
    ['succeeded', 'failed', false],
    ['succeeded', 'succeeded', false],
    ['failed', 'queued', false],
    ['canceled', 'canceled', false],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('never leaves a terminal status', () => {
    for (const from of GENERATION_STATUSES.filter(isTerminal)) {
      for (const to of GENERATION_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
    expect(GENERATION_STATUSES.filter(isTerminal)).toEqual(['succeeded', 'failed', 'canceled']);
  });

  it('lets every live status end canceled', () => {
    for (const from of GENERATION_STATUSES.filter((s) => !isTerminal(s))) expect(canTransition(from, 'canceled')).toBe(true);
  });
});

describe('cancel outcome', () => {
  it.each<[GenerationStatus, string]>([
    ['awaiting_approval', 'canceled_free'],
    ['queued', 'canceled_free'],
    ['submitted', 'cancel_at_provider'],
    ['running', 'cancel_at_provider'],
    ['cancel_requested', 'not_cancelable'],
    ['succeeded', 'not_cancelable'],
    ['failed', 'not_cancelable'],
    ['canceled', 'not_cancelable'],
  ])('%s → %s', (status, outcome) => {
    expect(cancelOutcome(status)).toBe(outcome);
  });

  it('asks the provider to stop a queued take whose send has begun, since it may have arrived', () => {
    expect(cancelOutcome('queued', true)).toBe('cancel_at_provider');
    expect(cancelOutcome('awaiting_approval', true)).toBe('canceled_free');
  });
});

describe('retry backoff', () => {
  it('doubles from 2 s and stops at 60 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map(retryDelayMs)).toEqual([2_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(MAX_ATTEMPTS).toBe(6);
  });
});

describe('provider errors in words', () => {
  it.each([
    [{ code: '1301', message: 'prompt flagged', category: 'moderation' }, 'Kling refused the prompt on content policy: prompt flagged'],
    [{ code: '401', message: 'bad token', category: 'auth' }, "Runway did not accept Backlot's key (an owner should check it in the provider keys): bad token"],
    [{ code: 'insufficient_quota', message: '', category: 'quota' }, 'Runway says the account is out of credit or over its quota (code insufficient_quota)'],
    [{ code: '429', message: 'slow down', category: 'rate_limit' }, 'Runway was too busy and asked Backlot to slow down: slow down'],
    [{ code: 'expired', message: 'task expired after 48 h', category: 'expired' }, 'Runway let the task expire before it finished: task expired after 48 h'],
    [{ code: 'x', message: 'odd', category: 'something new' }, 'Runway could not make the take: odd'],
  ])('%j', (e, words) => {
    const label = e.code === '1301' ? 'Kling' : 'Runway';
    expect(describeProviderError(e, label)).toBe(words);
  });

  it('says an expiry met while downloading is the link to the finished video, not the task', () => {
    const e = { code: 'output.expired', message: 'the link expired', category: 'expired' };
    expect(describeProviderError(e, 'Seedance', 'download')).toBe("Seedance's link to the finished video expired before Backlot could download it: the link expired");
    expect(describeProviderError({ ...e, category: 'rate_limit' }, 'Seedance', 'download')).toBe('Seedance was too busy and asked Backlot to slow down: the link expired');
  });
});

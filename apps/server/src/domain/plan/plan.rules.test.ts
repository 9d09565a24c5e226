import { ShotPlan } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { diffPlans, nextSceneNumber, nextShotCode, planCompleteness, sceneCodeOf } from './plan.rules.ts';

const empty = ShotPlan.parse({});

describe('plan completeness', () => {
  it('names everything an empty plan lacks', () => {
    expect(planCompleteness(empty)).toEqual({ complete: false, missing: ['shot job', 'subject and action', 'camera size', 'camera movement', 'a review criterion'] });
  });

  it('is complete with job, subject and action, camera and one criterion', () => {
    const plan = ShotPlan.parse({
      job: 'Sell the betrayal',
      subjectAction: 'Brick lowers the beer',
      camera: { size: 'MCU', movement: 'push-in' },
      reviewCriteria: ['eyes readable'],
    });
    expect(planCompleteness(plan)).toEqual({ complete: true, missing: [] });
    expect(planCompleteness({ ...plan, job: '   ' }).missing).toEqual(['shot job']);
  });
});

describe('plan diff', () => {
  it('lists each changed field with readable values, and nothing else', () => {
    const a = ShotPlan.parse({ job: 'Establish the patio', camera: { size: 'WS' }, reviewCriteria: ['sun high'] });
    const b = ShotPlan.parse({ job: 'Establish the patio', camera: { size: 'EWS', movement: 'crane' }, reviewCriteria: ['sun high', 'pool visible'], targetFrames: 96 });
    expect(diffPlans(a, b)).toEqual([
      { field: 'camera.size', label: 'Camera size', from: 'WS (wide)', to: 'EWS (extreme wide)' },
      { field: 'camera.movement', label: 'Camera movement', from: '—', to: 'crane' },
      { field: 'reviewCriteria', label: 'Review criteria', from: 'sun high', to: 'sun high · pool visible' },
      { field: 'targetFrames', label: 'Target duration (frames)', from: '—', to: '96' },
    ]);
    expect(diffPlans(b, b)).toEqual([]);
  });
});

describe('codes', () => {
  it.each([
    ['12', 'SC012'],
    ['12A', 'SC012A'],
    ['1', 'SC001'],
    ['1234', 'SC1234'],
    ['I-1-A', 'SCI1A'],
    ['1a', 'SC001A'],
    ['1.', 'SC1'],
  ])('scene %s is %s', (n, code) => expect(sceneCodeOf(n)).toBe(code));

  it('numbers shots in tens and skips codes in use', () => {
    expect(nextShotCode('12', new Set())).toBe('SC012_SH010');
    expect(nextShotCode('12', new Set(['SC012_SH010', 'SC012_SH020']))).toBe('SC012_SH030');
    expect(nextShotCode('3B', new Set(['SC003B_SH010']))).toBe('SC003B_SH020');
  });

  it('gives a new scene the next whole number', () => {
    expect(nextSceneNumber([])).toBe('1');
    expect(nextSceneNumber(['1', '2', '12A', '7'])).toBe('13');
  });
});

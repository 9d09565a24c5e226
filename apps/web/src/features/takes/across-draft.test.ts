/** The "generate across providers" draft: picking two to four models, and the request (or the fields at fault) it makes. */
import { describe, expect, it } from 'vitest';
import { acrossRequestOf, confirmBlocker, emptyAcrossDraft, togglePick } from './across-draft.ts';

describe('togglePick', () => {
  it('picks in order, unpicks, and picks no fifth model (compare shows four)', () => {
    let d = emptyAcrossDraft();
    for (const k of ['seedance/a', 'runway/gen4.5', 'previs/previs-animatic', 'luma/ray-2']) d = togglePick(d, k);
    expect(togglePick(d, 'kling/kling-v3').picked).toEqual(['seedance/a', 'runway/gen4.5', 'previs/previs-animatic', 'luma/ray-2']);
    expect(togglePick(d, 'runway/gen4.5').picked).toEqual(['seedance/a', 'previs/previs-animatic', 'luma/ray-2']);
  });
});

describe('acrossRequestOf', () => {
  it('sends each model picked, with the shared settings read as the single panel reads them', () => {
    const made = acrossRequestOf({ picked: ['seedance/dreamina-seedance-2-0-260128', 'runway/gen4.5'], durationFrames: ' 120 ', resolution: '720p', seed: '', promptAddition: ' dusk ' });
    expect(made).toEqual({
      input: {
        targets: [
          { provider: 'seedance', model: 'dreamina-seedance-2-0-260128' },
          { provider: 'runway', model: 'gen4.5' },
        ],
        settings: { durationFrames: 120, resolution: '720p', promptAddition: 'dusk' },
      },
    });
  });

  it('names the field at fault: a seed that is not a whole number, or fewer than two models', () => {
    const seed = acrossRequestOf({ ...emptyAcrossDraft(), picked: ['a/b', 'c/d'], seed: '4.5' });
    expect('error' in seed && seed.error.field).toBe('settings.seed');
    const one = acrossRequestOf({ ...emptyAcrossDraft(), picked: ['previs/previs-animatic'] });
    expect('error' in one && one.error.field).toBe('targets');
  });
});

describe('confirmBlocker', () => {
  const model = (label: string, error: unknown) => ({ provider: 'previs' as const, model: label, label, preview: null, error: error as null });
  it('holds back a batch with a setting a model refuses, or with every model refused, and lets the rest through', () => {
    expect(confirmBlocker({ planVersion: 1, sendable: 1, models: [model('Runway Veo 3.1', { code: 'settings.unsupported', message: 'x' }), model('Previs animatic', null)] })).toBe(
      'Fix the settings Runway Veo 3.1 refuses, or unpick it, first',
    );
    expect(confirmBlocker({ planVersion: 1, sendable: 0, models: [model('Previs animatic', null)] })).toBe('Every model is refused: resolve what is refused first');
    expect(confirmBlocker({ planVersion: 1, sendable: 1, models: [model('Previs animatic', null)] })).toBeUndefined();
  });
});

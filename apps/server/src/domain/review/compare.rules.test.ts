import { ShotPlan } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { compareTakes, flattenJson, type ComparedTake } from './compare.rules.ts';

const plan = ShotPlan.parse({ job: 'Establish the night shift', subjectAction: 'Mara crosses the bay', camera: { size: 'WS', movement: 'push-in' }, reviewCriteria: ['Mara readable'] });

function take(id: string, over: Partial<ComparedTake> = {}): ComparedTake {
  return {
    id,
    shotCode: 'SC001_SH010',
    planVersion: 2,
    plan,
    provider: 'previs',
    model: 'previs-animatic',
    seed: 11,
    settings: { frames: 24 },
    prompt: 'Mara crosses the bay',
    negativePrompt: null,
    request: { url: 'previs:render', body: { prompt: 'Mara crosses the bay', seed: 11, camera: { move: 'push-in' }, images: ['a.png'] } },
    references: [{ assetId: 'mara', name: 'MARA', version: 1, role: 'character' }],
    ...over,
  };
}

describe('flattenJson', () => {
  it('gives each leaf its path', () => {
    expect([...flattenJson({ a: { b: [1, { c: 'x' }] }, d: [], e: {} })]).toEqual([
      ['a.b[0]', 1],
      ['a.b[1].c', 'x'],
      ['d', []],
      ['e', {}],
    ]);
  });
});

describe('comparing takes', () => {
  it('finds nothing between identical takes', () => {
    expect(compareTakes([take('a'), take('b')], 'full')).toEqual({ takeIds: ['a', 'b'], differences: [] });
  });

  it('lists seeds, models, settings and request paths that differ, with labels, in the order asked', () => {
    const b = take('b', {
      seed: 12,
      model: 'previs-storyboard',
      settings: { frames: 48 },
      request: { url: 'previs:render', body: { prompt: 'Mara crosses the bay', seed: 12, camera: { move: 'static' }, images: ['a.png', 'b.png'] } },
    });
    const c = take('c');
    const { differences } = compareTakes([take('a'), b, c], 'full');
    expect(differences).toEqual([
      { field: 'model', label: 'Model', values: ['previs-animatic', 'previs-storyboard', 'previs-animatic'] },
      { field: 'seed', label: 'Seed', values: ['11', '12', '11'] },
      { field: 'settings.frames', label: 'Length (frames)', values: ['24', '48', '24'] },
      { field: 'request.body.seed', label: 'Request: seed', values: ['11', '12', '11'] },
      { field: 'request.body.camera.move', label: 'Request: camera.move', values: ['push-in', 'static', 'push-in'] },
      { field: 'request.body.images[1]', label: 'Request: images[1]', values: ['—', 'b.png', '—'] },
    ]);
  });

  it('shows plan fields that changed between plan versions, and references by asset', () => {
    const later = ShotPlan.parse({ ...plan, camera: { ...plan.camera, size: 'CU' } });
    const b = take('b', {
      planVersion: 3,
      plan: later,
      references: [
        { assetId: 'mara', name: 'MARA', version: 2, role: 'character' },
        { assetId: 'yard', name: 'YARD', version: 1, role: 'location' },
      ],
    });
    const { differences } = compareTakes([take('a'), b], 'full');
    expect(differences).toEqual([
      { field: 'planVersion', label: 'Plan version', values: ['v2', 'v3'] },
      { field: 'plan.camera.size', label: 'Plan: Camera size', values: ['WS (wide)', 'CU (close-up)'] },
      { field: 'references.mara', label: 'Reference: MARA', values: ['v1 as character', 'v2 as character'] },
      { field: 'references.yard', label: 'Reference: YARD', values: ['not used', 'v1 as location'] },
    ]);
  });

  it('names the shots when takes come from different shots', () => {
    const { differences } = compareTakes([take('a'), take('b', { shotCode: 'SC001_SH020' })], 'full');
    expect(differences.slice(0, 2)).toEqual([
      { field: 'shot', label: 'Shot', values: ['SC001_SH010', 'SC001_SH020'] },
      { field: 'planVersion', label: 'Plan version', values: ['SC001_SH010 v2', 'SC001_SH020 v2'] },
    ]);
  });

  it('keeps prompt, seed, settings, request and plan out of an outline comparison', () => {
    const later = ShotPlan.parse({ ...plan, job: 'Something else' });
    const b = take('b', { seed: 99, prompt: 'other', settings: { frames: 1 }, plan: later, planVersion: 3, request: { url: 'x', body: { secret: 1 } } });
    const fields = compareTakes([take('a'), b], 'outline').differences.map((d) => d.field);
    expect(fields).toEqual(['planVersion']);
  });

  it('compares only the shots in a picture-only comparison (a viewer, DESIGN.md §8)', () => {
    const later = ShotPlan.parse({ ...plan, job: 'Something else' });
    const b = take('b', { seed: 99, prompt: 'other', plan: later, planVersion: 3, provider: 'runway', model: 'gen4_turbo', references: [] });
    expect(compareTakes([take('a'), b], 'picture').differences).toEqual([]);
    const elsewhere = take('c', { shotCode: 'SC001_SH020', planVersion: 1, model: 'previs-storyboard' });
    expect(compareTakes([take('a'), elsewhere], 'picture').differences).toEqual([{ field: 'shot', label: 'Shot', values: ['SC001_SH010', 'SC001_SH020'] }]);
  });
});

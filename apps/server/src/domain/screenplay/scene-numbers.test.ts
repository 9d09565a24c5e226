import { describe, expect, it } from 'vitest';
import { revisionColour } from './revisions.ts';
import { insertedSceneNumber } from './scene-numbers.ts';

describe('insertedSceneNumber (numbering locked)', () => {
  const taken = (...numbers: string[]) => new Set(numbers);

  it('a scene between 50 and 51 is 50A, the next one after it 50B', () => {
    expect(insertedSceneNumber('50', '51', taken('50', '51'))).toBe('50A');
    expect(insertedSceneNumber('50A', '51', taken('50', '50A', '51'))).toBe('50B');
  });

  it('a second scene inserted right after 50, with 50A already there, is 50B', () => {
    expect(insertedSceneNumber('50', '50A', taken('50', '50A', '51'))).toBe('50B');
  });

  it('after 50A with 50B taken the new scene is 50AA', () => {
    expect(insertedSceneNumber('50A', '50B', taken('50', '50A', '50B'))).toBe('50AA');
  });

  it('never reuses the number of an omitted scene', () => {
    // 50A was cut and stays as "50A OMITTED".
    expect(insertedSceneNumber('50', '51', taken('50', '50A', '51'))).toBe('50B');
  });

  it('a scene before scene 1 is A1, and one before that B1', () => {
    expect(insertedSceneNumber(null, '1', taken('1', '2'))).toBe('A1');
    expect(insertedSceneNumber(null, 'A1', taken('A1', '1'))).toBe('B1');
  });

  it('the first scene of an empty project is 1', () => {
    expect(insertedSceneNumber(null, null, taken())).toBe('1');
  });
});

describe('revisionColour', () => {
  it('follows the customary order, then starts again as double white', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 19].map(revisionColour)).toEqual([
      'white',
      'blue',
      'pink',
      'yellow',
      'green',
      'goldenrod',
      'buff',
      'salmon',
      'cherry',
      'double white',
      'double blue',
      'triple white',
    ]);
  });
});

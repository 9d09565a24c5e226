import { describe, expect, it } from 'vitest';
import { clipName, isReelName, reelNames, sceneCode, takeCodeOf } from './handoff-names.ts';

describe('clip names', () => {
  it.each([
    [{ projectCode: 'PROJ', sceneNumber: '12', shotCode: 'SC012_SH030', takeNumber: 4 }, 'PROJ_SC012_SH030_TK004'],
    [{ projectCode: 'NIGHT', sceneNumber: '1', shotCode: 'SC001_SH010', takeNumber: 12 }, 'NIGHT_SC001_SH010_TK012'],
    [{ projectCode: 'PROJ', sceneNumber: '12A', shotCode: 'SC012A_SH010', takeNumber: 1 }, 'PROJ_SC012A_SH010_TK001'],
    // A shot code the crew typed that does not name its scene gets the scene's code in front.
    [{ projectCode: 'PROJ', sceneNumber: '3', shotCode: 'A1', takeNumber: 2 }, 'PROJ_SC003_A1_TK002'],
    [{ projectCode: 'PROJ', sceneNumber: '3', shotCode: 'INSERT-B', takeNumber: 1000 }, 'PROJ_SC003_INSERT-B_TK1000'],
    // A shot code that starts like its scene's but is another scene's keeps its own and gets this scene's too.
    [{ projectCode: 'PROJ', sceneNumber: '1', shotCode: 'SC0012_SH010', takeNumber: 1 }, 'PROJ_SC001_SC0012_SH010_TK001'],
  ])('%o → %s', (parts, expected) => {
    expect(clipName(parts)).toBe(expected);
  });

  it('writes scene and take codes the way the crew reads them', () => {
    expect(sceneCode('7')).toBe('SC007');
    expect(sceneCode('50a')).toBe('SC050A');
    expect(sceneCode('A12')).toBe('SCA12');
    expect(takeCodeOf(4)).toBe('TK004');
    expect(takeCodeOf(1234)).toBe('TK1234');
  });
});

describe('reel names', () => {
  it('makes a short reel from the shot and take, unique and at most 8 characters', () => {
    expect(
      reelNames([
        { shotCode: 'SC012_SH030', takeNumber: 4 },
        { shotCode: 'SC012_SH040', takeNumber: 1 },
        { shotCode: 'SC001_SH010', takeNumber: 12 },
        { shotCode: 'SC012A_SH010', takeNumber: 3 },
        { shotCode: 'A1', takeNumber: 2 },
      ]),
    ).toEqual(['012030T4', '012040T1', '01010T12', '12A010T3', 'A1T2']);
  });

  it('keeps the last 8 characters of a long one and numbers a repeat', () => {
    expect(
      reelNames([
        { shotCode: 'SC001_SH010', takeNumber: 1 },
        { shotCode: 'SC001_SH010', takeNumber: 1 },
        { shotCode: 'SC001_SH010', takeNumber: 1 },
        { shotCode: 'SC101_SH010', takeNumber: 1 },
      ]),
    ).toEqual(['001010T1', '001010_1', '001010_2', '101010T1']);
  });

  it('tells which reels CMX 3600 keeps whole', () => {
    expect(isReelName('012030T4')).toBe(true);
    expect(isReelName('A_1')).toBe(true);
    expect(isReelName('012030T41')).toBe(false);
    expect(isReelName('')).toBe(false);
    expect(isReelName('ab')).toBe(false);
    expect(isReelName('A-1')).toBe(false);
  });
});

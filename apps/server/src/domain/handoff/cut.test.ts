import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCut } from './cut-compare.ts';
import { readCut } from './cut-reader.ts';
import type { ImportedCut } from './cut.types.ts';
import { R24, R25, R23976, threeClips } from './handoff-samples.ts';
import { writeOtio } from './otio-writer.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(import.meta.dirname, '../../../../../../shared/fixtures');
const sample = (name: string) => readFileSync(join(FIXTURES, 'otio', name), 'utf8');

// Handed over: SH010 TK002 frames 4–40, SH020 TK001 0–60, SH030 TK003 5–29, at 24.
const expected = threeClips(R24, 'ndf', 0);
const cut = (clips: ImportedCut['clips'], notApplied: ImportedCut['notApplied'] = []): ImportedCut => ({ format: 'otio', name: 'cut', rate: R24, clips, notApplied });

describe('compareCut', () => {
  it('an untouched cut changes nothing', () => {
    const report = compareCut(
      expected,
      cut([
        { name: 'PROJ_SC001_SH010_TK002', sourceIn: 4, sourceOut: 40, recordIn: 0 },
        { name: 'PROJ_SC001_SH020_TK001', sourceIn: 0, sourceOut: 60, recordIn: 36 },
        { name: 'PROJ_SC001_SH030_TK003', sourceIn: 5, sourceOut: 29, recordIn: 96 },
      ]),
    );
    expect(report).toEqual({ orderChanged: false, newOrder: [], moves: [], trims: [], omitted: [], swaps: [], unmatched: [], notApplied: [] });
  });

  it('reorders and trims two shots: exactly those changes', () => {
    const report = compareCut(
      expected,
      cut([
        { name: 'PROJ_SC001_SH020_TK001', sourceIn: 0, sourceOut: 50, recordIn: 0 },
        { name: 'PROJ_SC001_SH010_TK002', sourceIn: 8, sourceOut: 40, recordIn: 50 },
        { name: 'PROJ_SC001_SH030_TK003', sourceIn: 5, sourceOut: 29, recordIn: 82 },
      ]),
    );
    expect(report.orderChanged).toBe(true);
    expect(report.newOrder).toEqual(['shot-sh020', 'shot-sh010', 'shot-sh030']);
    expect(report.moves).toEqual([
      { shotId: 'shot-sh020', clipName: 'PROJ_SC001_SH020_TK001', from: 1, to: 0 },
      { shotId: 'shot-sh010', clipName: 'PROJ_SC001_SH010_TK002', from: 0, to: 1 },
    ]);
    expect(report.trims).toEqual([
      { shotId: 'shot-sh020', takeId: 'take-sh020-tk001', clipName: 'PROJ_SC001_SH020_TK001', before: { sourceIn: 0, sourceOut: 60 }, after: { sourceIn: 0, sourceOut: 50 } },
      { shotId: 'shot-sh010', takeId: 'take-sh010-tk002', clipName: 'PROJ_SC001_SH010_TK002', before: { sourceIn: 4, sourceOut: 40 }, after: { sourceIn: 8, sourceOut: 40 } },
    ]);
    expect([report.omitted, report.swaps, report.unmatched]).toEqual([[], [], []]);
  });

  it('a take swapped for another take of the same shot, a shot left out, a clip that matches nothing, and what is not applied', () => {
    const transition = { kind: 'transition' as const, description: 'dissolve of 12 frames' };
    const report = compareCut(
      expected,
      cut(
        [
          { name: 'PROJ_SC001_SH010_TK005', mediaName: 'PROJ_SC001_SH010_TK005.mp4', sourceIn: 0, sourceOut: 30, recordIn: 0 },
          { name: 'Title card', sourceIn: 0, sourceOut: 48, recordIn: 30 },
          { name: 'PROJ_SC001_SH030_TK003', sourceIn: 5, sourceOut: 29, recordIn: 78 },
          { name: 'PROJ_SC001_SH030_TK003', sourceIn: 5, sourceOut: 10, recordIn: 102 },
        ],
        [transition],
      ),
    );
    expect(report.swaps).toEqual([{ shotId: 'shot-sh010', clipName: 'PROJ_SC001_SH010_TK005', fromTakeCode: 'TK002', toTakeCode: 'TK005', sourceIn: 0, sourceOut: 30 }]);
    expect(report.omitted).toEqual([{ shotId: 'shot-sh020', clipName: 'PROJ_SC001_SH020_TK001' }]);
    expect(report.unmatched).toEqual([{ name: 'Title card', recordIn: 30 }]);
    expect(report.orderChanged).toBe(false);
    expect(report.trims).toEqual([]);
    expect(report.notApplied).toEqual([transition, { kind: 'repeated_shot', description: '"PROJ_SC001_SH030_TK003" uses shot SH030 again at record frame 102' }]);
  });

  it('matches by the ids kept in metadata when the editor renamed the clips', () => {
    const report = compareCut(
      expected,
      cut([
        { name: 'renamed', takeId: 'take-sh020-tk001', shotId: 'shot-sh020', sourceIn: 0, sourceOut: 60, recordIn: 0 },
        { name: 'other take', takeId: 'take-elsewhere', shotId: 'shot-sh030', sourceIn: 2, sourceOut: 20, recordIn: 60 },
      ]),
    );
    expect(report.trims).toEqual([]);
    expect(report.swaps).toEqual([{ shotId: 'shot-sh030', clipName: 'other take', fromTakeCode: 'TK003', toTakeCode: '', toTakeId: 'take-elsewhere', sourceIn: 2, sourceOut: 20 }]);
    expect(report.omitted.map((o) => o.shotId)).toEqual(['shot-sh010']);
  });

  it('matches a Premiere-style EDL (no clip names) by reel', () => {
    const edl = [
      'TITLE: cut',
      'FCM: NON-DROP FRAME',
      '001  S030T3   V     C        00:00:00:05 00:00:01:05 00:00:00:00 00:00:01:00',
      '002  S010T2   V     C        00:00:00:04 00:00:01:16 00:00:01:00 00:00:02:12',
    ].join('\n');
    const report = compareCut(expected, readCut('cut.edl', edl, { rate: R24 }));
    expect(report.newOrder).toEqual(['shot-sh030', 'shot-sh010']);
    expect(report.trims).toEqual([]);
    expect(report.omitted.map((o) => o.shotId)).toEqual(['shot-sh020']);
  });

  it('refuses a cut at another rate, naming both', () => {
    expect(() => compareCut(expected, { ...cut([]), rate: R25 })).toThrow('The cut runs at 25/1 and the project at 24/1');
  });
});

describe('readCut', () => {
  it('an EDL dissolve: the incoming clip joined across its two events, the dissolve reported', () => {
    const c = readCut('dissolve_test.edl', sample('dissolve_test.edl'), { rate: R24 });
    // 01:00:04:05 = 86501, 01:00:04:14 = 86510, 01:00:08:08 = 86600, 01:00:08:19 = 86611 at 24.
    expect(c.clips.map((x) => [x.name, x.sourceIn, x.sourceOut, x.recordIn])).toEqual([
      ['clip_A', 86501, 86510, 0],
      ['clip_B', 86600, 86611, 9],
    ]);
    expect(c.notApplied).toEqual([{ kind: 'transition', description: 'dissolve of 10 frames into "clip_B" at event 002' }]);
  });

  it('EDL gaps are reported with their length', () => {
    const c = readCut('gap_test.edl', sample('gap_test.edl'), { rate: R24 });
    expect(c.clips.map((x) => [x.name, x.recordIn])).toEqual([
      ['shot1', 0],
      ['shot2', 40],
      ['shot3', 102],
    ]);
    expect(c.notApplied).toEqual([
      { kind: 'gap', description: 'gap of 16 frames before event 002' },
      { kind: 'gap', description: 'gap of 38 frames before event 003' },
    ]);
  });

  it('an EDL effect comment is reported', () => {
    const c = readCut('screening_example.edl', sample('screening_example.edl'), { rate: R24 });
    expect(c.clips).toHaveLength(9);
    expect(c.notApplied).toEqual([{ kind: 'effect', description: 'AVX2 EFFECT, RESIZE at event 009' }]);
  });

  it('audio events and speed changes are reported, not read as picture', () => {
    const edl = [
      'TITLE: x',
      '001  S010T2   V     C        00:00:00:04 00:00:01:04 00:00:00:00 00:00:01:00',
      'M2   S010T2       048.0                00:00:00:04',
      '002  MUSIC    A     C        00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00',
    ].join('\n');
    const c = readCut('x.edl', edl, { rate: R24 });
    expect(c.clips.map((x) => x.name)).toEqual(['S010T2']);
    expect(c.notApplied.map((n) => n.kind)).toEqual(['retime', 'audio_track']);
  });

  it('refuses an EDL without a rate, and a file of another kind, naming it', () => {
    expect(() => readCut('a.edl', 'TITLE: x')).toThrow(/rate/);
    expect(() => readCut('a.aaf', '')).toThrow(/"a\.aaf"/);
  });
});

describe("the editor's round trip", () => {
  it('a 23.976 handoff in OTIO, two shots reordered and trimmed in the editor, reads back as exactly those changes', () => {
    const handed = threeClips(R23976, 'ndf', 86400);
    const doc: any = JSON.parse(writeOtio(handed));
    const clips = doc.tracks.children[0].children;
    // The editor puts SH030 first, trims its head by 3 frames, and trims SH020's tail by 12 frames.
    const [sh010, sh020, sh030] = clips;
    sh030.source_range.start_time.value = 8;
    sh030.source_range.duration.value = 21;
    sh020.source_range.duration.value = 48;
    doc.tracks.children[0].children = [sh030, sh010, sh020];
    const report = compareCut(handed, readCut('editor.otio', JSON.stringify(doc, null, 2)));
    expect(report.newOrder).toEqual(['shot-sh030', 'shot-sh010', 'shot-sh020']);
    expect(report.trims.map((t) => [t.clipName, t.before, t.after])).toEqual([
      ['PROJ_SC001_SH030_TK003', { sourceIn: 5, sourceOut: 29 }, { sourceIn: 8, sourceOut: 29 }],
      ['PROJ_SC001_SH020_TK001', { sourceIn: 0, sourceOut: 60 }, { sourceIn: 0, sourceOut: 48 }],
    ]);
    expect([report.omitted, report.swaps, report.unmatched, report.notApplied]).toEqual([[], [], [], []]);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { R23976, threeClips } from './handoff-samples.ts';
import { parseOtioJson } from './otio-json.ts';
import { readOtioCut } from './otio-reader.ts';
import { writeOtio } from './otio-writer.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(import.meta.dirname, '../../../../../../shared/fixtures');
const otioDir = join(FIXTURES, 'otio');
const sample = (name: string) => readFileSync(join(otioDir, name), 'utf8');
const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'otio.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

type Any = any;

describe('OTIO writer', () => {
  const text = writeOtio(threeClips(R23976, 'ndf', 86400));
  const doc: Any = JSON.parse(text);
  const track = doc.tracks.children[0];

  it('passes the hand-written OTIO JSON Schema', () => {
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema accepts the samples OpenTimelineIO wrote in these schema versions', () => {
    for (const name of ['simple_cut.otio', 'transition.otio', 'multitrack.otio', 'nested_example.otio']) {
      expect(validate(JSON.parse(sample(name))), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('the schema is not a rubber stamp: a misspelt field or a Marker colour OTIO lacks fails it', () => {
    const broken: Any = JSON.parse(text);
    broken.tracks.children[0].children[0].source_rnage = broken.tracks.children[0].children[0].source_range;
    expect(validate(broken)).toBe(false);
    const badColour: Any = JSON.parse(text);
    badColour.tracks.children[0].children[0].markers[0].color = 'TEAL';
    expect(validate(badColour)).toBe(false);
  });

  it('writes Timeline › Stack › Track(Video) › Clip.2 with ExternalReference media at 24000/1001 as OTIO writes it', () => {
    expect(doc.OTIO_SCHEMA).toBe('Timeline.1');
    expect(doc.global_start_time).toEqual({ OTIO_SCHEMA: 'RationalTime.1', rate: 23.976023976023978, value: 86400 });
    expect(track.kind).toBe('Video');
    expect(track.children.map((c: Any) => c.name)).toEqual(['PROJ_SC001_SH010_TK002', 'PROJ_SC001_SH020_TK001', 'PROJ_SC001_SH030_TK003']);
    const first = track.children[0];
    expect(first.OTIO_SCHEMA).toBe('Clip.2');
    expect(first.source_range.start_time).toEqual({ OTIO_SCHEMA: 'RationalTime.1', rate: 23.976023976023978, value: 4 });
    expect(first.source_range.duration.value).toBe(36);
    const media = first.media_references[first.active_media_reference_key];
    expect(media.OTIO_SCHEMA).toBe('ExternalReference.1');
    expect(media.target_url).toBe('media/PROJ_SC001_SH010_TK002.mp4');
    expect([media.available_range.start_time.value, media.available_range.duration.value]).toEqual([0, 48]);
    expect(track.children.map((c: Any) => [c.source_range.start_time.value, c.source_range.duration.value])).toEqual([
      [4, 36],
      [0, 60],
      [5, 24],
    ]);
  });

  it("writes notes as Marker.2 in the clip's media time with colour, author and text; a note in a handle is left out", () => {
    const markers = track.children.map((c: Any) => c.markers.map((m: Any) => [m.OTIO_SCHEMA, m.marked_range.start_time.value, m.marked_range.duration.value, m.color, m.name, m.comment]));
    expect(markers).toEqual([
      [['Marker.2', 10, 1, 'RED', 'Ana: Tighter on the door', 'Tighter on the door']],
      [['Marker.2', 59, 1, 'PURPLE', 'Client: Love this', 'Love this']],
      [['Marker.2', 5, 3, 'GREEN', 'Bo: Fixed flicker', 'Fixed flicker']],
    ]);
    expect(track.children[0].markers[0].metadata.backlot.noteId).toBe('note-1');
  });

  it('keeps Backlot ids in metadata.backlot', () => {
    expect(track.children[1].metadata.backlot).toMatchObject({ takeId: 'take-sh020-tk001', shotId: 'shot-sh020', takeCode: 'TK001' });
  });

  it('reads back what it wrote: names, in/out, record order and ids', () => {
    const cut = readOtioCut(text);
    expect(cut.rate).toEqual({ num: 24000, den: 1001 });
    expect(cut.clips.map((c) => [c.name, c.sourceIn, c.sourceOut, c.recordIn, c.takeId])).toEqual([
      ['PROJ_SC001_SH010_TK002', 4, 40, 0, 'take-sh010-tk002'],
      ['PROJ_SC001_SH020_TK001', 0, 60, 36, 'take-sh020-tk001'],
      ['PROJ_SC001_SH030_TK003', 5, 29, 96, 'take-sh030-tk003'],
    ]);
    expect(cut.notApplied).toEqual([]);
  });
});

describe('OTIO reader', () => {
  const samples = readdirSync(otioDir).filter((f) => f.endsWith('.otio'));
  it('finds the sample OTIO files', () => expect(samples.length).toBeGreaterThanOrEqual(7));
  for (const name of samples) {
    it(`reads ${name}`, () => {
      const cut = readOtioCut(sample(name));
      expect(cut.format).toBe('otio');
      for (const c of cut.clips) expect(c.sourceOut).toBeGreaterThanOrEqual(c.sourceIn);
    });
  }

  it('reads big_int.otio without losing precision: integers beyond 2^53 stay exact, Inf and NaN are numbers', () => {
    const doc: Any = parseOtioJson(sample('big_int.otio'));
    const meta = doc.tracks.children[0].children[0].metadata;
    expect(meta.int_test.int256).toBe(57896044618658097711785492504343953926634992332820282019728792003956564819968n);
    expect(meta.int_test.int128).toBe(170141183460469231731687303715884105728n);
    expect(meta.int_test.negverybig).toBe(-3450100000);
    expect(meta.float.floatinf).toBe(Number.POSITIVE_INFINITY);
    expect(meta.float.floatneginf).toBe(Number.NEGATIVE_INFINITY);
    expect(meta.float.floatnan).toBeNaN();
    expect(meta.unicode.utf8).toBe('Viel glück und hab spaß!');
    const cut = readOtioCut(sample('big_int.otio'));
    expect(cut.clips.map((c) => [c.name, c.sourceIn, c.sourceOut])).toEqual([['black', 0, 24]]);
  });

  it('reports the transition of transition.otio and keeps its four clips', () => {
    const cut = readOtioCut(sample('transition.otio'));
    expect(cut.clips.map((c) => c.name)).toEqual(['Clip-001', 'Clip-002', 'Clip-003', 'Clip-004']);
    expect(cut.notApplied.map((n) => n.kind)).toEqual(['transition']);
  });

  it('reports the upper video tracks and the gaps of multitrack.otio', () => {
    const kinds = readOtioCut(sample('multitrack.otio')).notApplied.map((n) => n.kind);
    expect(kinds.filter((k) => k === 'video_track')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'gap')).toHaveLength(3);
  });

  it('reports the nested stacks and track of nested_example.otio and the retimes on them', () => {
    const cut = readOtioCut(sample('nested_example.otio'));
    expect(cut.clips.map((c) => c.name)).toEqual(['Normal Clip 1', 'Normal Clip 2', 'Normal Clip 3', 'Normal Clip 4']);
    expect(cut.notApplied.filter((n) => n.kind === 'nested')).toHaveLength(3);
    expect(cut.notApplied.filter((n) => n.kind === 'retime').map((n) => n.description)).toEqual([expect.stringContaining('LinearTimeWarp.1'), expect.stringContaining('FreezeFrame.1')]);
  });

  it('refuses what it cannot read, naming the element', () => {
    expect(() => readOtioCut('{"OTIO_SCHEMA": "SerializableCollection.1", "children": []}')).toThrow(/SerializableCollection\.1/);
    const odd: Any = JSON.parse(writeOtio(threeClips(R23976, 'ndf', 0)));
    odd.tracks.children[0].children[1] = { OTIO_SCHEMA: 'Widget.7', name: 'x' };
    expect(() => readOtioCut(JSON.stringify(odd))).toThrow(/children\.1 is a "Widget\.7"/);
    expect(() => readOtioCut('{"OTIO_SCHEMA": "Timeline.1", "tracks": [1, }')).toThrow(/not JSON at character/);
    expect(() => parseOtioJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(/nested deeper than 256 levels/);
  });
});

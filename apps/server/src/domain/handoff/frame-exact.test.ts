/**
 * Frame-exact at 23.976, 24, 25, 29.97 non-drop and 29.97 drop-frame: the same three clips (media
 * frames 4–40, 0–60, 5–29; notes at media frames 10, 59 and 5) written in every format, every in and
 * out checked against values typed by hand, then read back to the same frames.
 */
import type { FrameRational, TimecodeCount } from '@backlot/contracts';
import { describe, expect, it } from 'vitest';
import { readCut } from './cut-reader.ts';
import { writeEdl } from './edl-writer.ts';
import { writeFcpxml } from './fcpxml-writer.ts';
import { R24, R25, R2997, R23976, threeClips } from './handoff-samples.ts';
import { writeMlt } from './mlt-writer.ts';
import { writeOtio } from './otio-writer.ts';

interface Case {
  label: string;
  rate: FrameRational;
  count: TimecodeCount;
  recordStart: number;
  /** Event lines: source in, source out, record in, record out. */
  edl: string[];
  /** LOC timecodes of the three notes. */
  loc: string[];
  otioRate: number;
  /** asset-clip offset, start, duration per clip. */
  fcpxml: [string, string, string][];
  /** Marker starts in FCPXML (media time). */
  fcpMarkers: string[];
}

const cases: Case[] = [
  {
    label: '23.976',
    rate: R23976,
    count: 'ndf',
    recordStart: 86400, // 01:00:00:00
    edl: ['00:00:00:04 00:00:01:16 01:00:00:00 01:00:01:12', '00:00:00:00 00:00:02:12 01:00:01:12 01:00:04:00', '00:00:00:05 00:00:01:05 01:00:04:00 01:00:05:00'],
    loc: ['01:00:00:06', '01:00:03:23', '01:00:04:00'],
    otioRate: 23.976023976023978,
    fcpxml: [
      ['86486400/24000s', '4004/24000s', '36036/24000s'],
      ['86522436/24000s', '0s', '60060/24000s'],
      ['86582496/24000s', '5005/24000s', '24024/24000s'],
    ],
    fcpMarkers: ['10010/24000s', '59059/24000s', '5005/24000s'],
  },
  {
    label: '24',
    rate: R24,
    count: 'ndf',
    recordStart: 86400,
    edl: ['00:00:00:04 00:00:01:16 01:00:00:00 01:00:01:12', '00:00:00:00 00:00:02:12 01:00:01:12 01:00:04:00', '00:00:00:05 00:00:01:05 01:00:04:00 01:00:05:00'],
    loc: ['01:00:00:06', '01:00:03:23', '01:00:04:00'],
    otioRate: 24,
    fcpxml: [
      ['86400/24s', '4/24s', '36/24s'],
      ['86436/24s', '0s', '60/24s'],
      ['86496/24s', '5/24s', '24/24s'],
    ],
    fcpMarkers: ['10/24s', '59/24s', '5/24s'],
  },
  {
    label: '25',
    rate: R25,
    count: 'ndf',
    recordStart: 90000, // 01:00:00:00
    edl: ['00:00:00:04 00:00:01:15 01:00:00:00 01:00:01:11', '00:00:00:00 00:00:02:10 01:00:01:11 01:00:03:21', '00:00:00:05 00:00:01:04 01:00:03:21 01:00:04:20'],
    loc: ['01:00:00:06', '01:00:03:20', '01:00:03:21'],
    otioRate: 25,
    fcpxml: [
      ['90000/25s', '4/25s', '36/25s'],
      ['90036/25s', '0s', '60/25s'],
      ['90096/25s', '5/25s', '24/25s'],
    ],
    fcpMarkers: ['10/25s', '59/25s', '5/25s'],
  },
  {
    label: '29.97 non-drop',
    rate: R2997,
    count: 'ndf',
    recordStart: 108000, // 01:00:00:00 counted at 30
    edl: ['00:00:00:04 00:00:01:10 01:00:00:00 01:00:01:06', '00:00:00:00 00:00:02:00 01:00:01:06 01:00:03:06', '00:00:00:05 00:00:00:29 01:00:03:06 01:00:04:00'],
    loc: ['01:00:00:06', '01:00:03:05', '01:00:03:06'],
    otioRate: 29.97002997002997,
    fcpxml: [
      ['108108000/30000s', '4004/30000s', '36036/30000s'],
      ['108144036/30000s', '0s', '60060/30000s'],
      ['108204096/30000s', '5005/30000s', '24024/30000s'],
    ],
    fcpMarkers: ['10010/30000s', '59059/30000s', '5005/30000s'],
  },
  {
    label: '29.97 drop-frame, across the minute where ;00 and ;01 are skipped',
    rate: R2997,
    count: 'df',
    recordStart: 1770, // 00:00:59;00
    edl: ['00:00:00;04 00:00:01;10 00:00:59;00 00:01:00;08', '00:00:00;00 00:00:02;00 00:01:00;08 00:01:02;08', '00:00:00;05 00:00:00;29 00:01:02;08 00:01:03;02'],
    loc: ['00:00:59;06', '00:01:02;07', '00:01:02;08'],
    otioRate: 29.97002997002997,
    fcpxml: [
      ['1771770/30000s', '4004/30000s', '36036/30000s'],
      ['1807806/30000s', '0s', '60060/30000s'],
      ['1867866/30000s', '5005/30000s', '24024/30000s'],
    ],
    fcpMarkers: ['10010/30000s', '59059/30000s', '5005/30000s'],
  },
];

type Any = any;
const expectedFrames = [
  [4, 40, 0],
  [0, 60, 36],
  [5, 29, 96],
];

for (const c of cases) {
  describe(`frame-exact at ${c.label}`, () => {
    const t = threeClips(c.rate, c.count, c.recordStart);

    it('EDL: every source and record timecode, and the LOC of each note', () => {
      const text = writeEdl(t, { style: 'standard' });
      expect(text).toContain(`FCM: ${c.count === 'df' ? 'DROP FRAME' : 'NON-DROP FRAME'}`);
      const events = [...text.matchAll(/^\d{3} {2}\S+ +V +C +(.+)$/gm)].map((m) => m[1].trim());
      expect(events).toEqual(c.edl);
      expect([...text.matchAll(/^\* LOC: (\S+)/gm)].map((m) => m[1])).toEqual(c.loc);
      const back = readCut('cut.edl', text, { rate: c.rate });
      expect(back.clips.map((x) => [x.sourceIn, x.sourceOut, x.recordIn])).toEqual(expectedFrames);
    });

    it('OTIO: the rate as OTIO writes it, every source range, the global start and each marker', () => {
      const text = writeOtio(t);
      const doc: Any = JSON.parse(text);
      expect(doc.global_start_time).toEqual({ OTIO_SCHEMA: 'RationalTime.1', rate: c.otioRate, value: c.recordStart });
      const clips = doc.tracks.children[0].children;
      expect(clips.map((x: Any) => [x.source_range.start_time.rate, x.source_range.start_time.value, x.source_range.duration.value])).toEqual([
        [c.otioRate, 4, 36],
        [c.otioRate, 0, 60],
        [c.otioRate, 5, 24],
      ]);
      expect(clips.map((x: Any) => x.markers[0].marked_range.start_time.value)).toEqual([10, 59, 5]);
      expect(readCut('cut.otio', text).clips.map((x) => [x.sourceIn, x.sourceOut, x.recordIn])).toEqual(expectedFrames);
    });

    it('FCPXML: every offset, start and duration, and each marker', () => {
      const text = writeFcpxml(t, { version: '1.11' });
      expect(text).toContain(`tcFormat="${c.count === 'df' ? 'DF' : 'NDF'}"`);
      const clips = [...text.matchAll(/<asset-clip [^>]*offset="([^"]+)"[^>]*start="([^"]+)" duration="([^"]+)"/g)].map((m) => [m[1], m[2], m[3]]);
      expect(clips).toEqual(c.fcpxml);
      expect([...text.matchAll(/<marker start="([^"]+)"/g)].map((m) => m[1])).toEqual(c.fcpMarkers);
      expect(readCut('cut.fcpxml', text).clips.map((x) => [x.sourceIn, x.sourceOut, x.recordIn])).toEqual(expectedFrames);
    });

    it('MLT: the profile rate and every entry in and out (inclusive)', () => {
      const text = writeMlt(t);
      expect(text).toContain(`frame_rate_num="${c.rate.num}" frame_rate_den="${c.rate.den}"`);
      expect([...text.matchAll(/<entry producer="producer\d" in="(\d+)" out="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([
        [4, 39],
        [0, 59],
        [5, 28],
      ]);
    });
  });
}

/**
 * Reads a CMX 3600 EDL into its events, as written: title, FCM, each event's reel, channels,
 * transition and four timecodes (as text and as frames on the given rate), and the comments that
 * follow it (clip names, locators, source files, M2 speed lines). A line it cannot place is
 * refused naming the line. An EDL does not say its rate: the caller gives the project's.
 */
import { type FrameRational, readTimecode, type TimecodeCount } from '@backlot/contracts';
import { fail } from '../errors.ts';

export interface EdlLocator {
  timecode: string;
  /** Record frame the locator names. */
  frame: number;
  colour: string;
  text: string;
}

export interface EdlEvent {
  /** The event number as written (`001` → 1). */
  number: number;
  /** 1-based line of the event in the text. */
  line: number;
  reel: string;
  /** `V`, `A`, `AA`, `AA/V`, `A2`, `B`… as written. */
  channels: string;
  /** `C` cut, `D` dissolve, `W001` wipe, `K`/`KB`/`KO` key. */
  transition: string;
  /** Frames of a dissolve, wipe or key, when written. */
  transitionFrames: number | null;
  /** Source in, source out, record in, record out, as written. */
  timecodes: [string, string, string, string];
  sourceIn: number;
  sourceOut: number;
  recordIn: number;
  recordOut: number;
  /** How the event's timecodes count (the FCM line in force). */
  count: TimecodeCount;
  clipName: string | null;
  toClipName: string | null;
  sourceFile: string | null;
  locators: EdlLocator[];
  /** M2 speed lines: the reel and the speed in frames a second (negative plays backwards). */
  speeds: { reel: string; fps: number }[];
  /** Other `*` comments, without the star. */
  comments: string[];
}

export interface EdlDocument {
  title: string;
  /** The first FCM line (null when the EDL has none: non-drop then). */
  fcm: TimecodeCount | null;
  events: EdlEvent[];
}

const TC = String.raw`(\d{2}:\d{2}:\d{2}[:;.]\d{2})`;
const EVENT = new RegExp(String.raw`^(\d{1,6})\s+(\S+)\s+(\S+)\s+(C|D|W\d{3}|KB|KO|K)\s+(?:(\d{1,4})\s+)?${TC}\s+${TC}\s+${TC}\s+${TC}$`);
const LOC = new RegExp(String.raw`^\*\s*LOC:\s*${TC}\s+(\S+)?\s*(.*)$`);
const M2 = new RegExp(String.raw`^M2\s+(\S+)\s+(-?\d+(?:\.\d+)?)\s+${TC}$`);

/** Reads an EDL; throws `handoff.cut_unreadable` naming the line it cannot read. */
export function readEdl(text: string, rate: FrameRational): EdlDocument {
  let title = '';
  let fcm: TimecodeCount | null = null;
  let count: TimecodeCount = 'ndf';
  const events: EdlEvent[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const at = `line ${index + 1}`;
    const frameOf = (tc: string) => {
      const r = readTimecode(tc, rate, count);
      if ('problem' in r) fail('handoff.cut_unreadable', `The EDL's ${at} has a timecode Backlot cannot read at ${rate.num}/${rate.den}: ${r.problem}.`, 'file');
      return r.frame;
    };
    const last = events.at(-1);
    if (line === '') return;
    if (/^TITLE:/i.test(line)) {
      title = line.slice(6).trim();
      return;
    }
    const fcmLine = /^FCM:\s*(.*)$/i.exec(line);
    if (fcmLine) {
      const mode = fcmLine[1].trim().toUpperCase();
      if (mode === 'DROP FRAME') count = 'df';
      else if (mode === 'NON-DROP FRAME' || mode === 'NON DROP FRAME') count = 'ndf';
      else fail('handoff.cut_unreadable', `The EDL's ${at} has an FCM Backlot cannot read: "${fcmLine[1].trim()}" (DROP FRAME or NON-DROP FRAME).`, 'file');
      fcm ??= count;
      return;
    }
    const ev = EVENT.exec(line);
    if (ev) {
      const timecodes = [ev[6], ev[7], ev[8], ev[9]] as [string, string, string, string];
      const [sourceIn, sourceOut, recordIn, recordOut] = timecodes.map(frameOf);
      events.push({
        number: Number(ev[1]),
        line: index + 1,
        reel: ev[2],
        channels: ev[3],
        transition: ev[4],
        transitionFrames: ev[5] === undefined ? null : Number(ev[5]),
        timecodes,
        sourceIn,
        sourceOut,
        recordIn,
        recordOut,
        count,
        clipName: null,
        toClipName: null,
        sourceFile: null,
        locators: [],
        speeds: [],
        comments: [],
      });
      return;
    }
    if (!last) fail('handoff.cut_unreadable', `The EDL's ${at} is neither a title, an FCM line nor an event: "${line}".`, 'file');
    const name = /^\*?\s*(FROM|TO) CLIP NAME:\s*(.*)$/i.exec(line);
    if (name) {
      if (name[1].toUpperCase() === 'FROM') last.clipName = name[2].trim();
      else last.toClipName = name[2].trim();
      return;
    }
    const loc = LOC.exec(line);
    if (loc) {
      last.locators.push({ timecode: loc[1], frame: frameOf(loc[1]), colour: loc[2] ?? '', text: loc[3].trim() });
      return;
    }
    const source = /^\*\s*SOURCE FILE:\s*(.*)$/i.exec(line);
    if (source) {
      last.sourceFile = source[1].trim();
      return;
    }
    const m2 = M2.exec(line);
    if (m2) {
      frameOf(m2[3]);
      last.speeds.push({ reel: m2[1], fps: Number(m2[2]) });
      return;
    }
    if (line.startsWith('*')) {
      last.comments.push(line.slice(1).trim());
      return;
    }
    fail('handoff.cut_unreadable', `The EDL's ${at} is not an event, a comment or an M2 line: "${line}".`, 'file');
  });
  if (events.length === 0) fail('handoff.cut_unreadable', 'The EDL has no events.', 'file');
  return { title, fcm, events };
}

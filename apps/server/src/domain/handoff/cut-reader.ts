/**
 * `readCut`: an editor's cut file, by its extension, as an ImportedCut — OTIO, CMX 3600 EDL or
 * FCPXML. What Backlot does not apply (audio, gaps, transitions, effects, retimes) is listed by name.
 */
import type { FrameRational } from '@backlot/contracts';
import { fail } from '../errors.ts';
import type { ImportedCut, ImportedCutClip, NotAppliedItem } from './cut.types.ts';
import { readEdl } from './edl-reader.ts';
import { readFcpxmlCut } from './fcpxml-reader.ts';
import { readOtioCut } from './otio-reader.ts';

export interface ReadCutOptions {
  /** The project's rate: an EDL does not say its own, and it is needed to read one. */
  rate?: FrameRational;
}

/** Reads a cut by its file name's extension; throws `handoff.cut_unreadable` naming what it cannot read. */
export function readCut(fileName: string, text: string, options: ReadCutOptions = {}): ImportedCut {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'otio') return readOtioCut(text);
  if (ext === 'fcpxml' || ext === 'xml') return readFcpxmlCut(text);
  if (ext === 'edl') {
    if (!options.rate) return fail('handoff.cut_unreadable', "An EDL does not say its frame rate; give the project's rate to read it.", 'rate');
    return edlCut(text, options.rate);
  }
  return fail('handoff.cut_unreadable', `Backlot reads cuts as .otio, .edl or .fcpxml; "${fileName}" is none of these.`, 'file');
}

const isBlack = (reel: string) => /^(BL|BLK|BLACK)$/i.test(reel);

/** An EDL's video events as clips: a dissolve's zero-length outgoing cut is dropped, a clip split across events joined. */
function edlCut(text: string, rate: FrameRational): ImportedCut {
  const doc = readEdl(text, rate);
  const clips: ImportedCutClip[] = [];
  const notApplied: NotAppliedItem[] = [];
  const start = Math.min(...doc.events.map((e) => e.recordIn));
  let end = start;
  for (const e of doc.events) {
    const ev = `event ${String(e.number).padStart(3, '0')}`;
    if (!/V/i.test(e.channels)) {
      notApplied.push({ kind: 'audio_track', description: `audio ${ev} (${e.channels}) from reel ${e.reel}` });
      continue;
    }
    if (e.recordIn === e.recordOut && e.sourceIn === e.sourceOut) continue;
    if (e.recordIn > end) notApplied.push({ kind: 'gap', description: `gap of ${e.recordIn - end} frames before ${ev}` });
    end = Math.max(end, e.recordOut);
    const name = e.clipName ?? e.sourceFile ?? e.reel;
    if (e.transition.startsWith('D') || e.transition.startsWith('W')) {
      const what = e.transition.startsWith('D') ? 'dissolve' : `wipe ${e.transition}`;
      notApplied.push({ kind: 'transition', description: `${what} of ${e.transitionFrames ?? 0} frames into "${e.toClipName ?? name}" at ${ev}` });
    }
    if (e.transition.startsWith('K')) notApplied.push({ kind: 'effect', description: `key (${e.transition}) at ${ev}` });
    for (const s of e.speeds) notApplied.push({ kind: 'retime', description: `speed ${s.fps} fps on reel ${s.reel} at ${ev}` });
    if (e.speeds.length === 0 && e.sourceOut - e.sourceIn !== e.recordOut - e.recordIn) {
      notApplied.push({ kind: 'retime', description: `${e.sourceOut - e.sourceIn} source frames over ${e.recordOut - e.recordIn} record frames at ${ev}` });
    }
    for (const c of e.comments) if (/EFFECT/i.test(c)) notApplied.push({ kind: 'effect', description: `${c} at ${ev}` });
    if (isBlack(e.reel)) {
      notApplied.push({ kind: 'gap', description: `black (reel ${e.reel}) of ${e.recordOut - e.recordIn} frames at ${ev}` });
      continue;
    }
    const clipName = e.transition.startsWith('D') || e.transition.startsWith('W') ? (e.toClipName ?? name) : name;
    const last = clips.at(-1);
    if (last && last.name === clipName && last.reel === e.reel && last.sourceOut === e.sourceIn && last.recordIn + (last.sourceOut - last.sourceIn) === e.recordIn - start) {
      last.sourceOut = e.sourceOut;
      continue;
    }
    clips.push({ name: clipName, reel: e.reel, sourceIn: e.sourceIn, sourceOut: e.sourceOut, recordIn: e.recordIn - start });
  }
  return { format: 'edl', name: doc.title, rate, clips, notApplied };
}

/**
 * The editorial handoff formats: writers from one HandoffTimeline, and the editor's cut read back.
 * Every function is pure: text in, text or data out, no file system.
 */
import type { HandoffTimeline } from './handoff-timeline.ts';

export { compareCut } from './cut-compare.ts';
export { readCut, type ReadCutOptions } from './cut-reader.ts';
export * from './cut.types.ts';
export { readEdl, type EdlDocument, type EdlEvent } from './edl-reader.ts';
export { type EdlOptions, type EdlStyle, writeEdl } from './edl-writer.ts';
export { readFcpxmlCut } from './fcpxml-reader.ts';
export { FCPXML_VERSIONS, type FcpxmlOptions, type FcpxmlVersion, writeFcpxml } from './fcpxml-writer.ts';
export { checkTimeline, MARKER_COLOURS } from './handoff-check.ts';
export * from './handoff-timeline.ts';
export { parseOtioJson, type OtioValue } from './otio-json.ts';
export { readOtioCut } from './otio-reader.ts';
export { type OtioOptions, writeOtio } from './otio-writer.ts';

export interface MltOptions {
  /** Prefix for media paths in the MLT (none by default: paths stay relative to the MLT file). */
  mediaRoot?: string;
}

// Signatures fixed first so the handoff service can be written against them; bodies land per format.
const notBuilt = (name: string): never => {
  throw new Error(`${name} is not built yet`);
};
export function writeMlt(_t: HandoffTimeline, _options?: MltOptions): string {
  return notBuilt('writeMlt');
}

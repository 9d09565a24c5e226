/**
 * The editorial handoff formats: writers from one HandoffTimeline, and the editor's cut read back.
 * Every function is pure: text in, text or data out, no file system.
 */
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
export { type MltOptions, writeMlt } from './mlt-writer.ts';

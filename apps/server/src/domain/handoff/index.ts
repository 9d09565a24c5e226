/**
 * The editorial handoff formats: writers from one HandoffTimeline, and the editor's cut read back.
 * Every function is pure: text in, text or data out, no file system.
 */
import type { HandoffTimeline } from './handoff-timeline';
import type { CutChangeReport, ImportedCut } from './cut.types';

export * from './handoff-timeline';
export * from './cut.types';

export type EdlStyle = 'standard' | 'premiere';
export const FCPXML_VERSIONS = ['1.9', '1.10', '1.11', '1.12', '1.13'] as const;
export type FcpxmlVersion = (typeof FCPXML_VERSIONS)[number];

export interface OtioOptions {
  /** Indentation of the JSON (OTIO writes 4). */
  indent?: number;
}
export interface EdlOptions {
  /** `premiere` leaves out the `* FROM CLIP NAME:` lines Premiere misreads. */
  style: EdlStyle;
}
export interface FcpxmlOptions {
  version: FcpxmlVersion;
}
export interface MltOptions {
  /** Prefix for media paths in the MLT (the folder the MLT file sits in by default: paths stay relative). */
  mediaRoot?: string;
}

// Signatures fixed first so the handoff service can be written against them; bodies land per format.
const notBuilt = (name: string): never => {
  throw new Error(`${name} is not built yet`);
};
export function writeEdl(_t: HandoffTimeline, _options: EdlOptions): string {
  return notBuilt('writeEdl');
}
export function writeOtio(_t: HandoffTimeline, _options?: OtioOptions): string {
  return notBuilt('writeOtio');
}
export function writeFcpxml(_t: HandoffTimeline, _options: FcpxmlOptions): string {
  return notBuilt('writeFcpxml');
}
export function writeMlt(_t: HandoffTimeline, _options?: MltOptions): string {
  return notBuilt('writeMlt');
}
export function readCut(_fileName: string, _text: string): ImportedCut {
  return notBuilt('readCut');
}
export function compareCut(_expected: HandoffTimeline, _cut: ImportedCut): CutChangeReport {
  return notBuilt('compareCut');
}

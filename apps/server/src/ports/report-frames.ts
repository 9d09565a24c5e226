/** Report frames port: a note's drawing laid over the still of its frame, as one picture for a report. */
import type { Drawing } from '@backlot/contracts';

export interface AnnotatedFrameRenderer {
  /**
   * The still at `stillPath` (PNG or JPEG) with `drawing` laid over it (the drawing's coordinates
   * stretched to the still's size), as JPEG bytes whose larger side is at most `maxSide`.
   */
  annotate(stillPath: string, drawing: Drawing, options: { maxSide: number }): Promise<Uint8Array>;
}

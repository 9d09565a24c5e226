/**
 * Hand-written handoff timelines the format tests share: a few clips with marks and notes at
 * chosen frames. Test data only (no format writer is used to make it).
 */
import type { FrameRational, TimecodeCount } from '@backlot/contracts';
import type { HandoffClip, HandoffMarker, HandoffTimeline } from './handoff-timeline.ts';

export const R23976: FrameRational = { num: 24000, den: 1001 };
export const R24: FrameRational = { num: 24, den: 1 };
export const R25: FrameRational = { num: 25, den: 1 };
export const R2997: FrameRational = { num: 30000, den: 1001 };

function marker(frame: number, kind: HandoffMarker['kind'], author: string, text: string, noteId: string, duration = 1): HandoffMarker {
  return { frame, duration, kind, author, text, noteId };
}

function clip(shot: string, take: string, frames: number, sourceIn: number, sourceOut: number, rate: FrameRational, markers: HandoffMarker[]): HandoffClip {
  const name = `PROJ_SC001_${shot}_${take}`;
  return {
    name,
    reel: `${shot.replace('SH', 'S')}${take.replace('TK00', 'T')}`,
    takeId: `take-${shot}-${take}`.toLowerCase(),
    shotId: `shot-${shot}`.toLowerCase(),
    sceneCode: 'SC001',
    shotCode: shot,
    takeCode: take,
    media: { path: `media/${name}.mp4`, frames, rate, width: 320, height: 180, hasAudio: false },
    sourceIn,
    sourceOut,
    markers,
  };
}

/**
 * Three clips at `rate`:
 * - SH010 TK002: media 48 frames, used 4–40 (36 frames); a note at media frame 10, one in the tail handle at 44;
 * - SH020 TK001: media 60 frames, used whole (60 frames); a client note on its last frame (59);
 * - SH030 TK003: media 30 frames, used 5–29 (24 frames); a resolved note at 5 lasting 3 frames.
 * 120 frames in all.
 */
export function threeClips(rate: FrameRational, timecode: TimecodeCount, recordStart: number): HandoffTimeline {
  return {
    name: 'PROJ scene 1 approved',
    projectCode: 'PROJ',
    rate,
    timecode,
    recordStart,
    width: 320,
    height: 180,
    clips: [
      clip('SH010', 'TK002', 48, 4, 40, rate, [marker(10, 'note', 'Ana', 'Tighter on the door', 'note-1'), marker(44, 'note', 'Ana', 'Handle note', 'note-2')]),
      clip('SH020', 'TK001', 60, 0, 60, rate, [marker(59, 'client_note', 'Client', 'Love this', 'note-3')]),
      clip('SH030', 'TK003', 30, 5, 29, rate, [marker(5, 'resolved', 'Bo', 'Fixed flicker', 'note-4', 3)]),
    ],
  };
}

/**
 * The take's player: the proxy in an HTML5 video, as large as the page allows, with the frame
 * under the playhead on the project's grid (the proxy runs at the project's rate). Space plays,
 * ←/→ step a frame, shift+←/→ a second, f goes full screen. A frame-accurate player comes later.
 */
import type { TakeMedia } from '@backlot/contracts';
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { useShortcuts } from '../../app/shortcuts.tsx';
import { rateLabel, rateParts } from '../../lib/format.ts';

export interface PlayerHandle {
  /** The frame under the playhead, on the project's grid. */
  frame: () => number;
  pause: () => void;
}

/** round(seconds × rate): the frame a time falls on. */
export function frameAt(seconds: number, rate: string): number {
  const { num, den } = rateParts(rate);
  return Math.max(0, Math.round((seconds * num) / den));
}

export interface TakePlayerProps {
  media: TakeMedia;
  rate: string;
  label: string;
  /** The frame to open on (from the page's address). */
  startFrame?: number;
  /** The frame the playhead rests on after a pause or a seek, so the address can keep it. */
  onRest?: (frame: number) => void;
}

export const TakePlayer = forwardRef<PlayerHandle, TakePlayerProps>(function TakePlayer({ media, rate, label, startFrame, onRest }, ref) {
  const video = useRef<HTMLVideoElement>(null);
  const [frame, setFrame] = useState(0);
  const { num, den } = rateParts(rate);
  const last = Math.max(0, media.proxyFrames - 1);
  useImperativeHandle(ref, () => ({
    frame: () => Math.min(last, frameAt(video.current?.currentTime ?? 0, rate)),
    pause: () => video.current?.pause(),
  }));

  // Just past the frame's start: the decoder shows frame n from n / rate on, and round() reads it back as n.
  const timeOf = (n: number) => (Math.min(last, Math.max(0, n)) * den) / num + 0.001;
  const seekFrames = (step: number) => {
    const v = video.current;
    if (!v) return;
    v.pause();
    v.currentTime = timeOf(frameAt(v.currentTime, rate) + step);
  };
  const rest = (v: HTMLVideoElement) => {
    const at = Math.min(last, frameAt(v.currentTime, rate));
    setFrame(at);
    if (v.paused) onRest?.(at);
  };
  const second = Math.round(num / den);
  useShortcuts([
    { keys: [' '], label: 'Space', help: 'Play or pause', run: () => void (video.current?.paused ? video.current.play() : video.current?.pause()) },
    { keys: ['ArrowRight'], label: '→ / Shift+→', help: 'One frame (a second with Shift) later', run: (e) => seekFrames(e.shiftKey ? second : 1) },
    { keys: ['ArrowLeft'], label: '← / Shift+←', help: 'One frame (a second with Shift) earlier', run: (e) => seekFrames(e.shiftKey ? -second : -1) },
    { keys: ['f'], label: 'f', help: 'Full screen', run: () => void video.current?.requestFullscreen?.() },
  ]);

  return (
    <figure className="player">
      <div className="player-stage">
        <video
          ref={video}
          className="player-video"
          src={media.proxy}
          poster={media.poster}
          controls
          preload="metadata"
          playsInline
          aria-label={label}
          onTimeUpdate={(e) => setFrame(Math.min(last, frameAt(e.currentTarget.currentTime, rate)))}
          onLoadedMetadata={(e) => {
            if (startFrame) e.currentTarget.currentTime = timeOf(startFrame);
          }}
          onSeeked={(e) => rest(e.currentTarget)}
          onPause={(e) => rest(e.currentTarget)}
        />
      </div>
      <figcaption className="player-caption">
        <span className="mono" aria-live="off">
          frame {frame}
        </span>
        <span className="faint mono">of 0–{last}</span>
        <span className="faint">·</span>
        <span className="mono">
          {media.width}×{media.height}
        </span>
        <span className="faint">·</span>
        <span className="mono">{rateLabel(media.frameRate)}</span>
        {media.videoCodec && (
          <>
            <span className="faint">·</span>
            <span className="mono">{media.videoCodec}</span>
          </>
        )}
      </figcaption>
    </figure>
  );
});

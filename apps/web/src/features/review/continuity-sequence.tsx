/** A scene's chosen takes played as one sequence, cut to cut, with one transport (play, the take's own frame, the sequence timecode) and a strip of the shots to jump to. */
import type { Shot, Take } from '@backlot/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { ReviewBadge } from '../../shared/production/take-status.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { frameOfTime, timecodeOf } from './timecode.ts';

export interface Cut {
  shot: Shot;
  take: Take | undefined;
}

/** The take that stands for a shot in the cut: the approved one, else the best selected one (by the server's best, then rating, then newest). */
export function takeForShot(takes: Take[], best: { takeId: string } | null | undefined): Take | undefined {
  const playable = takes.filter((t) => t.media);
  const approved = playable.find((t) => t.review === 'approved');
  if (approved) return approved;
  const selected = playable.filter((t) => t.review === 'selected');
  return selected.find((t) => t.id === best?.takeId) ?? [...selected].sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0) || b.number - a.number)[0];
}

export function Sequence({ projectId, cuts, rate, timecodeMode }: { projectId: string; cuts: Cut[]; rate: string; timecodeMode: 'ndf' | 'df' }) {
  const playable = cuts.filter((c): c is Cut & { take: Take } => !!c.take);
  const videos = useRef<(HTMLVideoElement | null)[]>([]);
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [frame, setFrame] = useState(0);
  // Where each cut starts in the sequence, in frames, and the sequence's length.
  const starts: number[] = [];
  let total = 0;
  for (const c of playable) {
    starts.push(total);
    total += c.take.media?.proxyFrames ?? 0;
  }

  const go = (index: number, play: boolean) => {
    const next = Math.max(0, Math.min(playable.length - 1, index));
    videos.current.forEach((v, i) => i !== next && v?.pause());
    const v = videos.current[next];
    setAt(next);
    if (!v) return;
    v.currentTime = 0;
    setFrame(starts[next] ?? 0);
    if (play) void v.play().catch(() => setPlaying(false));
  };
  useEffect(() => {
    // Stop everything when the sequence leaves the page.
    const list = videos.current;
    return () => list.forEach((v) => v?.pause());
  }, []);
  const toggle = () => {
    const v = videos.current[at];
    if (!v) return;
    if (v.paused) {
      if (v.ended && at === playable.length - 1) go(0, true);
      else void v.play();
    } else v.pause();
  };
  useShortcuts([
    { keys: [' '], label: 'Space', help: 'Play or pause the sequence', run: toggle },
    { keys: ['ArrowRight'], label: '→', help: 'Next shot', run: () => go(at + 1, playing) },
    { keys: ['ArrowLeft'], label: '←', help: 'Previous shot', run: () => go(at - 1, playing) },
  ]);
  const current = playable[at];

  return (
    <div className="continuity">
      <div className="continuity-stage">
        {playable.map((c, i) => (
          // biome-ignore lint/a11y/useMediaCaption: takes come from the providers without captions or a transcript, so there is no caption track to offer
          <video
            key={c.take.id}
            ref={(el) => {
              videos.current[i] = el;
            }}
            className={i === at ? 'continuity-video is-current' : 'continuity-video'}
            src={c.take.media!.proxy}
            preload={Math.abs(i - at) <= 1 ? 'auto' : 'metadata'}
            playsInline
            aria-hidden={i !== at}
            aria-label={i === at ? `${c.shot.code} ${c.take.code}` : undefined}
            onPlay={() => i === at && setPlaying(true)}
            onPause={() => i === at && setPlaying(false)}
            onTimeUpdate={(e) => i === at && setFrame(starts[i] + frameOfTime(e.currentTarget.currentTime, rate))}
            onEnded={() => {
              // The cut: the next shot starts where this one ends.
              if (i === at && i < playable.length - 1) go(i + 1, true);
            }}
          />
        ))}
      </div>
      <fieldset className="compare-transport fieldset-bare" aria-label="Playback">
        <Button small onClick={toggle} aria-label={playing ? 'Pause' : 'Play'}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </Button>
        <span className="mono">
          {current.shot.code} {current.take.code}
        </span>
        {/* The frame and timecode are read when asked for, not announced on every frame while the sequence plays. */}
        <output className="mono" aria-label="Frame of the take" aria-live="off" title="The take's own frame number, counted from 0 as the player and the slate count">
          F {frame - (starts[at] ?? 0)}
        </output>
        <output className="mono" aria-label="Sequence timecode" aria-live="off">
          {timecodeOf(frame, rate, timecodeMode)}
        </output>
        <span className="faint mono small">of {timecodeOf(total, rate, timecodeMode)}</span>
      </fieldset>
      <ol className="shot-strip" aria-label="Shots in order">
        {cuts.map((c) => {
          const index = c.take ? playable.indexOf(c as Cut & { take: Take }) : -1;
          return (
            <li key={c.shot.id} className={index === at ? 'strip-shot is-current' : c.take ? 'strip-shot' : 'strip-shot strip-shot-empty'} aria-current={index === at || undefined}>
              {c.take ? (
                <button type="button" className="strip-button" onClick={() => go(index, playing)} aria-label={`Play ${c.shot.code} from ${c.take.code}`}>
                  <img src={c.take.media!.poster} alt="" loading="lazy" />
                  <span className="mono small">{c.shot.code}</span>
                  <span className="strip-take">
                    <span className="mono small">{c.take.code}</span> <ReviewBadge review={c.take.review} />
                  </span>
                </button>
              ) : (
                <Link to={`/projects/${projectId}/shots/${c.shot.id}/takes`} className="strip-button">
                  <span className="strip-missing">no take chosen</span>
                  <span className="mono small">{c.shot.code}</span>
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

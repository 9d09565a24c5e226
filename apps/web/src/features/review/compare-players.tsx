/** Takes compared as one: their videos side by side or wiped, kept in sync, with one transport (play, frame steps, a scrub slider, timecode) and the keys for it. */
import type { Take } from '@backlot/contracts';
import { useEffect, useRef, useState } from 'react';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { ReviewBadge } from '../../shared/production/take-status.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { frameOfTime, timecodeOf, timeOfFrame } from './timecode.ts';
import { syncVideos, type SyncGroup } from './video-sync.ts';
import { Wipe } from './wipe.tsx';

/** The picture a take was asked to start on: the frame its continuity check compared, else the start-frame reference. */
export function anchorOf(take: Take): { url: string; label: string } | undefined {
  const checked = take.continuity?.find((c) => c.check === 'start_frame' && c.frames)?.frames;
  if (checked) return { url: checked.reference, label: checked.referenceLabel };
  const ref = take.references?.find((r) => r.role === 'start-frame' && r.thumbnailUrl);
  return ref ? { url: ref.thumbnailUrl!, label: `${ref.name} v${ref.version}` } : undefined;
}

interface PlayersProps {
  takes: Take[];
  rate: string;
  timecodeMode: 'ndf' | 'df';
  layout: 'side' | 'wipe';
  anchor: { url: string; label: string } | undefined;
  onToggleWipe: () => void;
}

export function ComparePlayers({ takes, rate, timecodeMode, layout, anchor, onToggleWipe }: PlayersProps) {
  const refs = useRef<(HTMLVideoElement | null)[]>([]);
  const group = useRef<SyncGroup | undefined>(undefined);
  const [frame, setFrame] = useState(0);
  // The frame to put new videos on when the layout changes (side by side ↔ wipe mounts new ones).
  const frameRef = useRef(0);
  frameRef.current = frame;
  const [playing, setPlaying] = useState(false);
  const [wipeAt, setWipeAt] = useState(50);
  const last = Math.max(...takes.map((t) => (t.media?.proxyFrames ?? 1) - 1));
  const { width, height } = takes[0].media!;

  useEffect(() => {
    const videos = refs.current.filter((v): v is HTMLVideoElement => !!v);
    if (!videos.length) return;
    const g = syncVideos(videos, rate);
    group.current = g;
    if (frameRef.current > 0) g.seek(timeOfFrame(frameRef.current, rate));
    const leader = videos[0];
    const show = () => !leader.seeking && setFrame(Math.min(last, frameOfTime(leader.currentTime, rate)));
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    leader.addEventListener('timeupdate', show);
    leader.addEventListener('seeked', show);
    leader.addEventListener('play', onPlay);
    leader.addEventListener('pause', onPause);
    return () => {
      g.stop();
      leader.removeEventListener('timeupdate', show);
      leader.removeEventListener('seeked', show);
      leader.removeEventListener('play', onPlay);
      leader.removeEventListener('pause', onPause);
    };
  }, [rate, last, layout, takes]);

  // The frame asked for shows at once, so quick steps count from it and not from the last seek to land.
  const seekFrame = (n: number) => {
    const to = Math.min(last, Math.max(0, n));
    frameRef.current = to;
    setFrame(to);
    group.current?.pause();
    group.current?.seek(timeOfFrame(to, rate));
  };
  const second = Math.round(Number(rate.split('/')[0]) / Number(rate.split('/')[1] ?? 1));
  useShortcuts([
    { keys: [' '], label: 'Space', help: 'Play or pause every take', run: () => group.current?.toggle() },
    { keys: ['ArrowRight'], label: '→ / Shift+→', help: 'One frame (a second with Shift) later', run: (e) => seekFrame(frameRef.current + (e.shiftKey ? second : 1)) },
    { keys: ['ArrowLeft'], label: '← / Shift+←', help: 'One frame (a second with Shift) earlier', run: (e) => seekFrame(frameRef.current - (e.shiftKey ? second : 1)) },
    ...(takes.length === 2 || anchor ? [{ keys: ['w', 'W'], label: 'W', help: 'Wipe or side by side', run: onToggleWipe }] : []),
  ]);

  const video = (t: Take, i: number) => (
    <video
      key={t.id}
      ref={(el) => {
        refs.current[i] = el;
      }}
      className="compare-video"
      src={t.media!.proxy}
      poster={t.media!.poster}
      preload="auto"
      playsInline
      muted={i > 0}
      aria-label={`${t.shotCode} ${t.code}`}
    />
  );
  const anchorImage = anchor && <img className="compare-video" src={anchor.url} alt={`Start-frame anchor: ${anchor.label}`} />;
  refs.current.length = takes.length;

  return (
    <div className="compare">
      {layout === 'wipe' ? (
        <Wipe
          position={wipeAt}
          onPosition={setWipeAt}
          aspect={`${width} / ${height}`}
          left={video(takes[0], 0)}
          right={anchor ? anchorImage : video(takes[1], 1)}
          leftLabel={takes[0].code}
          rightLabel={anchor ? 'anchor' : takes[1].code}
        />
      ) : (
        <div className={`compare-grid compare-${takes.length + (anchor ? 1 : 0)}`}>
          {takes.map((t, i) => (
            <figure key={t.id} className="compare-cell">
              <div className="compare-picture" style={{ aspectRatio: `${t.media!.width} / ${t.media!.height}` }}>
                {video(t, i)}
              </div>
              <figcaption className="compare-caption">
                <span className="mono">
                  {t.shotCode} {t.code}
                </span>
                <ReviewBadge review={t.review} />
                <span className="faint mono small">{t.model}</span>
              </figcaption>
            </figure>
          ))}
          {anchor && (
            <figure className="compare-cell">
              <div className="compare-picture" style={{ aspectRatio: `${width} / ${height}` }}>
                {anchorImage}
              </div>
              <figcaption className="compare-caption">
                <span>Start-frame anchor</span> <span className="faint small">{anchor.label}</span>
              </figcaption>
            </figure>
          )}
        </div>
      )}
      <div className="compare-transport" role="group" aria-label="Playback">
        <Button small onClick={() => group.current?.toggle()} aria-label={playing ? 'Pause all' : 'Play all'}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </Button>
        <Button small variant="ghost" onClick={() => seekFrame(frameRef.current - 1)} aria-label="One frame earlier">
          ◀︎ 1
        </Button>
        <Button small variant="ghost" onClick={() => seekFrame(frameRef.current + 1)} aria-label="One frame later">
          1 ▶︎
        </Button>
        <input className="compare-scrub" type="range" min={0} max={last} step={1} value={frame} aria-label="Frame" onChange={(e) => seekFrame(Number(e.target.value))} />
        <span className="mono" aria-label="Timecode">
          {timecodeOf(frame, rate, timecodeMode)}
        </span>
        <span className="faint mono small">
          frame {frame} of 0–{last}
        </span>
      </div>
    </div>
  );
}

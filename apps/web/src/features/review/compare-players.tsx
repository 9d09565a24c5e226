/** Takes compared as one: their videos side by side or wiped, kept in sync (use-compare-sync.ts), with one transport (compare-transport.tsx) and the keys for it. */
import type { Take } from '@backlot/contracts';
import { useState } from 'react';
import { ReviewBadge } from '../../shared/production/take-status.tsx';
import { CompareTransport } from './compare-transport.tsx';
import { useCompareSync } from './use-compare-sync.ts';
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
  /** The wipe's divider (0..100) when the page holds it (a dailies room follows its presenter's). */
  wipe?: number;
  onWipe?: (position: number) => void;
}

export function ComparePlayers({ takes, rate, timecodeMode, layout, anchor, onToggleWipe, wipe, onWipe }: PlayersProps) {
  const [ownWipe, setOwnWipe] = useState(50);
  const wipeAt = wipe ?? ownWipe;
  const setWipeAt = (p: number) => (onWipe ? onWipe(p) : setOwnWipe(p));
  const last = Math.max(...takes.map((t) => (t.media?.proxyFrames ?? 1) - 1));
  const { width, height } = takes[0].media!;
  const sync = useCompareSync({ rate, last, layout, takes, onToggleWipe: takes.length === 2 || anchor ? onToggleWipe : undefined });
  const { refs } = sync;

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
      <CompareTransport frame={sync.frame} last={last} rate={rate} timecodeMode={timecodeMode} playing={sync.playing} onToggle={sync.toggle} onStep={sync.step} onSeek={sync.seekFrame} />
    </div>
  );
}

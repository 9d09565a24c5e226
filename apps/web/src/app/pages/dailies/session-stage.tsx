/**
 * A dailies session's stage: the take on screen (and the one X flips to, mounted and ready, so a
 * flip shows a painted frame at once), or two takes side by side or wiped; and the versions V
 * cycles through. The presenter's player posts where it is as it moves and rests.
 */
import type { DailiesItem, Project, Take } from '@backlot/contracts';
import { useState, type MutableRefObject } from 'react';
import { stepItem, type SessionView } from '../../../features/dailies/session-view.ts';
import { ComparePlayers } from '../../../features/review/compare-players.tsx';
import { DrawingOverlay, useNoteMarkers } from '../../../features/review/index.ts';
import { TakePlayer, type PlayerHandle, type TakePlayerProps } from '../../../features/takes/take-player.tsx';

export function SessionStage(props: {
  project: Pick<Project, 'frameRate' | 'timecodeMode'>;
  items: DailiesItem[];
  view: SessionView;
  /** The playlist's item on screen, and the take shown for it (the item's take or another version). */
  item: DailiesItem | undefined;
  shown: Take | undefined;
  /** The take X flips back to, kept mounted. */
  flipTake: Take | undefined;
  compareItem: DailiesItem | undefined;
  versions: Take[];
  emptyText: string;
  players: MutableRefObject<Map<string, PlayerHandle | null>>;
  currentFrame: number;
  onFrame: (frame: number) => void;
  onDecision: TakePlayerProps['onDecision'];
  onChange: (next: Partial<SessionView>) => void;
  /** Set while this browser presents: where its player is, posted to the room. */
  onPost?: (at: { playing: boolean; frame: number; rate?: number }) => void;
  /** Set while this browser follows someone: the viewer moved the player themselves. */
  onOwnMove?: () => void;
}) {
  const { project, items, view, item, shown, compareItem, versions, players, onChange, onPost } = props;
  const notes = useNoteMarkers(shown?.id ?? '');
  const [videoSize, setVideoSize] = useState<{ width: number; height: number }>();
  const mounted = [shown, props.flipTake && props.flipTake.id !== shown?.id ? props.flipTake : undefined].filter((t): t is Take => !!t?.media);
  const wipePercent = Math.round(view.wipe * 100);

  return (
    <div className="dailies-stage" data-layout={view.layout} data-take={shown ? `${shown.shotCode} ${shown.code}` : ''}>
      {!shown ? (
        <div className="player player-empty">
          <p className="muted">{props.emptyText}</p>
        </div>
      ) : view.layout !== 'single' && compareItem?.take.media && shown.media ? (
        <>
          <ComparePlayers
            takes={[shown, compareItem.take]}
            rate={project.frameRate}
            timecodeMode={project.timecodeMode}
            layout={view.layout === 'wipe' ? 'wipe' : 'side'}
            anchor={undefined}
            onToggleWipe={() => onChange({ layout: view.layout === 'wipe' ? 'side_by_side' : 'wipe' })}
            wipe={wipePercent}
            onWipe={(p) => onChange({ wipe: Math.round(p) / 100 })}
          />
          <p className="small muted" data-wipe={wipePercent}>
            {view.layout === 'wipe' ? `Wipe at ${wipePercent}%` : 'Side by side'}: {shown.code} and {compareItem.take.code}. C for the next layout.
          </p>
        </>
      ) : (
        mounted.map((t) => {
          const active = t.id === shown.id;
          const step = (by: -1 | 1) => {
            const next = stepItem(items, view.itemId, by);
            if (next) onChange({ itemId: next });
          };
          return (
            <div key={t.id} className={active ? 'dailies-layer' : 'dailies-layer dailies-layer-ready'} aria-hidden={!active}>
              <TakePlayer
                ref={(p) => void players.current.set(t.id, p)}
                media={t.media!}
                rate={project.frameRate}
                timecodeMode={project.timecodeMode}
                label={`${t.shotCode} ${t.code}`}
                marks={t.marks}
                notes={active ? notes : undefined}
                inactive={!active}
                onDecision={active ? props.onDecision : undefined}
                onStep={active ? step : undefined}
                onFrame={active ? props.onFrame : undefined}
                onVideoSize={active ? setVideoSize : undefined}
                onMotion={active && onPost ? (m) => onPost({ playing: m.playing, frame: players.current.get(t.id)?.frame() ?? 0, rate: m.speed }) : undefined}
                onRest={active && onPost ? (frame) => onPost({ playing: false, frame }) : undefined}
                onOwnMove={active ? props.onOwnMove : undefined}
                overlay={active ? <DrawingOverlay takeId={t.id} currentFrame={props.currentFrame} frameSize={{ width: t.media!.width, height: t.media!.height }} pictureSize={videoSize} /> : undefined}
              />
            </div>
          );
        })
      )}
      {versions.length > 1 && item && (
        <fieldset className="small muted fieldset-bare dailies-versions" aria-label="Versions">
          Version:{' '}
          {versions.map((t) => (
            <button
              key={t.id}
              type="button"
              className={t.id === shown?.id ? 'link-button mono strong' : 'link-button mono'}
              aria-pressed={t.id === shown?.id}
              onClick={() => onChange({ versionTakeId: t.id === item.take.id ? null : t.id })}
            >
              {t.code}
            </button>
          ))}{' '}
          (V)
        </fieldset>
      )}
    </div>
  );
}

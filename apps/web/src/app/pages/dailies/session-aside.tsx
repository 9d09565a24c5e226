/**
 * Beside a dailies session's picture: the playlist, the notes of the take on screen, who is here,
 * the attendees and guest links, the room's log, and the session's notes, report and review movie.
 */
import type { DailiesDetail, DailiesItem, Project, Take } from '@backlot/contracts';
import { timecodeOf } from '../../../shared/ui/player/frame-clock.ts';
import { Playlist } from '../../../features/dailies/playlist.tsx';
import { RoomLog, WhoIsHere } from '../../../features/dailies/room.tsx';
import { ReviewMovieBuild, SessionReport } from '../../../features/dailies/report-and-movie.tsx';
import type { SessionView } from '../../../features/dailies/session-view.ts';
import { Attendees, NotesExport } from '../../../features/dailies/session-actions.tsx';
import { ShareLinks } from '../../../features/dailies/share-links.tsx';
import { NotesPanel } from '../../../features/review/index.ts';
import type { PlayerHandle } from '../../../features/takes/take-player.tsx';

export function SessionAside(props: {
  project: Pick<Project, 'id' | 'frameRate' | 'timecodeMode'>;
  sessionId: string;
  detail: DailiesDetail;
  view: SessionView;
  shown: Take | undefined;
  canRun: boolean;
  hidden: boolean;
  presenterName: string | null;
  currentFrame: number;
  player: () => PlayerHandle | null;
  onOpen: (itemId: string) => void;
  onReorder: (itemIds: string[]) => void;
  onRemove: (item: DailiesItem) => void;
}) {
  const { project, sessionId, detail: d, view, shown, canRun, currentFrame, player } = props;
  const projectId = project.id;
  return (
    <aside className="dailies-aside" hidden={props.hidden} aria-label="Playlist and room">
      <Playlist
        items={d.items}
        currentItemId={view.itemId}
        compareItemId={view.layout !== 'single' ? view.compareItemId : null}
        editable={canRun}
        onOpen={props.onOpen}
        onReorder={props.onReorder}
        onRemove={props.onRemove}
      />
      {shown?.media && (
        <NotesPanel
          projectId={projectId}
          sessionId={sessionId}
          takeId={shown.id}
          currentFrame={currentFrame}
          onSeek={(frame) => void player()?.seekToFrame(frame)}
          frameSize={{ width: shown.media.width, height: shown.media.height }}
          timecodeOf={(frame) => timecodeOf(frame, project.frameRate, project.timecodeMode)}
          onPause={() => player()?.pause()}
          frameNow={() => player()?.frame() ?? currentFrame}
        />
      )}
      <WhoIsHere participants={d.participants} presenterName={props.presenterName} />
      <Attendees projectId={projectId} detail={d} editable={canRun} />
      {canRun && <ShareLinks projectId={projectId} sessionId={sessionId} />}
      <RoomLog projectId={projectId} sessionId={sessionId} />
      <NotesExport projectId={projectId} sessionId={sessionId} />
      <SessionReport projectId={projectId} detail={d} />
      <ReviewMovieBuild projectId={projectId} sessionId={sessionId} takes={d.items.length} />
      <p className="field-hint">
        <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> move the focused take in the playlist; <kbd>X</kbd> A/B flip, <kbd>C</kbd> layout, <kbd>V</kbd> version, <kbd>B</kbd> back to the presenter,{' '}
        <kbd>P</kbd> hides this panel.
      </p>
    </aside>
  );
}

/** The take page's body: the player with the notes' drawings over it (or the generation status until there is a picture) and the take's sections below; beside it the notes, facts and decisions. */
import type { Take } from '@backlot/contracts';
import { useState, type RefObject } from 'react';
import { Link } from 'react-router-dom';
import { bytesLabel, formatWhen } from '../../../shared/lib/format.ts';
import { useProject } from '../../../shared/project/project-context.ts';
import { GenerationStatus } from '../../../shared/production/take-status.tsx';
import { STATUS_HINTS } from '../../../shared/production/take-words.ts';
import { timecodeOf } from '../../../shared/ui/player/frame-clock.ts';
import type { PlayerDecision } from '../../../shared/ui/player/player.tsx';
import { DecisionHistory } from '../../../features/review/decision-history.tsx';
import { DrawingOverlay, NotesPanel, useNoteMarkers } from '../../../features/review/index.ts';
import { TakePlayer, type PlayerHandle } from '../../../features/takes/take-player.tsx';
import { TakeSections, TakeSideFacts } from '../../../features/takes/take-sections.tsx';
import { TakeSpend } from '../../../features/spend/take-spend.tsx';

export interface TakeStageProps {
  take: Take;
  player: RefObject<PlayerHandle | null>;
  startFrame: number;
  currentFrame: number;
  onFrame: (frame: number) => void;
  onRest: (frame: number) => void;
  onMark?: (which: 'in' | 'out', frame: number) => void;
  onDecision?: (state: PlayerDecision) => void;
  onStep: (by: -1 | 1) => void;
}

/** The picture (or the generation status until there is one) and the take's sections below it. */
export function TakeStage({ take, player, startFrame, currentFrame, onFrame, onRest, onMark, onDecision, onStep }: TakeStageProps) {
  const { project } = useProject();
  const notes = useNoteMarkers(take.id);
  // The proxy's pixel size gives the picture its shape on screen (drawings are kept in the take's own frame size).
  const [videoSize, setVideoSize] = useState<{ width: number; height: number }>();
  return (
    <div className="take-main">
      {take.media ? (
        <TakePlayer
          ref={player}
          media={take.media}
          rate={project.frameRate}
          timecodeMode={project.timecodeMode}
          label={`${take.shotCode} ${take.code}`}
          startFrame={startFrame}
          onRest={onRest}
          marks={take.marks}
          notes={notes}
          onMark={onMark}
          onDecision={onDecision}
          onStep={onStep}
          onFrame={onFrame}
          onVideoSize={setVideoSize}
          overlay={<DrawingOverlay takeId={take.id} currentFrame={currentFrame} frameSize={{ width: take.media.width, height: take.media.height }} pictureSize={videoSize} />}
        />
      ) : take.mediaPurged ? (
        <div className="player player-empty player-purged" role="status">
          <img src={take.mediaPurged.poster} alt={`${take.shotCode} ${take.code} poster`} className="player-purged-poster" />
          <p>
            <strong>Media purged</strong> on {formatWhen(take.mediaPurged.at)} by the project's retention ({bytesLabel(take.mediaPurged.bytes)} freed).
          </p>
          <p className="muted">The take's record, request, cost, decisions and notes are kept; only its video files are gone.</p>
        </div>
      ) : (
        <div className="player player-empty">
          <GenerationStatus take={take} />
          <p className="muted">{STATUS_HINTS[take.status]}</p>
        </div>
      )}
      <TakeSections take={take} />
    </div>
  );
}

/** Beside the picture: the take's notes (while it has a picture), its facts and the decisions so far. */
export function TakeAside({ take, player, currentFrame, hidden }: { take: Take; player: RefObject<PlayerHandle | null>; currentFrame: number; hidden: boolean }) {
  const { project, can } = useProject();
  const projectId = project.id;
  return (
    <aside className="take-aside" aria-label="About this take" hidden={hidden}>
      {take.media && (
        <NotesPanel
          projectId={projectId}
          takeId={take.id}
          currentFrame={currentFrame}
          onSeek={(frame) => void player.current?.seekToFrame(frame)}
          frameSize={{ width: take.media.width, height: take.media.height }}
          timecodeOf={(frame) => timecodeOf(frame, project.frameRate, project.timecodeMode)}
          onPause={() => player.current?.pause()}
          frameNow={() => player.current?.frame() ?? currentFrame}
        />
      )}
      <TakeSideFacts projectId={projectId} take={take} cost={<TakeSpend take={take} />}>
        {take.status === 'succeeded' && <DecisionHistory projectId={projectId} take={take} />}
      </TakeSideFacts>
      <p className="field-hint">
        <kbd>p</kbd> hides this panel.
        {can('project.read') && (
          <>
            {' '}
            <Link to={`/projects/${projectId}/shots/${take.shotId}?tab=history`}>Plan history</Link>
          </>
        )}
      </p>
    </aside>
  );
}

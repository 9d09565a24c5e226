/**
 * A guest's notes on the take on screen: the threads others left that a guest may see, each at its
 * frame (a click seeks there), and a composer for client-visible notes with drawings.
 */
import type { Note } from '@backlot/contracts';
import { api } from '../../../shared/api/client.ts';
import { keys } from '../../../shared/api/keys.ts';
import { useLoad } from '../../../shared/lib/use-load.ts';
import { timecodeOf } from '../../../shared/ui/player/frame-clock.ts';
import { NoteComposer } from '../../../features/review/note-composer.tsx';
import type { PlayerHandle } from '../../../features/takes/take-player.tsx';

export function GuestNotes(props: { takeId: string; frameSize: { width: number; height: number }; rate: string; frame: number; player: () => PlayerHandle | null }) {
  const { takeId, rate, frame, player } = props;
  const notes = useLoad(keys.guestNotes(takeId), () => api.guestTakeNotes({ params: { takeId } }));
  return (
    <section className="notes-panel" aria-label="Notes">
      <h2 className="side-panel-title">Notes</h2>
      <ul className="dailies-people" aria-label="Note threads">
        {(notes.data?.notes ?? []).map((n: Note) => (
          <li key={n.id}>
            {n.frame !== null && (
              <button type="button" className="link-button mono small" onClick={() => void player()?.seekToFrame(n.frame!)}>
                {timecodeOf(n.frame, rate, 'ndf')}
              </button>
            )}{' '}
            <strong>{n.author?.name ?? ''}</strong> {n.body}
          </li>
        ))}
      </ul>
      <NoteComposer
        projectId=""
        takeId={takeId}
        members={[]}
        currentFrame={frame}
        frameSize={props.frameSize}
        timecodeOf={(f) => timecodeOf(f, rate, 'ndf')}
        clientOnly
        onPause={() => player()?.pause()}
        frameNow={() => player()?.frame() ?? frame}
        send={(body) => api.guestCreateNote({ params: { takeId }, body })}
        onSent={() => notes.reload()}
      />
    </section>
  );
}

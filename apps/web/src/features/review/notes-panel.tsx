/**
 * A take's notes beside the player: threads in frame order, each with its timecode as a chip that
 * seeks the player there, its drawing shown over the picture at that frame (DrawingOverlay),
 * replies, resolve / reopen, @-mentions, and internal or client-visible. Viewers read and write
 * client-visible notes only (the server sends them no others); editors and viewers resolve and
 * reopen their own notes only (DESIGN.md §8).
 */
import type { Note } from '@backlot/contracts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../shared/session/auth.tsx';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { Button } from '../../shared/ui/button.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { NoteComposer } from './note-composer.tsx';
import { threadsOf, useMembers, useNotes } from './use-notes.ts';

export interface NotesPanelProps {
  projectId: string;
  /** The dailies session the notes are made in (the session page): each new note is kept with it. */
  sessionId?: string;
  takeId: string;
  /** The frame under the playhead (project grid). */
  currentFrame: number;
  onSeek: (frame: number) => void;
  /** The frame's pixel size, the coordinates drawings are made in. */
  frameSize: { width: number; height: number };
  timecodeOf: (frame: number) => string;
  /** Pauses the player when a note is started while playing. */
  onPause?: () => void;
  /** The frame painted this instant (the player's own clock), read when a note is pinned mid-play. */
  frameNow?: () => number;
}

/** "@Dana Director" in a note's body, marked where the server found a member. */
function Body({ note }: { note: Note }) {
  if (!note.mentions.length) return <>{note.body}</>;
  const names = note.mentions.map((m) => m.name).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(@"?(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})"?)`, 'gi');
  return (
    <>
      {note.body.split(pattern).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="mention">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

function NoteHead({ note, timecodeOf, onSeek }: { note: Note; timecodeOf: (f: number) => string; onSeek: (f: number) => void }) {
  return (
    <div className="note-head">
      {note.frame !== null && (
        <button type="button" className="tc-chip mono" onClick={() => onSeek(note.frame!)} title={`Go to frame ${note.frame}`} aria-label={`Go to ${note.timecode ?? timecodeOf(note.frame)}`}>
          {note.timecode ?? (note.frameEnd !== null ? `${timecodeOf(note.frame)}–${timecodeOf(note.frameEnd)}` : timecodeOf(note.frame))}
        </button>
      )}
      <span className="note-author">{note.author.name}</span>
      <span className="faint small" title={note.createdAt}>
        {formatWhen(note.createdAt)}
      </span>
      {note.drawing && <span className="note-tag small">✎ drawing</span>}
      <span className={note.visibility === 'client' ? 'note-tag note-client small' : 'note-tag small'}>{note.visibility === 'client' ? 'client-visible' : 'internal'}</span>
    </div>
  );
}

export function NotesPanel({ projectId, sessionId, takeId, currentFrame, onSeek, frameSize, timecodeOf, onPause, frameNow }: NotesPanelProps) {
  const { project, can, mayChange } = useProject();
  const notes = useNotes(projectId, takeId);
  const members = useMembers(projectId, can('project.read'), can('note.write'));
  const mayWrite = mayChange('note.write');
  const me = useMe();
  // Those who decide on takes resolve anyone's notes; everyone else, their own.
  const mayResolve = (note: Note) => mayChange('review.decide') || note.author.id === me.account.id;
  const mayGenerate = mayChange('take.generate') && can('project.read');
  const navigate = useNavigate();
  /** Opens the shot's plan with the note beside it; generating from there links the new takes to the note. */
  const regenerateFrom = async (note: Note) => {
    const take = await api.getTake({ params: { projectId, takeId } });
    navigate(`/projects/${projectId}/shots/${take.shotId}?note=${note.id}&take=${takeId}`);
  };
  const clientOnly = project.myRole === 'viewer';
  const [replying, setReplying] = useState<string>();
  const [showResolved, setShowResolved] = useState(true);
  const [problem, setProblem] = useState<string>();

  const setResolved = async (note: Note, resolved: boolean) => {
    setProblem(undefined);
    try {
      notes.put(await api.updateNote({ params: { projectId, noteId: note.id }, body: { resolved } }));
    } catch (err) {
      setProblem(messageOf(err));
    }
  };

  const threads = threadsOf(notes.data?.notes ?? []);
  const open = threads.filter((t) => !t.note.resolved).length;
  const shown = showResolved ? threads : threads.filter((t) => !t.note.resolved);

  return (
    <section className="notes-panel" aria-label="Notes">
      <div className="notes-head">
        <h2 className="side-panel-title">Notes {threads.length > 0 && <span className="faint">· {open} open</span>}</h2>
        {threads.length > open && (
          <Button small variant="ghost" onClick={() => setShowResolved((v) => !v)}>
            {showResolved ? 'Hide resolved' : 'Show resolved'}
          </Button>
        )}
      </div>
      {mayWrite && (
        <NoteComposer
          projectId={projectId}
          sessionId={sessionId}
          takeId={takeId}
          members={members}
          currentFrame={currentFrame}
          frameSize={frameSize}
          timecodeOf={timecodeOf}
          clientOnly={clientOnly}
          onPause={onPause}
          frameNow={frameNow}
          onSent={notes.put}
        />
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {notes.error && !notes.data ? <LoadError error={notes.error} retry={notes.reload} /> : null}
      {!notes.data && !notes.error && <Loading what="Loading the notes" />}
      {notes.data && threads.length === 0 && <p className="muted small">No notes yet. {mayWrite ? 'Type one above: it pins to the frame under the playhead.' : ''}</p>}
      <ol className="note-list" aria-label="Note threads">
        {shown.map(({ note, replies }) => (
          <li key={note.id} className={note.resolved ? 'note note-resolved' : 'note'} aria-label={`Note by ${note.author.name}`} data-note-id={note.id}>
            <NoteHead note={note} timecodeOf={timecodeOf} onSeek={onSeek} />
            <p className="note-body">
              <Body note={note} />
            </p>
            {note.ledTo.length > 0 && (
              <p className="small muted">
                Led to{' '}
                {note.ledTo.map((t, i) => (
                  <span key={t.id}>
                    {i > 0 && ', '}
                    <Link to={`/projects/${projectId}/takes/${t.id}`} className="mono">
                      {t.code}
                    </Link>
                  </span>
                ))}
              </p>
            )}
            {note.resolved && <p className="small faint">Resolved{note.resolvedBy ? ` by ${note.resolvedBy}` : ''}</p>}
            {replies.length > 0 && (
              <ol className="note-replies" aria-label="Replies">
                {replies.map((r) => (
                  <li key={r.id} className="note-reply">
                    <NoteHead note={r} timecodeOf={timecodeOf} onSeek={onSeek} />
                    <p className="note-body">
                      <Body note={r} />
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {mayWrite && (
              <div className="note-actions">
                <Button small variant="ghost" onClick={() => setReplying(replying === note.id ? undefined : note.id)}>
                  Reply
                </Button>
                {mayResolve(note) && (
                  <Button small variant="ghost" onClick={() => void setResolved(note, !note.resolved)}>
                    {note.resolved ? 'Reopen' : 'Resolve'}
                  </Button>
                )}
                {mayGenerate && (
                  <Button small variant="ghost" onClick={() => void regenerateFrom(note)}>
                    Regenerate from this note
                  </Button>
                )}
              </div>
            )}
            {replying === note.id && (
              <NoteComposer
                projectId={projectId}
                takeId={takeId}
                members={members}
                currentFrame={currentFrame}
                frameSize={frameSize}
                timecodeOf={timecodeOf}
                clientOnly={clientOnly}
                parent={note}
                onSent={(reply) => {
                  notes.put(reply);
                  setReplying(undefined);
                }}
                onCancel={() => setReplying(undefined)}
              />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

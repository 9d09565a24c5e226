/**
 * Writing a note (or a reply): the text with @-mentions, the frame it is pinned to (a note typed
 * while playing pins to the frame under the playhead and pauses the player), an optional end of a
 * range, a drawing on that frame, and internal or client-visible (viewers: client-visible only).
 */
import type { CreateNoteInput, Note } from '@backlot/contracts';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { Button } from '../../shared/ui/button.tsx';
import { readBoard, updateBoard, useBoard } from './drawing-board.ts';
import { DrawingTools } from './drawing-tools.tsx';
import { type Member, MentionField } from './mention-field.tsx';

export interface NoteComposerProps {
  projectId: string;
  /** The dailies session the note is made in, kept with it. */
  sessionId?: string;
  takeId: string;
  members: Member[];
  currentFrame: number;
  frameSize: { width: number; height: number };
  timecodeOf: (frame: number) => string;
  /** Viewers may write client-visible notes only. */
  clientOnly: boolean;
  /** Replying to this note: no frame, drawing or visibility of its own. */
  parent?: Note;
  onPause?: () => void;
  frameNow?: () => number;
  onSent: (note: Note) => void;
  onCancel?: () => void;
  /** Sends the note another way than as a member (a guest on a review link). */
  send?: (body: CreateNoteInput) => Promise<Note>;
}

export function NoteComposer({ projectId, sessionId, takeId, members, currentFrame, frameSize, timecodeOf, clientOnly, parent, onPause, frameNow, onSent, onCancel, send: sendAs }: NoteComposerProps) {
  const board = useBoard(takeId);
  const [body, setBody] = useState('');
  const [frame, setFrame] = useState<number | null>(null);
  const [frameEnd, setFrameEnd] = useState<number | null>(null);
  const [drawingOpen, setDrawingOpen] = useState(false);
  const [visibility, setVisibility] = useState<'internal' | 'client'>(clientOnly ? 'client' : 'internal');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const isReply = !!parent;

  /** Pins the note to the frame under the playhead (unless pinned already); the frame it is pinned to. */
  const pin = (): number => {
    // Read the frame before pausing: the picture on screen when the reviewer started typing.
    const at = frameNow?.() ?? currentFrame;
    onPause?.();
    if (frame === null) setFrame(at);
    return frame ?? at;
  };
  const closeDrawing = () => {
    setDrawingOpen(false);
    updateBoard(takeId, { tool: null, draft: [], draftFrame: null });
  };
  // Shapes are drawn on one frame: the note sits there (a drawing begun on another frame moves the pin).
  const drawnOn = board.draft.length ? board.draftFrame : null;
  useEffect(() => {
    if (drawnOn !== null && drawnOn !== frame) {
      setFrame(drawnOn);
      setFrameEnd(null);
    }
  }, [drawnOn, frame]);

  const send = async () => {
    if (!body.trim()) {
      setError('Write the note first.');
      return;
    }
    const { draft: shapes, draftFrame } = readBoard(takeId);
    setSending(true);
    setError(undefined);
    try {
      const input: CreateNoteInput = isReply
        ? { body: body.trim(), parentId: parent.id, visibility: clientOnly ? 'client' : parent.visibility }
        : {
            body: body.trim(),
            frame: shapes.length ? (draftFrame ?? frame ?? currentFrame) : frame,
            frameEnd: frame !== null && frameEnd !== null && frameEnd > frame ? frameEnd : null,
            drawing: shapes.length ? { width: frameSize.width, height: frameSize.height, shapes } : null,
            visibility,
            ...(sessionId ? { sessionId } : {}),
          };
      const note = sendAs ? await sendAs(input) : await api.createNote({ params: { projectId, takeId }, body: input });
      setBody('');
      setFrame(null);
      setFrameEnd(null);
      if (!isReply) closeDrawing();
      onSent(note);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className={isReply ? 'note-composer note-composer-reply' : 'note-composer'}
      aria-label={isReply ? 'Reply' : 'New note'}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <MentionField
        value={body}
        onChange={setBody}
        members={members}
        label={isReply ? 'Reply' : 'Note'}
        placeholder={isReply ? 'Reply…' : 'A note on this take; @ names a member. Ctrl+Enter sends.'}
        onSubmit={() => void send()}
        onStart={isReply ? undefined : pin}
        autoFocus={isReply}
        rows={isReply ? 2 : 3}
      />
      {!isReply && (
        <div className="note-composer-row">
          {frame === null ? (
            <Button small variant="ghost" onClick={pin} title="Pin the note to the frame under the playhead">
              Pin to <span className="mono">{timecodeOf(currentFrame)}</span>
            </Button>
          ) : (
            <span className="note-pin">
              at{' '}
              <output className="mono" aria-label="Pinned at" aria-live="off">
                {timecodeOf(frame)}
                {frameEnd !== null && frameEnd > frame && <>–{timecodeOf(frameEnd)}</>}
              </output>
              {currentFrame > frame && (
                <Button small variant="ghost" onClick={() => setFrameEnd(currentFrame)} title="End the range at the frame under the playhead">
                  to here
                </Button>
              )}
              <Button small variant="ghost" onClick={() => (setFrame(null), setFrameEnd(null))} title="A note on the whole take">
                Unpin
              </Button>
            </span>
          )}
          <Button
            small
            variant="ghost"
            aria-pressed={drawingOpen}
            onClick={() => {
              if (drawingOpen) return closeDrawing();
              const on = pin();
              setDrawingOpen(true);
              updateBoard(takeId, { tool: board.tool ?? 'stroke', draftFrame: on });
            }}
          >
            {drawingOpen ? 'Drop the drawing' : 'Draw on the frame'}
          </Button>
          <label className="note-visibility">
            <input type="checkbox" checked={visibility === 'client'} disabled={clientOnly} onChange={(e) => setVisibility(e.target.checked ? 'client' : 'internal')} /> Client-visible
          </label>
        </div>
      )}
      {drawingOpen && !isReply && <DrawingTools takeId={takeId} />}
      {clientOnly && !isReply && <p className="field-hint">As a viewer, your notes are visible to the client and the team.</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="note-composer-actions">
        {onCancel && (
          <Button small onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button small variant="primary" type="submit" pending={sending}>
          {isReply ? 'Reply' : 'Add note'}
        </Button>
      </div>
    </form>
  );
}

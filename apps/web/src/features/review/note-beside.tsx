/**
 * "Regenerate from this note": the note shown beside the plan editor, so the plan can be changed
 * (a new version; unlocking is audited) with the note in view, then generated from — the new
 * takes link to the take they regenerate and to the note.
 */
import { Link } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { LinkButton } from '../../shared/ui/button.tsx';

export function NoteBeside({ projectId, shotId, takeId, noteId }: { projectId: string; shotId: string; takeId: string; noteId: string }) {
  const notes = useLoad(keys.review.notes(projectId, takeId), () => api.listNotes({ params: { projectId, takeId } }));
  const note = notes.data?.notes.find((n) => n.id === noteId);
  return (
    <section className="note-beside" aria-label="The note being answered">
      <h2 className="section-title">Answering a note</h2>
      {!note ? (
        <p className="muted small">{notes.error ? 'This note could not be read.' : 'Loading the note…'}</p>
      ) : (
        <>
          <p className="small muted">
            {note.author.name} on <Link to={`/projects/${projectId}/takes/${takeId}${note.frame !== null ? `?frame=${note.frame}` : ''}`}>the take</Link>
            {note.timecode ? <span className="mono"> at {note.timecode}</span> : null}
          </p>
          <blockquote className="note-body">{note.body}</blockquote>
          <p className="small muted">Change the plan and save it, then generate: the new takes link to this note.</p>
          <LinkButton variant="primary" to={`/projects/${projectId}/shots/${shotId}/takes?regenerate=${takeId}&note=${noteId}`}>
            Generate from this note
          </LinkButton>
        </>
      )}
    </section>
  );
}

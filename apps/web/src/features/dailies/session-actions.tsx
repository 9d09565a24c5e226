/**
 * What else a session page offers: who is invited (changed by those who run it), the notes of the
 * session's takes as CSV or JSON in the dailies notes shape, and closing the session (asked once:
 * it becomes read-only and its guest links stop working).
 */
import type { DailiesDetail } from '@backlot/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { downloadText } from '../../shared/lib/download.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Form, FormActions, FormError } from '../../shared/ui/form.tsx';

export function Attendees({ projectId, detail, editable }: { projectId: string; detail: DailiesDetail; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="dailies-attendees" aria-label="Invited">
      <h2 className="side-panel-title">Invited ({detail.attendees.length})</h2>
      <p className="small">{detail.attendees.map((a) => a.name).join(', ') || 'Nobody yet.'}</p>
      {editable && (
        <Button small onClick={() => setEditing(true)}>
          Invite…
        </Button>
      )}
      {editing && <AttendeesDialog projectId={projectId} detail={detail} onClose={() => setEditing(false)} />}
    </section>
  );
}

function AttendeesDialog({ projectId, detail, onClose }: { projectId: string; detail: DailiesDetail; onClose: () => void }) {
  const sessionId = detail.session.id;
  const members = useLoad(keys.members.list(projectId), () => api.listMembers({ params: { projectId } }));
  const [chosen, setChosen] = useState(detail.attendees.map((a) => a.accountId));
  const save = useAction(() => api.setDailiesAttendees({ params: { projectId, sessionId }, body: { accountIds: chosen } }), {
    invalidates: [keys.dailies.session(projectId, sessionId), keys.dailies.list(projectId)],
  });
  return (
    <Dialog title="Who is invited" onClose={onClose}>
      <Form
        label="Who is invited"
        error={save.error}
        onSubmit={async () => {
          if (await save.run()) onClose();
        }}
      >
        <fieldset className="dailies-invite" aria-label="Members">
          {(members.data?.members ?? []).map((m) => (
            <label key={m.accountId} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(m.accountId)}
                onChange={(e) => setChosen((list) => (e.target.checked ? [...list, m.accountId] : list.filter((id) => id !== m.accountId)))}
              />{' '}
              {m.name} <span className="muted small">{m.role}</span>
            </label>
          ))}
        </fieldset>
        <p className="muted small">The session's creator always attends.</p>
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={save.pending}>
            Save
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

/** The notes of the session's takes, downloaded as CSV or JSON (docs/dailies-notes.md maps the fields). */
export function NotesExport({ projectId, sessionId }: { projectId: string; sessionId: string }) {
  const [trouble, setTrouble] = useState<string>();
  const get = async (format: 'csv' | 'json') => {
    try {
      const file = await api.exportDailiesNotes({ params: { projectId, sessionId }, query: { format } });
      downloadText(file.fileName, file.content, format === 'csv' ? 'text/csv' : 'application/json');
      setTrouble(undefined);
    } catch (e) {
      setTrouble(`The notes could not be exported: ${messageOf(e)}`);
    }
  };
  return (
    <section aria-label="Notes export">
      <h2 className="side-panel-title">Notes export</h2>
      <Button small onClick={() => void get('csv')}>
        Notes as CSV
      </Button>{' '}
      <Button small onClick={() => void get('json')}>
        Notes as JSON
      </Button>
      {trouble && <Banner tone="error">{trouble}</Banner>}
    </section>
  );
}

export function CloseSession({ projectId, detail }: { projectId: string; detail: DailiesDetail }) {
  const [asking, setAsking] = useState(false);
  const sessionId = detail.session.id;
  const queries = useQueryClient();
  return (
    <>
      <Button small onClick={() => setAsking(true)}>
        Close session
      </Button>
      {asking && (
        <ConfirmDialog
          title={`Close “${detail.session.title}”?`}
          confirmLabel="Close session"
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            await api.closeDailies({ params: { projectId, sessionId } });
            await queries.invalidateQueries({ queryKey: keys.dailies.all(projectId) });
          }}
        >
          The session becomes read-only: no more takes, decisions or notes in it, and its guest links stop working.
        </ConfirmDialog>
      )}
    </>
  );
}

/**
 * The project's dailies: every session with its day, state, takes and attendees, newest first;
 * "New session" builds one from the selects since the last session (the default), from one of
 * your saved searches of the takes, or empty, and invites members. j/k or ↑/↓ move, Enter opens,
 * n starts a new session.
 */
import type { DailiesSession } from '@backlot/contracts';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { NeedsPermission } from '../../shared/project/needs-permission.tsx';
import { useProject } from '../../shared/project/project-context.ts';
import { useShortcuts } from '../../shared/shortcuts/shortcuts.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, PageHeader } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { NewSessionDialog } from './new-session.dialog.tsx';

export function DailiesListPage() {
  return (
    <div className="page">
      <NeedsPermission action="dailies.read" what="attend dailies">
        <DailiesList />
      </NeedsPermission>
    </div>
  );
}

function DailiesList() {
  const { project, mayChange } = useProject();
  const projectId = project.id;
  const navigate = useNavigate();
  useDocumentTitle('Dailies', project.code);
  const loaded = useLoad(keys.dailies.list(projectId), () => api.listDailies({ params: { projectId } }));
  const [creating, setCreating] = useState(false);
  const [focus, setFocus] = useState(0);
  const table = useRef<HTMLDivElement>(null);
  const mayRun = mayChange('dailies.run');
  const sessions = loaded.data?.sessions ?? [];
  const open = (s: DailiesSession | undefined) => s && navigate(`/projects/${projectId}/dailies/${s.id}`);
  const move = (by: number) => setFocus((f) => Math.max(0, Math.min(sessions.length - 1, f + by)));
  useShortcuts([
    { keys: ['j', 'ArrowDown'], label: 'j / ↓', help: 'Next session', run: () => move(1) },
    { keys: ['k', 'ArrowUp'], label: 'k / ↑', help: 'Previous session', run: () => move(-1) },
    { keys: ['Enter'], label: 'Enter', help: 'Open the session', run: () => open(sessions[focus]) },
    ...(mayRun ? [{ keys: ['n'], label: 'n', help: 'New session', run: () => setCreating(true) }] : []),
  ]);

  const newButton = mayRun ? (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New session
    </Button>
  ) : null;
  return (
    <>
      <PageHeader title="Dailies" sub="Playlists of takes reviewed together, with the decisions and notes made in the room.">
        {newButton}
      </PageHeader>
      {loaded.error && !loaded.data ? (
        <LoadError error={loaded.error} retry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading what="Loading the sessions" />
      ) : sessions.length === 0 ? (
        <EmptyState title="No dailies yet" action={newButton}>
          {mayRun
            ? 'Start a session: its playlist is the selects decided since the last one, one of your saved searches, or takes you add by hand.'
            : 'You will see the sessions you are invited to here.'}
        </EmptyState>
      ) : (
        <div ref={table}>
          <Table label="Dailies sessions" head={['Day', 'Session', 'State', 'Takes', 'Attendees', 'Created']}>
            {sessions.map((s, i) => (
              <tr key={s.id} className={i === focus ? 'row-focused' : undefined} aria-selected={i === focus} data-session-id={s.id} onClick={() => setFocus(i)}>
                <td className="mono">{s.date}</td>
                <td>
                  <Link to={`/projects/${projectId}/dailies/${s.id}`}>{s.title}</Link>
                </td>
                <td>{s.status === 'open' ? 'open' : `closed ${formatWhen(s.closedAt)}`}</td>
                <td className="num">{s.itemCount}</td>
                <td className="num">{s.attendeeCount}</td>
                <td className="muted small">
                  {s.createdBy.name} · {formatWhen(s.createdAt)}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      {creating && <NewSessionDialog onClose={() => setCreating(false)} onCreated={(id) => navigate(`/projects/${projectId}/dailies/${id}`)} />}
    </>
  );
}

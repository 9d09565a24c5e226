/**
 * A new dailies session: its title and day, where its playlist comes from (the selects decided
 * since the last session by default, one of your saved searches of the takes, or empty to add
 * takes by hand) and the members invited (the creator always attends).
 */
import type { DailiesSource } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { useProject } from '../../shared/project/project-context.ts';
import { useAuth } from '../../shared/session/auth.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input, Select } from '../../shared/ui/form.tsx';
import { todayUtc } from './follow.ts';

type SourceKind = DailiesSource['kind'];

export function NewSessionDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (sessionId: string) => void }) {
  const { project, can } = useProject();
  const projectId = project.id;
  const { me } = useAuth();
  const [title, setTitle] = useState(`Dailies ${todayUtc()}`);
  const [date, setDate] = useState(todayUtc());
  const [kind, setKind] = useState<SourceKind>('selects_since_last');
  const [filterId, setFilterId] = useState('');
  const [invited, setInvited] = useState<string[]>([]);
  const filters = useLoad(keys.takes.filters(projectId), () => api.listTakeFilters({ params: { projectId } }));
  const members = useLoad(keys.members.list(projectId), () => api.listMembers({ params: { projectId } }), { enabled: can('project.read') });
  const source: DailiesSource = kind === 'filter' ? { kind, filterId } : kind === 'takes' ? { kind, takeIds: [] } : { kind };
  const create = useAction(() => api.createDailies({ params: { projectId }, body: { title, date, source, attendeeIds: invited } }), { invalidates: [keys.dailies.list(projectId)] });
  const others = (members.data?.members ?? []).filter((m) => m.accountId !== me?.account.id);

  return (
    <Dialog title="New dailies session" onClose={onClose} wide>
      <Form
        label="New dailies session"
        error={create.error}
        onSubmit={async () => {
          const made = await create.run();
          if (made) onCreated(made.session.id);
        }}
      >
        <Field label="Title" name="title">
          <Input value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
        </Field>
        <Field label="Day" name="date" hint="The day of the session (UTC).">
          <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} mono />
        </Field>
        <Field label="Playlist" name="source" hint={SOURCE_HINTS[kind]}>
          <Select value={kind} onChange={(e) => setKind(e.target.value as SourceKind)} aria-label="Playlist from">
            <option value="selects_since_last">The selects since the last session</option>
            <option value="filter">One of my saved searches</option>
            <option value="takes">Empty: I add takes by hand</option>
          </Select>
        </Field>
        {kind === 'filter' && (
          <Field label="Saved search" name="filterId" hint={filters.data?.filters.length === 0 ? 'You have no saved searches: save one on the Takes page.' : undefined}>
            <Select value={filterId} onChange={(e) => setFilterId(e.target.value)}>
              <option value="">Choose a saved search…</option>
              {(filters.data?.filters ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <fieldset className="dailies-invite" aria-label="Invite attendees">
          <legend className="field-label">Attendees (you attend)</legend>
          {others.length === 0 ? (
            <p className="muted small">{members.data ? 'No other members yet.' : 'Loading the members…'}</p>
          ) : (
            others.map((m) => (
              <label key={m.accountId} className="check">
                <input
                  type="checkbox"
                  checked={invited.includes(m.accountId)}
                  onChange={(e) => setInvited((list) => (e.target.checked ? [...list, m.accountId] : list.filter((id) => id !== m.accountId)))}
                />{' '}
                {m.name} <span className="muted small">{m.role}</span>
              </label>
            ))
          )}
        </fieldset>
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.pending}>
            Create session
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

const SOURCE_HINTS: Record<SourceKind, string> = {
  selects_since_last: 'Every take selected or approved since the last session began.',
  filter: 'The takes your saved search finds now.',
  takes: 'Start empty and add takes on the session page.',
};

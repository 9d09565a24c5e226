/**
 * The member's saved searches of the takes: the current filter saved under a name, each listed as
 * a button that applies it, and deleted with the ✕ beside it. A search is the member's own. What
 * the server refuses (a name already used, a filter the role may not search by) is said in place.
 */
import type { TakeFilter } from '@backlot/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { fieldMessage } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { takeFiltersQuery } from './queries.ts';
import { filterFromQuery, filterToQuery, filterToUrl, type TakeBrowserFilter } from './take-browser-filter.ts';

export interface SavedSearchesProps {
  projectId: string;
  filter: TakeBrowserFilter;
  /** Whether the member may save (take.filter_save, and the project is open). */
  maySave: boolean;
  apply: (filter: TakeBrowserFilter) => void;
}

export function SavedSearches({ projectId, filter, maySave, apply }: SavedSearchesProps) {
  const saved = useQuery(takeFiltersQuery(projectId));
  const [naming, setNaming] = useState(false);
  const remove = useAction((f: TakeFilter) => api.deleteTakeFilter({ params: { projectId, filterId: f.id } }), { invalidates: [keys.takes.filters(projectId)] });
  const current = filterToUrl(filter).toString();
  const filters = saved.data ?? [];

  return (
    <section className="takes-saved" aria-label="Saved searches">
      <span className="takes-saved-title">Saved searches</span>
      {saved.error ? <span className="muted">Your saved searches could not be loaded: {fieldMessage(saved.error)}</span> : null}
      {saved.data && filters.length === 0 && <span className="muted">None yet: filter the takes, then save the search to come back to it.</span>}
      <ul className="takes-saved-list">
        {filters.map((f) => {
          const on = filterToUrl(filterFromQuery(f.query)).toString() === current;
          return (
            <li key={f.id} className={on ? 'takes-saved-item is-on' : 'takes-saved-item'}>
              <button type="button" className="takes-saved-apply" aria-pressed={on} title={`Apply “${f.name}”`} onClick={() => apply(filterFromQuery(f.query))}>
                {f.name}
              </button>
              {maySave && (
                <button type="button" className="takes-saved-delete" aria-label={`Delete the saved search “${f.name}”`} title="Delete this saved search" onClick={() => void remove.run(f)}>
                  ✕
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {maySave && (
        <Button small onClick={() => setNaming(true)}>
          Save this search…
        </Button>
      )}
      {remove.error ? (
        <Banner
          tone="error"
          action={
            <Button small variant="ghost" onClick={remove.clearError}>
              Dismiss
            </Button>
          }
        >
          The search was not deleted: {fieldMessage(remove.error)}
        </Banner>
      ) : null}
      {naming && <SaveSearchDialog projectId={projectId} filter={filter} onClose={() => setNaming(false)} />}
    </section>
  );
}

function SaveSearchDialog({ projectId, filter, onClose }: { projectId: string; filter: TakeBrowserFilter; onClose: () => void }) {
  const [name, setName] = useState('');
  const save = useAction(() => api.saveTakeFilter({ params: { projectId }, body: { name: name.trim(), query: filterToQuery(filter) } }), { invalidates: [keys.takes.filters(projectId)] });
  return (
    <Dialog title="Save this search" onClose={onClose}>
      <Form
        label="Save this search"
        error={save.error}
        onSubmit={async () => {
          if (await save.run()) onClose();
        }}
      >
        <Field label="Name" name="name" hint="Only you see your saved searches.">
          <Input autoFocus value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </Field>
        <FormError />
        <FormActions>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" pending={save.pending}>
            Save
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

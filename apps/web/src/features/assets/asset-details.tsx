/** A reference's name, tags and notes: a form for those who edit references, plain text for everyone else. */
import type { Asset } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';
import { parseTags, tagsLine } from './tags.ts';

export function AssetDetails({ projectId, asset, editable, onSaved }: { projectId: string; asset: Asset; editable: boolean; onSaved: () => void }) {
  const [name, setName] = useState(asset.name);
  const [tags, setTags] = useState(tagsLine(asset.tags));
  const [notes, setNotes] = useState(asset.notes);
  const [saved, setSaved] = useState(false);
  const save = useAction(() => api.updateAsset({ params: { projectId, assetId: asset.id }, body: { name, tags: parseTags(tags), notes } }));
  const dirty = name !== asset.name || tagsLine(parseTags(tags)) !== tagsLine(asset.tags) || notes !== asset.notes;

  if (!editable) {
    return (
      <section className="side-panel" aria-labelledby="details-title">
        <h2 className="side-panel-title" id="details-title">
          Tags and notes
        </h2>
        <div className="asset-card-labels">
          {asset.tags.length ? (
            asset.tags.map((t) => (
              <span key={t} className="asset-label">
                {t}
              </span>
            ))
          ) : (
            <span className="muted">No tags</span>
          )}
        </div>
        <p className="side-panel-text notes-text">{asset.notes || <span className="muted">No notes.</span>}</p>
      </section>
    );
  }
  return (
    <section className="side-panel" aria-labelledby="details-title">
      <h2 className="side-panel-title" id="details-title">
        Name, tags and notes
      </h2>
      <Form
        label="Name, tags and notes"
        error={save.error}
        onSubmit={async () => {
          setSaved(false);
          if (!(await save.run())) return;
          setSaved(true);
          onSaved();
        }}
      >
        <Field label="Name" name="name">
          <Input value={name} maxLength={120} onChange={(e) => (setSaved(false), setName(e.target.value))} />
        </Field>
        <Field label="Tags" name="tags" hint="Separated by commas">
          <Input value={tags} onChange={(e) => (setSaved(false), setTags(e.target.value))} />
        </Field>
        <TextAreaField
          label="Notes"
          name="notes"
          error={save.error}
          rows={4}
          maxLength={5000}
          value={notes}
          onChange={(e) => (setSaved(false), setNotes(e.target.value))}
          placeholder="What to keep consistent, what to avoid, where it came from"
        />
        <FormError />
        {saved && !dirty && <Banner tone="ok">Saved.</Banner>}
        <FormActions>
          <Button type="submit" variant="primary" small disabled={!dirty} pending={save.pending}>
            Save
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}

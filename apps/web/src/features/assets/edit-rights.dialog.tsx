/** Changes where a reference comes from and what makes it sensitive (a real likeness, copyrighted, client-confidential). */
import { RIGHTS_FLAGS, RIGHTS_SOURCES, type Asset } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Select } from '../../shared/ui/form.tsx';
import { FLAG_NAMES, SOURCE_NAMES } from '../../shared/production/asset-words.ts';

type Flag = (typeof RIGHTS_FLAGS)[number];
type Source = (typeof RIGHTS_SOURCES)[number];

export function EditRightsDialog({ projectId, asset, onClose, onChanged }: { projectId: string; asset: Asset; onClose: () => void; onChanged: () => void }) {
  const [source, setSource] = useState<Source>(asset.rightsSource);
  const [flags, setFlags] = useState<Flag[]>(asset.flags);
  const save = useAction(() => api.updateAsset({ params: { projectId, assetId: asset.id }, body: { rightsSource: source, flags } }));
  return (
    <Dialog title={`Source and flags of ${asset.name}`} onClose={onClose}>
      <Form
        label="Source and flags"
        error={save.error}
        onSubmit={async () => {
          if (!(await save.run())) return;
          onChanged();
          onClose();
        }}
      >
        <Field label="Rights source" name="rightsSource">
          <Select value={source} onChange={(e) => setSource(e.target.value as Source)}>
            {RIGHTS_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_NAMES[s]}
              </option>
            ))}
          </Select>
        </Field>
        <fieldset className="choices">
          <legend className="field-label">Needs clearance because it shows</legend>
          {RIGHTS_FLAGS.map((f) => (
            <label key={f} className="choice">
              <input type="checkbox" checked={flags.includes(f)} onChange={(e) => setFlags((all) => (e.target.checked ? [...all, f] : all.filter((x) => x !== f)))} />
              {FLAG_NAMES[f]}
            </label>
          ))}
        </fieldset>
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

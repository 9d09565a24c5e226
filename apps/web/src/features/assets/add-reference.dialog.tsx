/**
 * Adds a reference to the library — kind, name, where it comes from, what makes it sensitive,
 * tags — and goes straight on to uploading its first version.
 */
import { ASSET_KINDS, RIGHTS_FLAGS, RIGHTS_SOURCES, type Asset, type AssetKind } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input, Select } from '../../shared/ui/form.tsx';
import { FLAG_NAMES, KIND_HINTS, KIND_NAMES, SOURCE_NAMES } from '../../shared/production/asset-words.ts';
import { parseTags } from './tags.ts';
import { UploadPanel } from './upload-panel.tsx';
import type { UploadResult } from './upload-queue.ts';

type Flag = (typeof RIGHTS_FLAGS)[number];
type Source = (typeof RIGHTS_SOURCES)[number];

export interface AddReferenceDialogProps {
  projectId: string;
  onClose: () => void;
  /** The reference exists (and may still have no version). */
  onAdded: (asset: Asset) => void;
  onUploaded: (result: UploadResult) => void;
}

export function AddReferenceDialog({ projectId, onClose, onAdded, onUploaded }: AddReferenceDialogProps) {
  const [kind, setKind] = useState<AssetKind>('character');
  const [name, setName] = useState('');
  const [source, setSource] = useState<Source>('original');
  const [flags, setFlags] = useState<Flag[]>([]);
  const [tags, setTags] = useState('');
  const [added, setAdded] = useState<Asset>();
  const create = useAction(() => api.createAsset({ params: { projectId }, body: { kind, name, rightsSource: source, flags, tags: parseTags(tags) } }));

  if (added) {
    return (
      <Dialog title={`Upload ${added.name}`} onClose={onClose} wide footer={<Button onClick={onClose}>Upload later</Button>}>
        <p className="muted">
          {added.name} is in the library as a {KIND_NAMES[added.kind].toLowerCase()} reference. Upload its first version: {KIND_HINTS[added.kind].toLowerCase()}
        </p>
        <UploadPanel
          projectId={projectId}
          asset={added}
          onUploaded={(result) => {
            onUploaded(result);
            onClose();
          }}
        />
      </Dialog>
    );
  }

  return (
    <Dialog title="Add a reference" onClose={onClose} wide>
      <Form
        label="Add a reference"
        error={create.error}
        onSubmit={async () => {
          const asset = await create.run();
          if (!asset) return;
          setAdded(asset);
          onAdded(asset);
        }}
      >
        <div className="field-row">
          <Field label="Kind" name="kind" hint={KIND_HINTS[kind]} className="field-narrow-wide">
            <Select value={kind} onChange={(e) => setKind(e.target.value as AssetKind)}>
              {ASSET_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_NAMES[k]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Name" name="name">
            <Input value={name} maxLength={120} autoFocus placeholder="e.g. Mara, Diner interior, Red thermos" onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
        <Field label="Rights source" name="rightsSource" hint="Where the material comes from, as the clearance report will list it.">
          <Select value={source} onChange={(e) => setSource(e.target.value as Source)}>
            {RIGHTS_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_NAMES[s]}
              </option>
            ))}
          </Select>
        </Field>
        <fieldset className="choices" aria-describedby="flags-hint">
          <legend className="field-label">Needs clearance because it shows</legend>
          {RIGHTS_FLAGS.map((f) => (
            <label key={f} className="choice">
              <input type="checkbox" checked={flags.includes(f)} onChange={(e) => setFlags((all) => (e.target.checked ? [...all, f] : all.filter((x) => x !== f)))} />
              {FLAG_NAMES[f]}
            </label>
          ))}
          <div id="flags-hint" className="field-hint">
            A real person's likeness needs a consent on record before its shots can be generated.
          </div>
        </fieldset>
        <Field label="Tags" name="tags" hint="Separated by commas, e.g. lead, act 2, night">
          <Input value={tags} onChange={(e) => setTags(e.target.value)} />
        </Field>
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.pending}>
            Add and upload
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

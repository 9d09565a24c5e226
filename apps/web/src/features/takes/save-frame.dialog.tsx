/**
 * Saves the frame under the playhead as a reference: a new reference (a frame anchor unless
 * another kind is picked) or a new version of one already in the library. The frame is a number
 * on the project's grid, shown and editable before saving.
 */
import type { Asset, Take } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input, Select } from '../../shared/ui/form.tsx';
import { KIND_NAMES } from '../../shared/production/asset-words.ts';

const KINDS = ['frame-anchor', 'character', 'wardrobe', 'location', 'prop', 'style'] as const;
type Kind = (typeof KINDS)[number];

export interface SaveFrameProps {
  projectId: string;
  take: Take;
  frame: number;
  onClose: () => void;
  onSaved: (asset: Asset, frame: number) => void;
}

export function SaveFrameDialog({ projectId, take, frame: start, onClose, onSaved }: SaveFrameProps) {
  const [frame, setFrame] = useState(String(start));
  const [target, setTarget] = useState<'new' | 'version'>('new');
  const [name, setName] = useState(`${take.shotCode} ${take.code} fr ${start}`);
  const [kind, setKind] = useState<Kind>('frame-anchor');
  const [assetId, setAssetId] = useState('');
  const [note, setNote] = useState('');
  const assets = useLoad(keys.assets.list(projectId), () => api.listAssets({ params: { projectId } }), { enabled: target === 'version' });
  const pictures = (assets.data?.assets ?? []).filter((a) => a.kind !== 'audio' && a.kind !== 'reference-video');
  const last = Math.max(0, (take.media?.proxyFrames ?? 1) - 1);

  const save = useAction(async () => {
    const n = /^\d+$/.test(frame.trim()) ? Number(frame) : Number.NaN;
    if (Number.isNaN(n) || n > last) throw new ApiError(422, 'request.invalid', `frame: must be a whole number from 0 to ${last}`, 'frame');
    const base = { frame: n, ...(note.trim() ? { note: note.trim() } : {}) };
    const body = target === 'new' ? { ...base, name: name.trim(), kind } : { ...base, assetId };
    return { asset: await api.saveTakeAsAsset({ params: { projectId, takeId: take.id }, body }), frame: n };
  });

  return (
    <Dialog title={`Save a frame of ${take.code} as a reference`} onClose={onClose}>
      <Form
        error={save.error}
        label="Save frame"
        onSubmit={async () => {
          const saved = await save.run();
          if (saved) onSaved(saved.asset, saved.frame);
        }}
      >
        <div className="field-row">
          <Field label="Frame" name="frame" hint={`On the project's grid, 0 to ${last}; the one under the playhead.`}>
            <Input mono inputMode="numeric" value={frame} onChange={(e) => setFrame(e.target.value)} />
          </Field>
        </div>
        <fieldset className="choices">
          <label className="choice">
            <input type="radio" name="target" checked={target === 'new'} onChange={() => setTarget('new')} /> A new reference
          </label>
          <label className="choice">
            <input type="radio" name="target" checked={target === 'version'} onChange={() => setTarget('version')} /> A new version of a reference
          </label>
        </fieldset>
        {target === 'new' ? (
          <div className="field-row">
            <Field label="Name" name="name">
              <Input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label="Kind" name="kind" className="field-narrow">
              <Select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_NAMES[k]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        ) : (
          <Field label="Reference" name="assetId" hint={assets.data && pictures.length === 0 ? 'The library has no picture references yet.' : undefined}>
            <Select value={assetId} onChange={(e) => setAssetId(e.target.value)}>
              <option value="">{assets.data ? 'Pick a reference' : 'Loading the library…'}</option>
              {pictures.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({KIND_NAMES[a.kind]}, now v{a.currentVersion})
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label="Note" name="note">
          <Input value={note} maxLength={500} placeholder="Why this frame" onChange={(e) => setNote(e.target.value)} />
        </Field>
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={save.pending} disabled={target === 'version' && !assetId}>
            Save frame
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

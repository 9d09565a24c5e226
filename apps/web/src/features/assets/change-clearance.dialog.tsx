/** Changes a reference's clearance; the reason is required and kept in its history and the audit log. */
import { CLEARANCE_STATES, type Asset, type ClearanceState } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Select } from '../../shared/ui/form.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';
import { CLEARANCE_NAMES } from '../../shared/production/asset-words.ts';

export function ChangeClearanceDialog({ projectId, asset, onClose, onChanged }: { projectId: string; asset: Asset; onClose: () => void; onChanged: () => void }) {
  const choices = CLEARANCE_STATES.filter((c) => c !== asset.clearance);
  const [to, setTo] = useState<ClearanceState>(asset.clearance === 'cleared' ? 'pending' : 'cleared');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const change = useAction(() => api.setClearance({ params: { projectId, assetId: asset.id }, body: { clearance: to, reason } }));
  const missingReason = tried && !reason.trim();
  return (
    <Dialog title={`Change the clearance of ${asset.name}`} onClose={onClose}>
      <Form
        label="Change clearance"
        error={change.error}
        onSubmit={async () => {
          setTried(true);
          if (!reason.trim()) return;
          if (!(await change.run())) return;
          onChanged();
          onClose();
        }}
      >
        <p className="muted">
          Now {CLEARANCE_NAMES[asset.clearance]}. Shots that use {asset.name} follow the new clearance at once; the change and its reason go into the clearance history and the audit log.
        </p>
        <Field label="New clearance" name="clearance">
          <Select value={to} onChange={(e) => setTo(e.target.value as ClearanceState)}>
            {choices.map((c) => (
              <option key={c} value={c}>
                {CLEARANCE_NAMES[c]}
              </option>
            ))}
          </Select>
        </Field>
        <TextAreaField
          label="Why"
          name="reason"
          error={change.error}
          rows={3}
          maxLength={1000}
          value={reason}
          placeholder="e.g. release signed by the actor's agent on 3 March"
          onChange={(e) => setReason(e.target.value)}
        />
        {missingReason && (
          <div className="field-error" role="alert">
            Say why the clearance changes; the reason is kept with it.
          </div>
        )}
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={change.pending}>
            Change to {CLEARANCE_NAMES[to]}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

/** Records a real person's consent to the use of their likeness: who, the scope, until when, and the signed release. */
import type { Asset } from '@backlot/contracts';
import { useState } from 'react';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { ExpiryField } from '../../shared/ui/expiry-field.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';
import { expiryNeedsConfirming, PastExpiryConfirm } from './consent-expiry.tsx';
import { postMultipart } from '../../shared/api/multipart.ts';

export function RecordConsentDialog({ projectId, asset, onClose, onChanged }: { projectId: string; asset: Asset; onClose: () => void; onChanged: () => void }) {
  const [person, setPerson] = useState('');
  const [scope, setScope] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [document, setDocument] = useState<File>();
  const [confirmExpired, setConfirmExpired] = useState(false);
  const record = useAction(() => {
    const form = new FormData();
    form.append('person', person);
    form.append('scope', scope);
    form.append('expiresOn', expiresOn);
    if (confirmExpired) form.append('confirmExpired', 'true');
    if (document) form.append('document', document, document.name);
    return postMultipart<{ id: string; asset: Asset }>(`/projects/${projectId}/assets/${asset.id}/consents`, form);
  });
  return (
    <Dialog title={`Record consent for ${asset.name}`} onClose={onClose} wide>
      <Form
        label="Record consent"
        error={record.error}
        onSubmit={async () => {
          if (!(await record.run())) return;
          onChanged();
          onClose();
        }}
      >
        <Field label="Person" name="person" hint="The person whose likeness this is, as on the release.">
          <Input value={person} maxLength={200} autoFocus onChange={(e) => setPerson(e.target.value)} />
        </Field>
        <TextAreaField
          label="Scope"
          name="scope"
          error={record.error}
          rows={2}
          maxLength={2000}
          value={scope}
          placeholder="e.g. likeness and voice in this film and its trailers, worldwide"
          onChange={(e) => setScope(e.target.value)}
        />
        <div className="field-row">
          <ExpiryField
            value={expiresOn}
            hint="The last day the consent covers."
            onChange={(day) => {
              setExpiresOn(day);
              setConfirmExpired(false);
              record.clearError();
            }}
          />
          <Field label="Signed release" name="document" hint="A scan or PDF of the signed document (optional, kept with the record).">
            <Input type="file" onChange={(e) => setDocument(e.target.files?.[0])} />
          </Field>
        </div>
        {expiryNeedsConfirming(expiresOn, record.error) && <PastExpiryConfirm expiresOn={expiresOn} confirmed={confirmExpired} onConfirm={setConfirmExpired} />}
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={record.pending}>
            Record consent
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

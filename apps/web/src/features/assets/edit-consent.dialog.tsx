/** Edits a consent's person, scope or expiry; the reason is required and kept in the consent's history and the audit log. */
import type { Asset } from '@backlot/contracts';
import type { AssetDetail } from './asset-detail.ts';

type Consent = AssetDetail['consents'][number];
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';
import { ExpiryField } from '../../shared/ui/expiry-field.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';
import { expiryNeedsConfirming, PastExpiryConfirm } from './consent-expiry.tsx';

export function EditConsentDialog({ projectId, asset, consent, onClose, onChanged }: { projectId: string; asset: Asset; consent: Consent; onClose: () => void; onChanged: () => void }) {
  const [person, setPerson] = useState(consent.person);
  const [scope, setScope] = useState(consent.scope);
  const [expiresOn, setExpiresOn] = useState(consent.expiresOn);
  const [reason, setReason] = useState('');
  const [confirmExpired, setConfirmExpired] = useState(false);
  const save = useAction(() =>
    api.editConsent({
      params: { projectId, assetId: asset.id, consentId: consent.id },
      body: { person, scope, expiresOn, reason, ...(confirmExpired ? { confirmExpired: true } : {}) },
    }),
  );
  const askExpiry = expiresOn !== consent.expiresOn && expiryNeedsConfirming(expiresOn, save.error);
  return (
    <Dialog title={`Edit ${consent.person}'s consent for ${asset.name}`} onClose={onClose} wide>
      <Form
        label="Edit consent"
        error={save.error}
        onSubmit={async () => {
          if (!(await save.run())) return;
          onChanged();
          onClose();
        }}
      >
        <Field label="Person" name="person">
          <Input value={person} maxLength={200} autoFocus onChange={(e) => setPerson(e.target.value)} />
        </Field>
        <TextAreaField label="Scope" name="scope" error={save.error} rows={2} maxLength={2000} value={scope} onChange={(e) => setScope(e.target.value)} />
        <ExpiryField
          value={expiresOn}
          hint="The last day the consent covers."
          onChange={(day) => {
            setExpiresOn(day);
            setConfirmExpired(false);
            save.clearError();
          }}
        />
        {askExpiry && <PastExpiryConfirm expiresOn={expiresOn} confirmed={confirmExpired} onConfirm={setConfirmExpired} />}
        <TextAreaField
          label="Why"
          name="reason"
          error={save.error}
          rows={2}
          maxLength={1000}
          value={reason}
          placeholder="e.g. addendum signed on 3 March extends the release to the trailer"
          onChange={(e) => setReason(e.target.value)}
        />
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={save.pending}>
            Save changes
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

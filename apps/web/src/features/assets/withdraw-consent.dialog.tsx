/**
 * Records that a person withdrew their consent, saying why. Asks once and names what changes: the
 * shots that use the reference go at risk, and generating them is refused until a new consent.
 */
import type { Asset } from '@backlot/contracts';
import type { AssetDetail } from './asset-detail.ts';

type Consent = AssetDetail['consents'][number];
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Form, FormActions, FormError } from '../../shared/ui/form.tsx';
import { TextAreaField } from '../../shared/ui/text-area-field.tsx';

export function WithdrawConsentDialog({
  projectId,
  asset,
  consent,
  shotCodes,
  onClose,
  onChanged,
}: {
  projectId: string;
  asset: Asset;
  consent: Consent;
  shotCodes: string[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const [reason, setReason] = useState('');
  const withdraw = useAction(() => api.withdrawConsent({ params: { projectId, assetId: asset.id, consentId: consent.id }, body: { reason } }));
  return (
    <Dialog title={`Withdraw ${consent.person}'s consent`} onClose={onClose}>
      <Form
        label="Withdraw consent"
        error={withdraw.error}
        onSubmit={async () => {
          if (!(await withdraw.run())) return;
          onChanged();
          onClose();
        }}
      >
        <p className="confirm-text">
          {consent.person}'s consent for {asset.name} is kept on record as withdrawn.{' '}
          {shotCodes.length
            ? `Unless another consent covers ${asset.name}, ${shotCodes.length === 1 ? 'the shot' : `the ${shotCodes.length} shots`} using it (${shotCodes.join(', ')}) and their approved takes go at risk, and new takes of them are refused.`
            : `Unless another consent covers ${asset.name}, shots that use it will be at risk and new takes of them refused.`}
        </p>
        <TextAreaField
          label="Why"
          name="reason"
          error={withdraw.error}
          rows={3}
          maxLength={1000}
          value={reason}
          placeholder="e.g. her agent withdrew the release by letter on 3 March"
          onChange={(e) => setReason(e.target.value)}
        />
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" pending={withdraw.pending}>
            Withdraw consent
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

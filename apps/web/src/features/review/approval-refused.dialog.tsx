/**
 * An approval the server refused because a reference of the take is at risk: the refusal in the
 * server's words (it names the asset), and for owners and producers "Approve anyway" with a reason,
 * which the server records and audits.
 */
import { useState } from 'react';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import type { ApprovalRefusal } from './use-triage.ts';

export interface ApprovalRefusedProps {
  refusal: ApprovalRefusal;
  /** Present for members who may override (owners, producers). */
  onOverride?: (reason: string) => void;
  pending: boolean;
  onClose: () => void;
}

export function ApprovalRefusedDialog({ refusal, onOverride, pending, onClose }: ApprovalRefusedProps) {
  const [reason, setReason] = useState('');
  const override = onOverride;
  return (
    <Dialog
      title={`${refusal.take.code} not approved`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Keep it unapproved</Button>
          {override && (
            <Button variant="danger" pending={pending} disabled={!reason.trim()} onClick={() => override(reason.trim())}>
              Approve anyway
            </Button>
          )}
        </>
      }
    >
      <p role="alert" className="approval-refused">
        {refusal.message}
      </p>
      {override ? (
        <label className="field">
          <span className="field-label">Why approve it anyway (kept in the audit log)</span>
          <input className="input" value={reason} autoFocus maxLength={1000} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Consent renewal signed, paperwork on its way" />
        </label>
      ) : (
        <p className="muted">Only an owner or a producer may approve it anyway, with a reason.</p>
      )}
    </Dialog>
  );
}

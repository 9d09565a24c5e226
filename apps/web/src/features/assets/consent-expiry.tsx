/**
 * The warning a consent form shows before saving an expiry already past: such a consent covers
 * nothing from today, so the member confirms they mean it (the server refuses it otherwise).
 */
import { ApiError } from '@backlot/contracts/client';
import { calendarDayLabel } from '../../shared/lib/format.ts';
import { isPastDay } from '../../shared/ui/expiry-field.tsx';

/** Whether the form should ask: the date is before today, or the server said so (its day is UTC). */
export function expiryNeedsConfirming(expiresOn: string, error: unknown): boolean {
  return isPastDay(expiresOn) || (error instanceof ApiError && error.code === 'consent.expiry_past');
}

export function PastExpiryConfirm({ expiresOn, confirmed, onConfirm }: { expiresOn: string; confirmed: boolean; onConfirm: (on: boolean) => void }) {
  return (
    <div className="consent-expiry-warning" role="alert" aria-label="Expiry in the past">
      <p className="warn-text">
        {calendarDayLabel(expiresOn)} <span className="mono">({expiresOn})</span> is in the past: this consent covers nothing from today, and shots using the reference stay at risk. Check the date, or
        confirm that you are recording an expired consent.
      </p>
      <label className="toggle">
        <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />
        Record it as expired
      </label>
    </div>
  );
}

/**
 * The flags a take card carries beside its review state: short warnings a person scanning a grid
 * must not miss. `takeFlags` is the one list of them; a new flag (a reference gone at risk, say)
 * is one more entry there, and every card shows it in its flags slot.
 */
import type { Take } from '@backlot/contracts';
import { worstContinuity } from '../../shared/production/take-words.ts';

export interface TakeFlag {
  key: string;
  /** A word or two, shown on the card. */
  label: string;
  /** The longer reason, as the flag's title. */
  why: string;
  tone: 'warn' | 'bad';
}

/** The flags of a take, worst first. */
export function takeFlags(take: Take): TakeFlag[] {
  const flags: TakeFlag[] = [];
  if (take.status === 'awaiting_approval') {
    const estimate = take.cost ? ` (${take.cost.estimated} ${take.cost.currency} a take)` : '';
    flags.push({
      key: 'sign-off',
      label: 'waiting for sign-off',
      why: `The request${estimate} is over the project's sign-off threshold: waiting for a producer to sign it off. Nothing is reserved yet.`,
      tone: 'warn',
    });
  }
  if (take.signOff?.decision === 'refused') flags.push({ key: 'sign-off', label: 'sign-off refused', why: `${take.signOff.by} refused to sign it off: ${take.signOff.reason ?? '—'}`, tone: 'bad' });
  if (take.status === 'failed') flags.push({ key: 'failed', label: 'failed', why: take.error?.message ?? 'The generation did not finish.', tone: 'bad' });
  const worst = take.continuity ? worstContinuity(take.continuity) : undefined;
  if (worst?.result === 'fail') flags.push({ key: 'continuity', label: 'continuity fails', why: `${worst.count} of ${worst.total} continuity checks fail`, tone: 'bad' });
  return flags;
}

/** The card's flags slot: empty when the take carries none. */
export function TakeFlags({ take }: { take: Take }) {
  const flags = takeFlags(take);
  return (
    <div className="take-card-flags" data-slot="flags" hidden={flags.length === 0}>
      {flags.map((f) => (
        <span key={f.key} className={`take-flag take-flag-${f.tone}`} title={f.why}>
          <span aria-hidden>{f.tone === 'bad' ? '✕' : '!'}</span> {f.label}
        </span>
      ))}
    </div>
  );
}

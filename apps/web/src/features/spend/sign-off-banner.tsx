/**
 * On a take's page, why it waits and what was decided: a take over the sign-off threshold says it
 * waits for a producer (its estimate against the threshold; nothing reserved yet), with the
 * decision's buttons for those who manage spend; once decided, who signed it off or refused it,
 * when, and why (a refusal the take carries as its error is told by the page's error line).
 */
import type { Take } from '@backlot/contracts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useProject } from '../../shared/project/project-context.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { moneyLabel } from './money.ts';
import { SignOffActions } from './sign-off.tsx';

export function SignOffBanner({ take, onDecided }: { take: Take; onDecided?: (take: Take) => void }) {
  const { project, mayChange } = useProject();
  if (take.status === 'awaiting_approval') {
    const threshold = project.generation.signOffAbove;
    const estimate = take.cost ? ` (${moneyLabel(take.cost.estimated, take.cost.currency)} a take)` : '';
    const who = take.requestedBy ? `${take.requestedBy}’s request` : 'The request';
    return (
      <Banner tone="warn" action={mayChange('spend.manage') ? <SignOffActions projectId={project.id} take={{ id: take.id, name: `${take.shotCode} ${take.code}` }} onDone={onDecided} /> : undefined}>
        <strong>Waiting for sign-off.</strong> {who} for this take{estimate} is over the project’s sign-off threshold{threshold === null ? '' : ` of ${moneyLabel(threshold, project.currency)}`}, so it
        waits for a producer or owner to sign it off. Nothing is reserved or sent until then.
      </Banner>
    );
  }
  const s = take.signOff;
  if (!s) return null;
  if (s.decision === 'refused') {
    // The take's own error already says who refused and why (the page shows it above).
    if (take.error?.code === 'sign_off.refused') return null;
    return (
      <Banner tone="error">
        <strong>Sign-off refused</strong> by {s.by} on {formatWhen(s.at)}. Why: {s.reason ?? '—'}
      </Banner>
    );
  }
  return (
    <Banner tone="ok">
      Signed off by {s.by} on {formatWhen(s.at)}.{s.reason ? ` ${s.reason}` : ''}
    </Banner>
  );
}

/**
 * Says that a selected or approved take was made with references now at risk (a consent withdrawn
 * or expired, a clearance lost), with the reasons: compact on a take card, a banner on the take's page.
 */
import type { Take } from '@backlot/contracts';
import { Banner } from '../ui/banner.tsx';

/** The reasons to flag, or none: only a selected or approved take is flagged (one the crew relies on). */
export function takeRiskReasons(take: Pick<Take, 'review' | 'rights'>): string[] {
  if (take.review !== 'selected' && take.review !== 'approved') return [];
  return take.rights?.atRisk ? take.rights.reasons : [];
}

export function TakeRiskFlag({ take, on }: { take: Pick<Take, 'code' | 'review' | 'rights'>; on: 'card' | 'page' }) {
  const reasons = takeRiskReasons(take);
  if (!reasons.length) return null;
  if (on === 'card') {
    return (
      <div className="take-risk-flag" title={`At risk: ${reasons.join('; ')}`}>
        <span aria-hidden>⚠ </span>at risk: {reasons.join('; ')}
      </div>
    );
  }
  return (
    <Banner tone="warn">
      <strong>
        {take.code} is {take.review}, but its references are at risk:
      </strong>{' '}
      {reasons.join('; ')}. Using it is at the production's risk until the rights are put right; new takes with these references are refused.
    </Banner>
  );
}

/** The small labels a reference carries wherever it is named: clearance, at risk (with why), its lock. */
import type { ClearanceState } from '@backlot/contracts';
import { Tag } from '../ui/tag.tsx';
import { CLEARANCE_NAMES, CLEARANCE_TONES } from './asset-words.ts';

export function ClearanceTag({ clearance }: { clearance: ClearanceState }) {
  return (
    <Tag tone={CLEARANCE_TONES[clearance]} title="Clearance">
      {CLEARANCE_NAMES[clearance]}
    </Tag>
  );
}

/** "at risk" in red with its reasons on hover; the reasons are also written out where there is room (RiskReasons). */
export function RiskTag({ rights }: { rights: { atRisk: boolean; reasons: string[] } }) {
  if (!rights.atRisk) return null;
  return (
    <Tag tone="danger" title={rights.reasons.join('\n')}>
      ⚠ at risk
    </Tag>
  );
}

/** The reasons a reference is at risk, written out: "at risk: Mara Lind's consent for Mara expired on 2020-01-31". */
export function RiskReasons({ rights, className }: { rights: { atRisk: boolean; reasons: string[] }; className?: string }) {
  if (!rights.atRisk) return null;
  return <div className={['risk-reasons', className ?? ''].filter(Boolean).join(' ')}>at risk: {rights.reasons.join('; ')}</div>;
}

/** "locked v2", "not locked", or "no version yet". */
export function LockLabel({ lockedVersion, currentVersion }: { lockedVersion: number | null; currentVersion: number }) {
  if (currentVersion === 0) return <span className="faint">no version yet</span>;
  if (lockedVersion === null) return <span className="warn-text">not locked</span>;
  return (
    <span>
      locked <span className="mono">v{lockedVersion}</span>
    </span>
  );
}

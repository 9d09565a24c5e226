/**
 * Rights rules for references: whether an asset may steer a generation, and why not, in words.
 * A shot that references an asset at risk is itself at risk (`rights.at_risk`).
 */
import type { ClearanceState } from '@backlot/contracts';

export interface RightsSubject {
  name: string;
  clearance: ClearanceState;
  flags: readonly string[];
  /** Consents on record (not revoked), each with its expiry date (YYYY-MM-DD, inclusive). */
  consents: readonly { person: string; expiresOn: string }[];
  /** Whether the asset was ever cleared: losing a clearance puts its shots at risk. */
  everCleared: boolean;
  /** Consents withdrawn by the person (newest first): a likeness whose only consents were withdrawn is at risk. */
  withdrawn?: readonly ConsentWithdrawal[];
}

/** A consent the person took back: who, on which day (YYYY-MM-DD), and why. */
export interface ConsentWithdrawal {
  person: string;
  withdrawnOn: string;
  reason: string;
}

/** The last day a consent covers is its expiry date itself. */
export function consentValid(expiresOn: string, today: string): boolean {
  return expiresOn >= today;
}

/**
 * At risk when restricted, when a clearance it had is gone, or — for a real person's likeness —
 * when no consent is on record (a withdrawn one counts as none, and says so) or every one has expired. A reference never cleared is not "at
 * risk" (it is simply not cleared yet); the plan shows that separately.
 */
export function rightsStatus(asset: RightsSubject, today: string): { atRisk: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (asset.clearance === 'restricted') reasons.push(`${asset.name} is restricted`);
  else if (asset.everCleared && asset.clearance !== 'cleared') reasons.push(`${asset.name} is no longer cleared (now ${asset.clearance})`);
  if (asset.flags.includes('likeness') && !asset.consents.some((c) => consentValid(c.expiresOn, today))) {
    const withdrawal = asset.withdrawn?.[0];
    if (withdrawal) reasons.push(withdrawalReason(asset.name, withdrawal));
    if (asset.consents.length > 0) {
      const last = [...asset.consents].sort((a, b) => (a.expiresOn < b.expiresOn ? 1 : -1))[0];
      reasons.push(`${last.person}'s consent for ${asset.name} expired on ${last.expiresOn}`);
    } else if (!withdrawal && asset.clearance === 'cleared') {
      reasons.push(`${asset.name} shows a real person and has no consent on record`);
    }
  }
  return { atRisk: reasons.length > 0, reasons };
}

/** "Anna Berg withdrew consent for ANNA on 2026-11-28: campaign cancelled". */
export function withdrawalReason(assetName: string, w: ConsentWithdrawal): string {
  return `${w.person} withdrew consent for ${assetName} on ${w.withdrawnOn}: ${w.reason}`;
}

/** What a plan should say about one of its references before generation: unlocked, not cleared, at risk. */
export function referenceNotes(ref: { name: string; version: number; lockedVersion: number | null; clearance: ClearanceState }, risk: { atRisk: boolean; reasons: string[] }): string[] {
  const notes: string[] = [];
  if (ref.lockedVersion === null) notes.push(`${ref.name} has no locked version`);
  else if (ref.lockedVersion !== ref.version) notes.push(`${ref.name} v${ref.version} is not its locked version (v${ref.lockedVersion})`);
  if (ref.clearance !== 'cleared' && !risk.atRisk) notes.push(`${ref.name} is not cleared yet (${ref.clearance})`);
  return [...notes, ...risk.reasons];
}

/** What media an asset of a kind may hold: a character sheet is pictures, a reference video is video. */
export function expectedMedia(kind: string): ('image' | 'video' | 'audio')[] {
  switch (kind) {
    case 'reference-video':
      return ['video'];
    case 'audio':
      return ['audio'];
    case 'location':
    case 'style':
      return ['image', 'video'];
    default:
      return ['image'];
  }
}

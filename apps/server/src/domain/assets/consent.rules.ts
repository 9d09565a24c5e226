/**
 * Rules for a real person's consent once it is on record: what an edit changes, when a past
 * expiry needs confirming, and how withdrawn consents count for rights (see rights.rules.ts).
 */
import { consentValid, type ConsentWithdrawal } from './rights.rules.ts';

/** The terms of a consent a member may edit. */
export interface ConsentTerms {
  person: string;
  scope: string;
  /** YYYY-MM-DD, the last day covered. */
  expiresOn: string;
}

export const CONSENT_FIELDS = ['person', 'scope', 'expiresOn'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

/** One changed term of a consent, as the history keeps it. */
export interface ConsentEdit {
  field: ConsentField;
  from: string;
  to: string;
}

/** The terms an edit really changes (a field sent with its current value changes nothing). */
export function consentEdits(before: ConsentTerms, patch: Partial<ConsentTerms>): ConsentEdit[] {
  return CONSENT_FIELDS.flatMap((field) => {
    const to = patch[field];
    return to !== undefined && to !== before[field] ? [{ field, from: before[field], to }] : [];
  });
}

/**
 * Why a consent with this expiry may not be saved as asked, or null when it may: an expiry before
 * today covers nothing from now on, so it is kept only when the member confirms it (recording an
 * old release for the record, say). The expiry day itself is still covered.
 */
export function pastExpiryProblem(expiresOn: string, today: string, confirmed: boolean): string | null {
  if (confirmed || consentValid(expiresOn, today)) return null;
  return `expiresOn: ${expiresOn} is in the past, so this consent covers nothing from today (${today}). Check the date, or confirm that you mean to record an expired consent.`;
}

/** A consent as rights see it: its terms and, once withdrawn, when and why. */
export interface ConsentOnRecord {
  person: string;
  expiresOn: string;
  /** ISO time of the withdrawal, null while in force. */
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

/** Splits consents into those in force (expired or not) and withdrawals, newest withdrawal first. */
export function splitConsents(list: readonly ConsentOnRecord[]): { consents: { person: string; expiresOn: string }[]; withdrawn: ConsentWithdrawal[] } {
  const withdrawn = list
    .filter((c) => c.withdrawnAt !== null)
    .sort((a, b) => (a.withdrawnAt! < b.withdrawnAt! ? 1 : a.withdrawnAt! > b.withdrawnAt! ? -1 : 0))
    .map((c) => ({ person: c.person, withdrawnOn: c.withdrawnAt!.slice(0, 10), reason: c.withdrawalReason ?? '' }));
  return { consents: list.filter((c) => c.withdrawnAt === null).map((c) => ({ person: c.person, expiresOn: c.expiresOn })), withdrawn };
}

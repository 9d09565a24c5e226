/**
 * Generation policy (DESIGN.md §5 step 2): whether a member may generate takes of a shot now, and
 * if not, every rule broken, each naming the asset at fault and what to do about it.
 */
import type { ClearanceState, Refusal } from '@backlot/contracts';
import { consentValid, rightsStatus, withdrawalReason, type ConsentWithdrawal } from '../assets/rights.rules.ts';
import { formatAmount } from '../project/project.rules.ts';

/** A reference of the plan, as policy sees it: its version, rights and consents. */
export interface PolicyReference {
  assetId: string;
  name: string;
  version: number;
  lockedVersion: number | null;
  clearance: ClearanceState;
  flags: string[];
  everCleared: boolean;
  consents: { person: string; expiresOn: string }[];
  /** Consents the person withdrew, newest first. */
  withdrawn?: ConsentWithdrawal[];
}

/** Everything the policy decides on; the service gathers it. */
export interface PolicyInput {
  /** Whether the member's role may generate in this project. */
  mayGenerate: boolean;
  role: string;
  /** From `planCompleteness` (domain/plan/plan.rules.ts). */
  planComplete: { complete: boolean; missing: string[] };
  planLocked: boolean;
  /** In plan order. */
  references: PolicyReference[];
  provider: string;
  /** The project's `generation.requireLocked`; never applies to previs. */
  requireLocked: boolean;
  /** YYYY-MM-DD, for consent expiry. */
  today: string;
  /** The estimate of every take asked for and what the budget has left; null when there is nothing to check (no price: see `priceMissing`). */
  cost: { totalMicros: number; remainingMicros: number; currency: string } | null;
  /** No price for the model in the project's currency. */
  priceMissing: boolean;
}

const FIX_CLEARANCE = 'Clear it in the reference library or remove it from the plan.';

/** The refusals about one reference, in a fixed order of rules. */
function referenceRefusals(ref: PolicyReference, input: PolicyInput, lockRequired: boolean): Refusal[] {
  const out: Refusal[] = [];
  const about = { assetId: ref.assetId, assetName: ref.name };
  const refuse = (code: string, message: string) => out.push({ code, message, ...about });

  if (ref.clearance === 'uncleared' || ref.clearance === 'pending') {
    refuse('reference.uncleared', `${ref.name} is not cleared (${ref.clearance}). ${FIX_CLEARANCE}`);
  }
  if (ref.clearance === 'restricted') {
    refuse('reference.restricted', `${ref.name} is restricted and may not steer a generation. Lift the restriction in the reference library or remove it from the plan.`);
  }
  // Rights reasons apart from likeness consent (which has its own codes below) and the restriction
  // (above): today that is a clearance the asset had and lost.
  if (ref.clearance !== 'restricted') {
    const risk = rightsStatus({ ...ref, withdrawn: [], flags: ref.flags.filter((f) => f !== 'likeness') }, input.today);
    for (const reason of risk.reasons) refuse('reference.at_risk', `${reason}, so shots using it are at risk. ${FIX_CLEARANCE}`);
  }
  if (ref.flags.includes('likeness')) {
    if (ref.consents.length === 0 && ref.withdrawn?.length) {
      refuse('consent.missing', `${withdrawalReason(ref.name, ref.withdrawn[0])}. Record a new consent in the reference library or remove it from the plan.`);
    } else if (ref.consents.length === 0) {
      refuse('consent.missing', `${ref.name} shows a real person and no consent is on record. Record the person's consent in the reference library or remove it from the plan.`);
    } else if (!ref.consents.some((c) => consentValid(c.expiresOn, input.today))) {
      const last = [...ref.consents].sort((a, b) => (a.expiresOn < b.expiresOn ? 1 : a.expiresOn > b.expiresOn ? -1 : 0))[0];
      refuse('consent.expired', `${last.person}'s consent for ${ref.name} expired on ${last.expiresOn}. Record a renewed consent in the reference library or remove it from the plan.`);
    }
  }
  if (lockRequired && ref.lockedVersion !== ref.version) {
    const message =
      ref.lockedVersion === null
        ? `${ref.name} v${ref.version} is not locked and this project generates only from locked references. Lock v${ref.version} in the reference library.`
        : `${ref.name} v${ref.version} is not its locked version (v${ref.lockedVersion}). Put v${ref.lockedVersion} on the plan, or lock v${ref.version}.`;
    refuse('reference.not_locked_version', message);
  }
  return out;
}

/**
 * Every rule the request breaks, empty when it may be queued. Order: permission, plan, references
 * in plan order (clearance, restriction, risk, consent, locked version for each), money. The lock
 * rules apply only when the project requires locking and the provider is not previs.
 */
export function checkGenerationPolicy(input: PolicyInput): Refusal[] {
  const refusals: Refusal[] = [];
  const lockRequired = input.requireLocked && input.provider !== 'previs';

  if (!input.mayGenerate) {
    refusals.push({ code: 'generation.not_allowed', message: `A member with the ${input.role} role may not generate takes in this project. Ask an owner, producer or director.` });
  }

  if (!input.planComplete.complete) {
    const missing = input.planComplete.missing.join(', ');
    refusals.push({ code: 'plan.incomplete', message: `The plan is not complete: it still needs ${missing || 'more detail'}. Fill it in on the shot's plan.` });
  }
  if (lockRequired && !input.planLocked) {
    refusals.push({ code: 'plan.not_locked', message: 'The plan is not locked and this project generates only from locked plans (previs excepted). Lock the plan first.' });
  }

  for (const ref of input.references) refusals.push(...referenceRefusals(ref, input, lockRequired));

  if (input.priceMissing) {
    const currency = input.cost ? ` in ${input.cost.currency}` : " in the project's currency";
    refusals.push({ code: 'price.missing', message: `There is no price for this ${input.provider} model${currency}, so Backlot cannot reserve its cost. Add one to the price catalog.` });
  } else if (input.cost && input.cost.totalMicros > 0 && input.cost.totalMicros > input.cost.remainingMicros) {
    const { totalMicros, remainingMicros, currency } = input.cost;
    refusals.push({
      code: 'budget.exceeded',
      message: `The estimate is ${formatAmount(totalMicros)} ${currency} but only ${formatAmount(Math.max(0, remainingMicros))} ${currency} of the budget remains. Ask for fewer takes, a cheaper model, or a bigger budget.`,
    });
  }
  return refusals;
}

/**
 * Spend limits beside the project budget: a scene's own budget, and caps per member (a member's
 * own, else their role's) per UTC day or over the whole project. Each limit counts what is held
 * and spent against it; a request whose estimate would pass one is refused, naming which.
 */
import type { Refusal, Role } from '@backlot/contracts';
import { formatAmount } from '../project/project.rules.ts';

/** A limit as the check sees it: how much it allows and how much is already held or spent against it. */
export interface SpendLimit {
  kind: 'scene' | 'cap';
  /** Whose limit in words: "Scene 12", "The daily cap for directors", "Your own project cap". */
  label: string;
  limitMicros: number;
  usedMicros: number;
  period?: 'day' | 'project';
}

/** A cap as stored: for one member or for each member of a role, per day or over the project. */
export interface CapRule {
  subjectKind: 'member' | 'role';
  subject: string;
  period: 'day' | 'project';
  amountMicros: number;
}

/** The caps that bind a member: per period, their own cap if one is set, else their role's. */
export function capsFor(caps: readonly CapRule[], accountId: string, role: Role): CapRule[] {
  const out: CapRule[] = [];
  for (const period of ['day', 'project'] as const) {
    const own = caps.find((c) => c.period === period && c.subjectKind === 'member' && c.subject === accountId);
    const byRole = caps.find((c) => c.period === period && c.subjectKind === 'role' && c.subject === role);
    const cap = own ?? byRole;
    if (cap) out.push(cap);
  }
  return out;
}

/** The start of the UTC day holding `at`, as an ISO time. */
export function dayStart(at: Date): string {
  return `${at.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

/**
 * Refusals for every limit the estimate `totalMicros` would pass; nothing is refused for a free
 * request. `holder` names whose spending a cap counts, as the reader should see it.
 */
export function spendLimitRefusals(totalMicros: number, currency: string, limits: readonly SpendLimit[], holder = 'you have'): Refusal[] {
  if (totalMicros <= 0) return [];
  const money = (micros: number) => `${formatAmount(Math.max(0, micros))} ${currency}`;
  return limits
    .filter((l) => l.usedMicros + totalMicros > l.limitMicros)
    .map((l) =>
      l.kind === 'scene'
        ? {
            code: 'budget.exceeded',
            message: `${l.label}'s budget is ${money(l.limitMicros)}: ${money(l.usedMicros)} is spent or held, and this asks ${money(totalMicros)}. Ask for fewer takes, a cheaper model, or a bigger scene budget.`,
          }
        : {
            code: 'cap.exceeded',
            message: `${l.label} is ${money(l.limitMicros)}: ${holder} ${money(l.usedMicros)} spent or held${l.period === 'day' ? ' today (UTC)' : ' in this project'}, and this asks ${money(totalMicros)}. A producer or owner can raise the cap.`,
          },
    );
}

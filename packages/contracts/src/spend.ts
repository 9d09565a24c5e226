/**
 * Spend on the wire: the project's price catalog (dated entries per provider, model and currency,
 * each with its unit, price and source; the one in force prices a request, and the take keeps
 * which it was) and the estimate-versus-actual drift per model.
 */
import { z } from 'zod';
import { Amount, Id, RoleSchema } from './schemas.ts';
import { PROVIDERS } from './takes.ts';
import { text } from './text.ts';

/** The units providers bill in (PROVIDERS.md): credits, tokens, seconds of video, whole generations, GPU seconds. */
export const PRICE_UNITS = ['credits', 'tokens', 'seconds', 'generations', 'gpu_seconds'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

/** Where the price of a model comes from: the project's catalog, the instance's standing price, the provider's list price, or free (previs). */
export const PRICE_ORIGINS = ['catalog', 'instance', 'list', 'free'] as const;
export type PriceOrigin = (typeof PRICE_ORIGINS)[number];

/** A price as people read it: `price` in the currency buys `perQuantity` units. */
export const Price = z.object({
  currency: z.string(),
  unit: z.string(),
  perQuantity: z.number().int(),
  price: z.string(),
});
export type Price = z.infer<typeof Price>;

/** One entry of the project's catalog, as written: never changed afterwards. */
export const PriceEntry = Price.extend({
  id: z.string(),
  provider: z.enum(PROVIDERS),
  model: z.string(),
  inForceFrom: z.string(),
  source: z.string(),
  setBy: z.string(),
  setAt: z.string(),
});
export type PriceEntry = z.infer<typeof PriceEntry>;

/** One model's line in the catalog: the price in force now (and where it comes from), and the project's entries, newest first. */
export const PriceLine = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string(),
  label: z.string(),
  inForce: Price.extend({ origin: z.enum(PRICE_ORIGINS), entryId: z.string().nullable(), inForceFrom: z.string().nullable(), source: z.string() }).nullable(),
  /** The provider's list price (PROVIDERS.md), when Backlot knows one. */
  listPrice: Price.nullable(),
  entries: z.array(PriceEntry),
});
export type PriceLine = z.infer<typeof PriceLine>;

export const PriceCatalog = z.object({ currency: z.string(), lines: z.array(PriceLine) });
export type PriceCatalog = z.infer<typeof PriceCatalog>;

export const SetPriceInput = z.strictObject({
  provider: z.enum(PROVIDERS, { message: `must be one of ${PROVIDERS.join(', ')}` }),
  model: text().trim().min(1, { message: 'is required' }).max(200, { message: 'must be at most 200 characters' }),
  unit: z.enum(PRICE_UNITS, { message: `must be one of ${PRICE_UNITS.join(', ')}` }),
  /** How many units `price` buys (e.g. 1000000 for a price per million tokens). */
  perQuantity: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).max(1_000_000_000, { message: 'must be at most 1,000,000,000' }).default(1),
  price: Amount,
  /** From when the price applies; now when left out. Never in the past: takes already priced keep their price. */
  inForceFrom: text()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'must be a date and time like 2026-12-01T00:00:00Z' })
    .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be a date and time like 2026-12-01T00:00:00Z' })
    .optional(),
  /** Where the price comes from: a price page, an invoice, a contract. */
  source: text().trim().min(1, { message: 'is required: say where the price comes from (a price page, an invoice, a contract)' }).max(500, { message: 'must be at most 500 characters' }),
});
export type SetPriceInput = z.input<typeof SetPriceInput>;

/** Per model: how the estimates of its settled takes compare with what they cost. */
export const DriftLine = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string(),
  takes: z.number().int(),
  estimated: z.string(),
  actual: z.string(),
  /** (actual − estimated) ÷ estimated, in percent, one decimal; null when nothing was estimated. */
  driftPercent: z.number().nullable(),
});
export const SpendDrift = z.object({ currency: z.string(), models: z.array(DriftLine) });
export type SpendDrift = z.infer<typeof SpendDrift>;

export const PriceParams = z.strictObject({ projectId: Id });

// --- budgets and caps -----------------------------------------------------------

export const SceneBudgetParams = z.strictObject({ projectId: Id, sceneId: Id });
/** A scene's budget within the project's; null removes it. */
export const SceneBudgetInput = z.strictObject({ budget: Amount.nullable() });
export type SceneBudgetInput = z.infer<typeof SceneBudgetInput>;

export const CAP_PERIODS = ['day', 'project'] as const;
/** A spend cap for one member (accountId) or for each member of a role; per UTC day or over the project; amount null removes it. */
export const SpendCapInput = z
  .strictObject({
    role: RoleSchema.optional(),
    accountId: Id.optional(),
    period: z.enum(CAP_PERIODS, { message: 'must be day or project' }),
    amount: Amount.nullable(),
  })
  .superRefine((v, ctx) => {
    if ((v.role === undefined) === (v.accountId === undefined)) ctx.addIssue({ code: 'custom', path: ['role'], message: 'name either a role or a member (accountId), not both or neither' });
  });
export type SpendCapInput = z.infer<typeof SpendCapInput>;

export const SpendCap = z.object({
  subject: z.discriminatedUnion('kind', [z.object({ kind: z.literal('role'), role: RoleSchema }), z.object({ kind: z.literal('member'), accountId: z.string(), name: z.string() })]),
  period: z.enum(CAP_PERIODS),
  amount: z.string(),
  setBy: z.string(),
  setAt: z.string(),
});
export type SpendCap = z.infer<typeof SpendCap>;

/** Money against a limit: what is held for takes in flight, what finished takes cost, and what is left. */
const Standing = z.object({ budget: z.string().nullable(), held: z.string(), spent: z.string(), remaining: z.string().nullable() });

export const BudgetOverview = z.object({
  currency: z.string(),
  project: Standing,
  scenes: z.array(Standing.extend({ sceneId: z.string(), number: z.string(), heading: z.string(), setBy: z.string().nullable(), setAt: z.string().nullable() })),
  caps: z.array(SpendCap),
});
export type BudgetOverview = z.infer<typeof BudgetOverview>;

// --- spend views ----------------------------------------------------------------

/** How the spend view groups takes: each row sums the takes of one provider, model, member, scene, shot or request day (UTC). */
export const SPEND_GROUPINGS = ['provider', 'model', 'member', 'scene', 'shot', 'day'] as const;
export type SpendGrouping = (typeof SPEND_GROUPINGS)[number];

export const SpendQuery = z.strictObject({ by: z.enum(SPEND_GROUPINGS, { message: `must be one of ${SPEND_GROUPINGS.join(', ')}` }).default('scene') });

/** A budget bar: the budget, what is held and spent against it, and how much of it that is. */
export const BudgetBar = z.object({
  budget: z.string(),
  held: z.string(),
  spent: z.string(),
  /** (held + spent) ÷ budget in percent, one decimal; null when the budget is 0. */
  usedPercent: z.number().nullable(),
});
export type BudgetBar = z.infer<typeof BudgetBar>;

/**
 * One row of the spend view. Amounts are decimals of the project's currency, exact to the micro-unit.
 * `held` is reserved now (reserved − released, i.e. takes still in flight); `settled` is what finished
 * takes cost; `estimated` the sum of the takes' estimates. `rejects` (scene and shot rows) is what was
 * settled on takes whose review is rejected. `approvedSeconds` and `perApprovedSecond` (scene and model
 * rows): seconds of the approved takes' proxies at the project rate (frames × rate denominator ÷
 * numerator), and settled cost of every take of the row ÷ those seconds, rounded half up to the
 * micro-unit — null when the row has no approved take, since nothing was bought yet.
 */
export const SpendRow = z.object({
  key: z.string(),
  label: z.string(),
  takes: z.number().int(),
  held: z.string(),
  settled: z.string(),
  estimated: z.string(),
  rejects: z.string().nullable(),
  approvedSeconds: z.number().nullable(),
  perApprovedSecond: z.string().nullable(),
  /** Scene rows with a budget of their own. */
  budget: BudgetBar.nullable(),
});
export type SpendRow = z.infer<typeof SpendRow>;

export const SpendView = z.object({
  currency: z.string(),
  by: z.enum(SPEND_GROUPINGS),
  /** The project's budget bar. */
  project: BudgetBar,
  totals: z.object({ takes: z.number().int(), held: z.string(), settled: z.string(), estimated: z.string(), rejects: z.string() }),
  rows: z.array(SpendRow),
});
export type SpendView = z.infer<typeof SpendView>;

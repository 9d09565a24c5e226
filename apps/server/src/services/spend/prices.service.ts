/**
 * The price catalog. A project's producer or owner adds dated entries per provider, model and
 * currency (audited, never changed afterwards); the entry in force when a take is requested
 * prices it, and the take keeps which price it was. Without a project entry the instance's
 * standing price applies, then the provider's list price (PROVIDERS.md); previs is free.
 */
import { PROVIDERS, type ModelCapabilities, type Price, type PriceCatalog, type PriceEntry, type PriceOrigin, type ProviderName, type SetPriceInput, type SpendDrift } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { formatAmount, parseAmount } from '../../domain/project/project.rules.ts';
import type { Repos, Store } from '../../ports/store.ts';
import type { PriceEntryRecord } from '../../ports/take-store.ts';
import type { ProviderRegistry } from '../../ports/video-provider.ts';
import { appendAudit, type Actor, type AuditDeps } from '../audit/audit-append.ts';

export interface PricesDeps extends AuditDeps {
  store: Store;
  providers: ProviderRegistry;
  /** Models that live in a project (ComfyUI workflows), priced in its catalog like the providers' own. */
  projectModels?: {
    models(repos: Repos, projectId: string): Promise<ModelCapabilities[]>;
  };
}

/** The price that applies to a request: how much buys how many units, and where it comes from. */
export interface PriceInForce {
  unit: string;
  perQuantity: number;
  priceMicros: number;
  origin: PriceOrigin;
  entry: PriceEntryRecord | null;
  /** What the take keeps: `catalog:<entry id>`, `instance`, `list` or `free`. */
  ref: string;
  source: string;
}

/** The price in force for a model of a project at `at`, or undefined when there is none in the project's currency. */
export async function priceInForce(
  repos: Repos,
  providers: ProviderRegistry,
  q: { projectId: string; currency: string; provider: string; model: string; at: string },
): Promise<PriceInForce | undefined> {
  const entry = await repos.prices.entryInForce(q.projectId, q.currency, q.provider, q.model, q.at);
  if (entry) return { unit: entry.unit, perQuantity: entry.perQuantity, priceMicros: entry.priceMicros, origin: 'catalog', entry, ref: `catalog:${entry.id}`, source: entry.source };
  const standing = await repos.prices.find(q.currency, q.provider, q.model);
  if (standing)
    return { unit: standing.unit, perQuantity: standing.perQuantity, priceMicros: standing.priceMicros, origin: 'instance', entry: null, ref: 'instance', source: "the instance's standing price" };
  if (q.provider === 'previs') return { unit: 'generations', perQuantity: 1, priceMicros: 0, origin: 'free', entry: null, ref: 'free', source: 'previs is built in and free' };
  const adapter = providers.get(q.provider);
  // Where every model is priced alike (ComfyUI: the operator's GPU rate), a project's own model takes that price.
  const caps = adapter?.models().find((m) => m.model === q.model) ?? (adapter?.oneListPrice ? adapter.models()[0] : undefined);
  const list = caps?.listPrice;
  if (list && list.currency === q.currency)
    return { unit: caps.priceUnit, perQuantity: list.perQuantity, priceMicros: list.priceMicros, origin: 'list', entry: null, ref: 'list', source: list.source };
  return undefined;
}

function presentEntry(e: PriceEntryRecord): PriceEntry {
  return {
    id: e.id,
    provider: e.provider as ProviderName,
    model: e.model,
    currency: e.currency,
    unit: e.unit,
    perQuantity: e.perQuantity,
    price: formatAmount(e.priceMicros),
    inForceFrom: e.inForceFrom,
    source: e.source,
    setBy: e.setByName,
    setAt: e.createdAt,
  };
}

const priceOf = (currency: string, p: { unit: string; perQuantity: number; priceMicros: number }): Price => ({
  currency,
  unit: p.unit,
  perQuantity: p.perQuantity,
  price: formatAmount(p.priceMicros),
});

/** A ratio in percent with one decimal, rounded half away from zero. */
function percent(part: number, whole: number): number {
  return Math.round((part * 1000) / whole) / 10;
}

export function createPricesService(deps: PricesDeps) {
  const project = async (projectId: string) => (await deps.store.read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');

  return {
    /** Every model this Backlot offers, with the price in force now in the project's currency and the project's entries. */
    async catalog(projectId: string): Promise<PriceCatalog> {
      const { currency } = await project(projectId);
      const at = deps.clock.now().toISOString();
      const entries = await deps.store.read.prices.entries(projectId, currency);
      const lines = [];
      const own = (await deps.projectModels?.models(deps.store.read, projectId)) ?? [];
      for (const adapter of deps.providers.all()) {
        for (const m of [...adapter.models(), ...own.filter((o) => o.provider === adapter.provider)]) {
          const now = await priceInForce(deps.store.read, deps.providers, { projectId, currency, provider: adapter.provider, model: m.model, at });
          lines.push({
            provider: adapter.provider,
            model: m.model,
            label: m.label,
            inForce: now ? { ...priceOf(currency, now), origin: now.origin, entryId: now.entry?.id ?? null, inForceFrom: now.entry?.inForceFrom ?? null, source: now.source } : null,
            listPrice: m.listPrice ? priceOf(m.listPrice.currency, { unit: m.priceUnit, perQuantity: m.listPrice.perQuantity, priceMicros: m.listPrice.priceMicros }) : null,
            entries: entries.filter((e) => e.provider === adapter.provider && e.model === m.model).map(presentEntry),
          });
        }
      }
      return { currency, lines };
    },

    /** Adds an entry in the project's currency, in force from now or a later time; audited. */
    async set(actor: Actor, projectId: string, input: SetPriceInput): Promise<PriceEntry> {
      const { currency } = await project(projectId);
      const provider = input.provider;
      const adapter = deps.providers.get(provider) ?? fail('provider.unknown', `provider: this Backlot offers no ${provider} models.`, 'provider');
      const own = (await deps.projectModels?.models(deps.store.read, projectId)) ?? [];
      const caps = [...adapter.models(), ...own.filter((o) => o.provider === provider)].find((m) => m.model === input.model);
      if (!caps)
        fail(
          'model.unknown',
          `model: ${provider} has no model ${input.model}; it offers ${adapter
            .models()
            .map((m) => m.model)
            .join(', ')}.`,
          'model',
        );
      if (input.unit !== caps.priceUnit) fail('request.invalid', `unit: ${caps.label} is billed in ${caps.priceUnit}, not ${input.unit}.`, 'unit');
      const now = deps.clock.now().toISOString();
      const from = input.inForceFrom ? new Date(input.inForceFrom).toISOString() : now;
      if (from < now) fail('request.invalid', 'inForceFrom: must not be in the past; takes already priced keep the price they were charged at.', 'inForceFrom');
      const record: PriceEntryRecord = {
        id: deps.ids.next(),
        projectId,
        currency,
        provider,
        model: caps.model,
        unit: input.unit,
        perQuantity: input.perQuantity ?? 1,
        priceMicros: parseAmount(input.price, 'price'),
        inForceFrom: from,
        source: input.source,
        setById: actor.accountId,
        setByName: actor.name,
        createdAt: now,
      };
      await deps.store.transaction(async (tx) => {
        await tx.prices.appendEntry(record);
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'price.set',
          targetType: 'price',
          targetId: record.id,
          summary: `${caps.label}: ${formatAmount(record.priceMicros)} ${currency} per ${record.perQuantity === 1 ? '' : `${record.perQuantity.toLocaleString('en-US')} `}${record.unit}, in force from ${from.slice(0, 16).replace('T', ' ')} UTC (source: ${record.source})`,
        });
      });
      return presentEntry(record);
    },

    /** Per model: settled takes, their estimates and actual costs, and the drift between them. */
    async drift(projectId: string): Promise<SpendDrift> {
      const { currency } = await project(projectId);
      const rows = await deps.store.read.takes.settledByModel(projectId, currency);
      return {
        currency,
        models: rows
          .filter((r) => (PROVIDERS as readonly string[]).includes(r.provider))
          .map((r) => ({
            provider: r.provider as ProviderName,
            model: r.model,
            takes: r.takes,
            estimated: formatAmount(r.estimatedMicros),
            actual: formatAmount(r.actualMicros),
            driftPercent: r.estimatedMicros > 0 ? percent(r.actualMicros - r.estimatedMicros, r.estimatedMicros) : null,
          })),
      };
    },
  };
}

export type PricesService = ReturnType<typeof createPricesService>;

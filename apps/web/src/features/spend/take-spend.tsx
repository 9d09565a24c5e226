/**
 * A take's money on its page, for those who may read spend: what it was estimated at, reserved and
 * actually cost, the difference between estimate and actual (where the provider reported its own
 * usage, the settlement used it), and the price it was estimated at — the catalog entry's unit,
 * price, date and source, the provider's list price, or free.
 */
import type { Take } from '@backlot/contracts';
import type { ReactNode } from 'react';
import { useProject } from '../../shared/project/project-context.ts';
import { isTerminal } from '../../shared/production/take-words.ts';
import { difference, moneyLabel } from './money.ts';
import { priceUsedLabel } from './price-words.ts';
import { usePrices } from './queries.ts';

export function TakeSpend({ take }: { take: Take }) {
  const { project } = useProject();
  const c = take.cost;
  const fromCatalog = !!c?.price?.startsWith('catalog:');
  const catalog = usePrices(project.id, { enabled: fromCatalog });
  if (!c) return null;
  const diff = c.actual === null ? undefined : difference(c.estimated, c.actual);
  const rows: [string, ReactNode][] = [
    ['Estimated', <span className="mono">{moneyLabel(c.estimated, c.currency)}</span>],
    ['Reserved', <span className="mono">{moneyLabel(c.reserved, c.currency)}</span>],
    ['Actual', <span className="mono">{c.actual !== null ? moneyLabel(c.actual, c.currency) : isTerminal(take.status) ? 'nothing charged' : 'not settled yet'}</span>],
  ];
  if (diff) {
    const pct = diff.percent === null ? '' : ` (${diff.percent > 0 ? '+' : ''}${diff.percent.toFixed(1)} %)`;
    rows.push(['Actual − estimate', <span className="mono" data-figure="difference">{`${diff.amount} ${c.currency}${pct}`}</span>]);
  }
  rows.push(['Price used', <span data-figure="price">{fromCatalog && !catalog.data ? 'the project’s price catalog' : priceUsedLabel(c.price, catalog.data?.lines)}</span>]);
  return (
    <>
      <dl className="facts facts-compact take-facts" aria-label="Cost">
        {rows.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {c.detail && <p className="field-hint take-cost-detail">{c.detail}</p>}
    </>
  );
}

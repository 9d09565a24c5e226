/**
 * A budget bar: what is spent (solid) and held for takes in flight (hatched) against a budget,
 * coloured as it passes 80 % and 100 %, with the percentage and the band in words beside it, so
 * colour is never the only signal.
 */
import type { BudgetBar as ServerBar } from '@backlot/contracts';
import { BAND_WORDS, budgetBand, toMicros, usedPercentOf } from './money.ts';

/** A bar as the spend view sends it, or a budget's standing (its percentage worked out here). */
type Bar = Omit<ServerBar, 'usedPercent'> & { usedPercent?: number | null };

/** A share of the budget as a width, clamped to the bar. */
function share(part: string, budget: string): number {
  const b = toMicros(budget) ?? 0n;
  if (b <= 0n) return 0;
  const p = toMicros(part) ?? 0n;
  return Math.min(100, Number((p * 10_000n) / b) / 100);
}

export function BudgetBar({ bar, currency, label }: { bar: Bar; currency: string; label: string }) {
  const band = budgetBand(bar);
  const spent = share(bar.spent, bar.budget);
  const held = Math.min(100 - spent, share(bar.held, bar.budget));
  const used = bar.usedPercent === undefined ? usedPercentOf(bar) : bar.usedPercent;
  const percent = used === null ? '—' : `${used.toFixed(1)} %`;
  const words = `${bar.spent} ${currency} spent and ${bar.held} ${currency} held of ${bar.budget} ${currency}`;
  return (
    <div className={`budget budget-${band}`} data-band={band}>
      {/* biome-ignore lint/a11y/useSemanticElements: two segments (spent, and held for takes in flight) that a native <meter> cannot draw; aria-valuetext gives both figures */}
      <div
        className="budget-bar"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, used ?? 0)}
        aria-valuetext={`${percent} used, ${BAND_WORDS[band]}: ${words}`}
        title={words}
      >
        <span className="budget-spent" style={{ width: `${spent}%` }} />
        <span className="budget-held" style={{ width: `${held}%` }} />
      </div>
      <span className="budget-percent mono">{percent}</span>
      {band !== 'ok' && <span className="budget-word">{BAND_WORDS[band]}</span>}
    </div>
  );
}

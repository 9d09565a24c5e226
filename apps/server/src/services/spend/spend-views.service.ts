/**
 * Spend views: a project's spend grouped by provider, model, member, scene, shot or request day,
 * summed in SQL (held now, settled, estimated, cost of rejects), with cost per approved second and
 * budget bars where they apply; and the per-take export as CSV, streamed page by page, whose actual
 * column adds up to the ledger's settled total to the micro-unit.
 */
import type { BudgetBar, SpendGrouping, SpendRow, SpendView } from '@backlot/contracts';
import { fail } from '../../domain/errors.ts';
import { ledgerBalance } from '../../domain/ledger/ledger.rules.ts';
import { csvLine, framesToSeconds, perApprovedSecondMicros, sixPlaces, usedPercent } from '../../domain/ledger/spend-views.rules.ts';
import { formatAmount } from '../../domain/project/project.rules.ts';
import type { Store } from '../../ports/store.ts';
import type { SpendExportRow, SpendGroupRow } from '../../ports/spend-store.ts';
import { takeCode } from '../generate/generate.service.ts';

export interface SpendViewsDeps {
  store: Store;
}

/** How many takes the export reads at once. */
const EXPORT_PAGE = 2000;

export const SPEND_CSV_HEADER = [
  'scene',
  'shot',
  'take',
  'provider',
  'model',
  'requested_by',
  'status',
  'review',
  'estimate',
  'reserved',
  'held',
  'actual',
  'price_source',
  'requested_at',
  'finished_at',
];

/** A budget bar from a budget and what is held and spent against it. */
export function budgetBar(budgetMicros: number, heldMicros: number, spentMicros: number): BudgetBar {
  return { budget: formatAmount(budgetMicros), held: formatAmount(heldMicros), spent: formatAmount(spentMicros), usedPercent: usedPercent(budgetMicros, heldMicros + spentMicros) };
}

const EMPTY: Omit<SpendGroupRow, 'key' | 'name'> = { takes: 0, estimated: 0, held: 0, settled: 0, rejects: 0 };

export function createSpendViewsService(deps: SpendViewsDeps) {
  const read = deps.store.read;
  const project = async (projectId: string) => (await read.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');

  /** One export line for a take. */
  const exportLine = (r: SpendExportRow) =>
    csvLine([
      r.sceneNumber,
      r.shotCode,
      takeCode(r.number),
      r.provider,
      r.model,
      r.requestedByName,
      r.status,
      r.review,
      sixPlaces(r.estimated),
      sixPlaces(r.reserved),
      sixPlaces(r.held),
      sixPlaces(r.settled),
      r.priceSource ?? '',
      r.requestedAt,
      r.finishedAt ?? '',
    ]);

  return {
    /** The project's spend grouped one way, with the project's budget bar and the totals of the rows. */
    async view(projectId: string, by: SpendGrouping): Promise<SpendView> {
      const p = await project(projectId);
      const rate = { num: p.fpsNum, den: p.fpsDen };
      const groups = await read.spend.groupBy(projectId, by);
      const byKey = new Map(groups.map((g) => [g.key, g]));
      const balance = ledgerBalance(p.budgetMicros, await read.ledger.totals(projectId));

      // Approved frames per scene or per model; only those groupings divide by them.
      const frames = new Map<string, number>();
      if (by === 'scene' || by === 'model') {
        for (const a of await read.spend.approvedTakes(projectId)) {
          if (a.proxyFrames === null) continue;
          const key = by === 'scene' ? a.sceneId : `${a.provider}/${a.model}`;
          frames.set(key, (frames.get(key) ?? 0) + a.proxyFrames);
        }
      }
      const rowOf = (g: SpendGroupRow, label: string, budget: BudgetBar | null = null): SpendRow => {
        const f = frames.get(g.key);
        const per = by === 'scene' || by === 'model' ? perApprovedSecondMicros(g.settled, f ?? 0, rate) : null;
        return {
          key: g.key,
          label,
          takes: g.takes,
          held: formatAmount(g.held),
          settled: formatAmount(g.settled),
          estimated: formatAmount(g.estimated),
          rejects: by === 'scene' || by === 'shot' ? formatAmount(g.rejects) : null,
          approvedSeconds: (by === 'scene' || by === 'model') && f ? framesToSeconds(f, rate) : null,
          perApprovedSecond: per === null ? null : formatAmount(per),
          budget,
        };
      };

      let rows: SpendRow[];
      if (by === 'scene') {
        // Every scene has a row (and its budget bar), takes or not, in script order.
        const budgets = new Map((await read.spendLimits.sceneBudgets(projectId)).map((b) => [b.sceneId, b.amountMicros]));
        rows = (await read.scenes.list(projectId)).map((s) => {
          const g = byKey.get(s.id) ?? { key: s.id, name: s.id, ...EMPTY };
          const b = budgets.get(s.id);
          return rowOf(g, `Scene ${s.number} — ${s.heading}`, b === undefined ? null : budgetBar(b, g.held, g.settled));
        });
      } else if (by === 'shot') {
        // Shots with takes, in scene and shot order.
        rows = (await read.shots.list(projectId)).filter((s) => byKey.has(s.id)).map((s) => rowOf(byKey.get(s.id)!, s.code));
      } else {
        const sorted = by === 'day' ? [...groups].sort((a, b) => a.key.localeCompare(b.key)) : [...groups].sort((a, b) => b.settled - a.settled || a.key.localeCompare(b.key));
        rows = sorted.map((g) => rowOf(g, g.name));
      }
      const sum = (f: (g: SpendGroupRow) => number) => groups.reduce((n, g) => n + f(g), 0);
      return {
        currency: p.currency,
        by,
        project: budgetBar(p.budgetMicros, balance.heldMicros, balance.spentMicros),
        totals: {
          takes: sum((g) => g.takes),
          held: formatAmount(sum((g) => g.held)),
          settled: formatAmount(sum((g) => g.settled)),
          estimated: formatAmount(sum((g) => g.estimated)),
          rejects: formatAmount(sum((g) => g.rejects)),
        },
        rows,
      };
    },

    /**
     * The per-take export: a header, one line per take in request order, and a totals line. The
     * project is looked up before the first line, so a missing one is an error rather than a file.
     */
    async exportCsv(projectId: string): Promise<{ fileName: string; lines: AsyncIterable<string> }> {
      const p = await project(projectId);
      async function* lines() {
        yield csvLine(SPEND_CSV_HEADER);
        const total = { takes: 0, estimated: 0, reserved: 0, held: 0, settled: 0 };
        let after: { requestedAt: string; takeId: string } | null = null;
        for (;;) {
          const page = await read.spend.exportPage(projectId, after, EXPORT_PAGE);
          let chunk = '';
          for (const r of page) {
            chunk += exportLine(r);
            total.takes += 1;
            total.estimated += r.estimated;
            total.reserved += r.reserved;
            total.held += r.held;
            total.settled += r.settled;
          }
          if (chunk) yield chunk;
          if (page.length < EXPORT_PAGE) break;
          const last = page[page.length - 1];
          after = { requestedAt: last.requestedAt, takeId: last.takeId };
        }
        yield csvLine(['TOTAL', '', `${total.takes} takes`, '', '', '', '', '', sixPlaces(total.estimated), sixPlaces(total.reserved), sixPlaces(total.held), sixPlaces(total.settled), '', '', '']);
      }
      return { fileName: `${p.code}_spend.csv`, lines: lines() };
    },
  };
}

export type SpendViewsService = ReturnType<typeof createSpendViewsService>;

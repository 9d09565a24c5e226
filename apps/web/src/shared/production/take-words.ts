/** Takes in the crew's words: generation statuses, review states (one colour each), continuity results and providers. */
import { TERMINAL_STATUSES, type ContinuityCheckName, type ContinuityResult, type GenerationStatus, type ReviewState, type Take } from '@backlot/contracts';

export const STATUS_NAMES: Record<GenerationStatus, string> = {
  awaiting_approval: 'awaiting sign-off',
  queued: 'queued',
  submitted: 'submitted',
  running: 'running',
  cancel_requested: 'canceling',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
};

/** What each generation status means, for a title or a line under it. */
export const STATUS_HINTS: Record<GenerationStatus, string> = {
  awaiting_approval: 'Over the spend threshold: waiting for a producer to sign it off. Nothing is reserved yet.',
  queued: 'Reserved in the budget and waiting its turn; not sent to the provider yet.',
  submitted: 'Sent to the provider and accepted; waiting for it to start.',
  running: 'The provider is rendering it.',
  cancel_requested: 'Cancel asked; the provider stops it or it ends when the provider finishes.',
  succeeded: 'Rendered, stored and checked.',
  failed: 'The generation did not finish.',
  canceled: 'Canceled; whatever was reserved is returned.',
};

export function isTerminal(status: GenerationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Review states, each with its one colour (a CSS class) and key, as UI.md lays out. */
export const REVIEW_NAMES: Record<ReviewState, string> = {
  unreviewed: 'unreviewed',
  rejected: 'rejected',
  maybe: 'maybe',
  selected: 'selected',
  approved: 'approved',
};

export const CHECK_NAMES: Record<ContinuityCheckName, string> = {
  resolution: 'Resolution',
  aspect: 'Aspect',
  frame_rate: 'Frame rate',
  duration: 'Duration',
  start_frame: 'Start frame',
  end_frame: 'End frame',
  previous_shot: 'Cut from the previous shot',
};

export const RESULT_WORDS: Record<ContinuityResult['result'], { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'pass' },
  warn: { icon: '!', word: 'warn' },
  fail: { icon: '✕', word: 'fail' },
};

const RANK: Record<ContinuityResult['result'], number> = { pass: 0, warn: 1, fail: 2 };

/** The worst result of a take's continuity checks and how many checks share it; undefined before any check ran. */
export function worstContinuity(results: ContinuityResult[]): { result: ContinuityResult['result']; count: number; total: number } | undefined {
  if (results.length === 0) return undefined;
  const worst = results.reduce((w, r) => (RANK[r.result] > RANK[w] ? r.result : w), 'pass' as ContinuityResult['result']);
  return { result: worst, count: results.filter((r) => r.result === worst).length, total: results.length };
}

export { PROVIDER_NAMES, providerName } from '../lib/format.ts';

/** "0.42 USD" — amounts stay the decimal strings the server sends (never floats). */
export function money(amount: string | null | undefined, currency: string): string {
  return amount === null || amount === undefined ? '—' : `${amount} ${currency}`;
}

/** The amount a take cost, or what it is expected to cost while it is not finished; nothing for one that ended uncharged. */
export function costLine(take: Take): string | undefined {
  if (!take.cost) return undefined;
  if (take.cost.actual !== null) return money(take.cost.actual, take.cost.currency);
  // A take that ended without a charge settled shows none; one still going shows its estimate.
  if (isTerminal(take.status)) return undefined;
  return `~${money(take.cost.estimated, take.cost.currency)}`;
}

/** The parts of a take's status line: its name, and the percentage while the provider reports progress. */
export function statusLine(take: Pick<Take, 'status' | 'progress'>): string {
  const name = STATUS_NAMES[take.status];
  if (take.status === 'running' && take.progress !== null) return `${name} ${Math.round(take.progress * 100)}%`;
  return name;
}

/** A duration in milliseconds as a producer reads it: "840 ms", "12.4 s", "3 min 05 s". */
export function elapsedLabel(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} s`;
}

/** The whole seconds a model renders, runs folded: [1…60] → "1–60 s", [5, 10] → "5, 10 s", [2, 3, 4, 8] → "2–4, 8 s". */
export function durationsLabel(seconds: number[]): string {
  const sorted = [...new Set(seconds)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : sorted.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return `${runs.join(', ')} s`;
}

/** Codes of a batch of takes as a range: "TK004", "TK001–TK003". */
export function codeRange(takes: Pick<Take, 'code' | 'number'>[]): string {
  const codes = [...takes].sort((a, b) => a.number - b.number).map((t) => t.code);
  return codes.length <= 1 ? (codes[0] ?? '') : `${codes[0]}–${codes[codes.length - 1]}`;
}

/** Order in which a batch's statuses are told: work still to come first, then how it ended. */
const BATCH_ORDER: GenerationStatus[] = ['awaiting_approval', 'queued', 'submitted', 'running', 'cancel_requested', 'succeeded', 'failed', 'canceled'];

/**
 * A batch of takes just asked for, as it stands now: "TK001–TK003 queued", then "TK001–TK003: 1
 * running, 2 queued", and "TK001–TK003 succeeded" (or "…: 2 succeeded, 1 failed") once all are done.
 */
export function batchStatus(takes: Pick<Take, 'code' | 'number' | 'status'>[]): { text: string; done: boolean; trouble: boolean } {
  const range = codeRange(takes);
  const counts = new Map<GenerationStatus, number>();
  for (const t of takes) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const done = takes.every((t) => isTerminal(t.status));
  const trouble = takes.some((t) => t.status === 'failed');
  if (counts.size === 1) return { text: `${range} ${STATUS_NAMES[takes[0].status]}.`, done, trouble };
  const parts = BATCH_ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${STATUS_NAMES[s]}`);
  return { text: `${range}: ${parts.join(', ')}.`, done, trouble };
}

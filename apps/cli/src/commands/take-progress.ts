/** Takes on the command line: following them until they end (a progress bar on a terminal, a line per change otherwise) and the tables that show them. */
import { GENERATION_STATUSES, TERMINAL_STATUSES, type Take } from '@backlot/contracts';
import type { Client } from '@backlot/contracts/client';
import cliProgress from 'cli-progress';
import { printTable } from '../output.ts';

const POLL_MS = 500;

const ended = (t: Take) => TERMINAL_STATUSES.includes(t.status);
const label = (t: Take) => `${t.shotCode} ${t.code}`;

/** "2 succeeded · 1 running", in the order a take moves through. */
export function statusCounts(takes: Take[]): string {
  return GENERATION_STATUSES.map((s) => [s, takes.filter((t) => t.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s.replace('_', ' ')}`)
    .join(' · ');
}

/** How far one take is, 0–100: finished ones are full, running ones say what the provider reports. */
function percentOf(t: Take): number {
  if (t.status === 'succeeded') return 100;
  return Math.round((t.progress ?? 0) * 100);
}

/**
 * Polls each take that has not ended (getTake) until all have; answers them in the order given.
 * On a terminal, one bar counts the finished takes with their status counts and one bar per take
 * shows its progress; otherwise each change of status is a line on stderr.
 */
export async function followTakes(client: Client, projectId: string, takes: Take[]): Promise<Take[]> {
  const current = new Map(takes.map((t) => [t.id, t]));
  const all = () => takes.map((t) => current.get(t.id)!);
  const tty = Boolean(process.stderr.isTTY);
  const multi = tty
    ? new cliProgress.MultiBar({ format: '{label} |{bar}| {status}', hideCursor: true, stream: process.stderr, clearOnComplete: false, autopadding: true }, cliProgress.Presets.shades_classic)
    : undefined;
  const width = Math.max(...takes.map((t) => label(t).length), `${takes.length} takes`.length);
  const overall = multi?.create(takes.length, 0, { label: `${takes.length} takes`.padEnd(width), status: '' });
  const bars = new Map(takes.map((t) => [t.id, multi?.create(100, 0, { label: label(t).padEnd(width), status: '' })]));

  const show = () => {
    const list = all();
    overall?.update(list.filter(ended).length, { status: statusCounts(list) });
    for (const t of list) bars.get(t.id)?.update(percentOf(t), { status: `${percentOf(t)}% ${t.status.replace('_', ' ')}` });
  };
  const said = new Map<string, string>();
  const tell = (t: Take) => {
    if (tty || said.get(t.id) === t.status) return;
    said.set(t.id, t.status);
    process.stderr.write(`${label(t)} ${t.status.replace('_', ' ')}\n`);
  };

  try {
    all().forEach(tell);
    show();
    while (!all().every(ended)) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const fresh = await Promise.all(
        all()
          .filter((t) => !ended(t))
          .map((t) => client.getTake({ params: { projectId, takeId: t.id } })),
      );
      for (const t of fresh) {
        current.set(t.id, t);
        tell(t);
      }
      show();
    }
  } finally {
    multi?.stop();
  }
  return all();
}

/** The worst continuity result and the checks that gave it, e.g. "warn (start_frame)"; "—" before any check ran (or for a viewer, who reads none). */
export function continuityOf(t: Take): string {
  const continuity = t.continuity ?? [];
  for (const result of ['fail', 'warn'] as const) {
    const checks = continuity.filter((c) => c.result === result).map((c) => c.check);
    if (checks.length) return `${result} (${checks.join(', ')})`;
  }
  return continuity.length ? 'pass' : '—';
}

/** What a take cost (or is estimated to), with the currency; "—" for members who may not read spend. */
export function costOf(t: Take): string {
  return t.cost ? `${t.cost.actual ?? t.cost.estimated} ${t.cost.currency}` : '—';
}

const COLUMNS = {
  shot: ['SHOT', (t: Take) => t.shotCode],
  code: ['CODE', (t: Take) => t.code],
  status: ['STATUS', (t: Take) => t.status.replace('_', ' ')],
  review: ['REVIEW', (t: Take) => t.review],
  model: ['MODEL', (t: Take) => (t.model === undefined ? '—' : `${t.provider}/${t.model}`)],
  seed: ['SEED', (t: Take) => (t.seed === null || t.seed === undefined ? '—' : String(t.seed))],
  frames: ['FRAMES', (t: Take) => (t.media ? String(t.media.frames) : '—')],
  cost: ['COST', costOf],
  continuity: ['CONTINUITY', continuityOf],
} as const satisfies Record<string, readonly [string, (t: Take) => string]>;

/** Prints takes as a table with these columns, then why each failed take failed (on stderr). */
export function printTakes(takes: Take[], columns: (keyof typeof COLUMNS)[]) {
  printTable(
    columns.map((c) => COLUMNS[c][0]),
    takes.map((t) => columns.map((c) => COLUMNS[c][1](t))),
  );
  for (const t of takes) if (t.status === 'failed' && t.error) process.stderr.write(`${label(t)} failed: ${t.error.message} [${t.error.code}]\n`);
}

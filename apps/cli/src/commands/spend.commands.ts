/** `backlot spend`: a project's spend grouped one way, or every take's costs saved as CSV, through the server's API. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SPEND_GROUPINGS, type SpendGrouping } from '@backlot/contracts';
import { ApiError, buildPath } from '@backlot/contracts/client';
import type { Command } from 'commander';
import { needs, printJson, printTable } from '../output.ts';
import { findProject, remoteClient, remoteServer, type RemoteOptions, UsageError } from '../remote.ts';
import { withRemote } from './projects.commands.ts';

type Options = RemoteOptions & { json?: boolean; project: string; by: string; csv?: string };

/** Streams the project's spend export into a file; answers how many bytes were written. */
async function saveCsv(opts: RemoteOptions, projectId: string, file: string): Promise<number> {
  const { server, token } = remoteServer(opts);
  const res = await fetch(`${server}/api/v1${buildPath('/projects/:projectId/spend.csv', { projectId })}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) {
    const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; field?: string } };
    throw new ApiError(res.status, data.error?.code ?? 'internal', data.error?.message ?? `HTTP ${res.status}`, data.error?.field);
  }
  let bytes = 0;
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => (bytes += chunk.length));
  await pipeline(body, createWriteStream(file));
  return bytes;
}

export function registerSpendCommands(program: Command) {
  withRemote(program.command('spend').description(needs("A project's spend by scene, model, member, day, provider or shot; or every take's costs as CSV", 'listProjects', 'spendView')))
    .requiredOption('--project <code>', 'project code')
    .option('--by <grouping>', SPEND_GROUPINGS.join(', '), 'scene')
    .option('--csv <file>', 'save every take with its estimate, reservation and actual cost as CSV (a totals line last)')
    .action(async (opts: Options) => {
      if (!SPEND_GROUPINGS.includes(opts.by as SpendGrouping)) throw new UsageError(`--by must be one of ${SPEND_GROUPINGS.join(', ')}`);
      const client = remoteClient(opts);
      const project = await findProject(client, opts.project);
      if (opts.csv) {
        const bytes = await saveCsv(opts, project.id, opts.csv);
        if (opts.json) return printJson({ file: opts.csv, bytes });
        return void process.stdout.write(`Saved the spend of ${project.code} to ${opts.csv} (${bytes.toLocaleString('en-US')} bytes).\n`);
      }
      const view = await client.spendView({ params: { projectId: project.id }, query: { by: opts.by as SpendGrouping } });
      if (opts.json) return printJson(view);
      const bar = view.project;
      process.stdout.write(`${project.code}: budget ${bar.budget} ${view.currency} · spent ${bar.spent} · held ${bar.held}${bar.usedPercent === null ? '' : ` · ${bar.usedPercent} % used`}\n`);
      const money = (v: string | null) => v ?? '—';
      printTable(
        [opts.by.toUpperCase(), 'TAKES', 'HELD', 'SETTLED', 'ESTIMATED', 'REJECTS', 'APPROVED S', 'PER APPROVED S', 'BUDGET'],
        [
          ...view.rows.map((r) => [
            r.label,
            String(r.takes),
            r.held,
            r.settled,
            r.estimated,
            money(r.rejects),
            r.approvedSeconds === null ? '—' : String(r.approvedSeconds),
            money(r.perApprovedSecond),
            r.budget ? `${r.budget.budget}${r.budget.usedPercent === null ? '' : ` (${r.budget.usedPercent} %)`}` : '—',
          ]),
          ['TOTAL', String(view.totals.takes), view.totals.held, view.totals.settled, view.totals.estimated, view.totals.rejects, '', '', ''],
        ],
      );
    });
}

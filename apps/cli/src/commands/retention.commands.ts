/**
 * `backlot retention`: a project's retention on the command line. `set` allows the media of
 * rejected takes older than N days to be purged (or turns it off), `preview` lists what a purge
 * would free, and `purge` shows that list, asks once (or takes --yes) and purges it with a progress
 * bar, each take checked again on the server when its turn comes.
 */
import type { Readable as NodeReadable } from 'node:stream';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { ApiError, buildPath } from '@backlot/contracts/client';
import type { RetentionPreview, RetentionPurgeLine, RetentionPurgeResult } from '@backlot/contracts';
import type { Command } from 'commander';
import { askYesNo, needs, printJson, printTable } from '../output.ts';
import { findProject, remoteClient, remoteServer, type RemoteOptions, UsageError } from '../remote.ts';
import { withRemote } from './projects.commands.ts';
import { showMovieProgress } from './review-movie-progress.ts';

type Options = RemoteOptions & { json?: boolean; project: string };

/** "840 B", "4.7 KB", "12.3 MB": sizes as a production person reads them. */
export function bytesLabel(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}

function printPreview(p: RetentionPreview) {
  if (p.setting.purgeRejectedAfterDays === null) {
    process.stdout.write('Retention is off in this project: rejected takes keep their media. An owner turns it on with `backlot retention set --days N`.\n');
    return;
  }
  if (!p.takes.length) process.stdout.write(`Nothing to purge: no rejected take finished before ${p.cutoff} holds media that nothing else uses.\n`);
  else {
    printTable(
      ['TAKE', 'FINISHED', 'FREES', 'FILES', 'SHARED'],
      p.takes.map((t) => [`${t.shotCode} ${t.code}`, t.finishedAt ?? '', bytesLabel(t.bytes), String(t.files), String(t.shared)]),
    );
    process.stdout.write(`${p.takes.length} take${p.takes.length === 1 ? '' : 's'}, ${bytesLabel(p.totalBytes)} (${p.totalBytes} bytes) to free; rejected takes finished before ${p.cutoff}.\n`);
  }
  for (const k of p.kept) process.stdout.write(`kept: ${k.shotCode} ${k.code}: ${k.reason}\n`);
}

/** Reads the purge's NDJSON answer, telling `onProgress` after each batch. */
async function purge(opts: RemoteOptions, projectId: string, takeIds: string[], onProgress: (p: { done: number; total: number; bytes: number }) => void): Promise<RetentionPurgeResult> {
  const { server, token } = remoteServer(opts);
  const res = await fetch(`${server}/api/v1${buildPath('/projects/:projectId/retention/purge', { projectId })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ takeIds }),
  });
  if (!res.ok || !res.body) {
    const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; field?: string } };
    throw new ApiError(res.status, data.error?.code ?? 'internal', data.error?.message ?? `HTTP ${res.status}`, data.error?.field);
  }
  let rest = '';
  for await (const chunk of Readable.fromWeb(res.body as ReadableStream<Uint8Array>) as NodeReadable) {
    rest += chunk.toString();
    const lines = rest.split('\n');
    rest = lines.pop()!;
    for (const text of lines.filter(Boolean)) {
      const line = JSON.parse(text) as RetentionPurgeLine;
      if ('progress' in line) onProgress(line.progress);
      else if ('result' in line) return line.result;
      else throw new ApiError(500, line.error.code, line.error.message);
    }
  }
  throw new ApiError(500, 'internal', 'The server stopped before the purge finished; takes already purged stay purged, the others are intact.');
}

export function registerRetentionCommands(program: Command) {
  const retention = program.command('retention').description("A project's retention: purging the media of old rejected takes (via the server)");

  withRemote(retention.command('set').description(needs('Allow the media of rejected takes older than N days to be purged, or turn it off', 'listProjects', 'setRetention')))
    .requiredOption('--project <code>', 'project code')
    .requiredOption('--days <n|off>', 'days a rejected take keeps its media after it finished, or "off"')
    .action(async (opts: Options & { days: string }) => {
      const days = opts.days === 'off' ? null : Number(opts.days);
      if (days !== null && (!Number.isInteger(days) || days < 1)) throw new UsageError('--days: give a whole number of days (1 or more), or "off"');
      const client = remoteClient(opts);
      const project = await findProject(client, opts.project);
      const setting = await client.setRetention({ params: { projectId: project.id }, body: { purgeRejectedAfterDays: days } });
      if (opts.json) printJson(setting);
      else process.stdout.write(days === null ? `Retention is off in ${project.code}.\n` : `${project.code}: the media of rejected takes older than ${days} days may be purged.\n`);
    });

  withRemote(retention.command('preview').description(needs('List the rejected takes a purge would free, with their bytes, and those kept', 'listProjects', 'retentionPreview')))
    .requiredOption('--project <code>', 'project code')
    .action(async (opts: Options) => {
      const client = remoteClient(opts);
      const project = await findProject(client, opts.project);
      const preview = await client.retentionPreview({ params: { projectId: project.id } });
      if (opts.json) printJson(preview);
      else printPreview(preview);
    });

  withRemote(
    retention
      .command('purge')
      .description(
        needs(
          "Purge the media of the takes the preview lists (each checked again), with a progress bar; the takes' records, costs and posters stay",
          'listProjects',
          'retentionPreview',
          'setRetention',
        ),
      ),
  )
    .requiredOption('--project <code>', 'project code')
    .option('--yes', 'purge without asking')
    .action(async (opts: Options & { yes?: boolean }) => {
      const client = remoteClient(opts);
      const project = await findProject(client, opts.project);
      const preview = await client.retentionPreview({ params: { projectId: project.id } });
      if (preview.setting.purgeRejectedAfterDays === null)
        throw new UsageError(`Retention is off in ${project.code}: an owner turns it on with \`backlot retention set --project ${project.code} --days N\` first.`);
      if (!opts.json) printPreview(preview);
      if (!preview.takes.length) {
        if (opts.json) printJson({ purged: 0, bytes: 0, skipped: [], takeIds: [] });
        return;
      }
      if (!opts.yes && !(await askYesNo(`Purge the media of ${preview.takes.length} take${preview.takes.length === 1 ? '' : 's'} (${bytesLabel(preview.totalBytes)})? This cannot be undone.`)))
        throw new UsageError('Nothing was purged.');
      const display = showMovieProgress(`Purge ${project.code}`);
      try {
        const result = await purge(
          opts,
          project.id,
          preview.takes.map((t) => t.takeId),
          (p) => display.update(p.total ? p.done / p.total : 1),
        );
        display.finish(opts.json ? undefined : `Purged the media of ${result.purged} take${result.purged === 1 ? '' : 's'}: ${bytesLabel(result.bytes)} (${result.bytes} bytes) freed.`);
        if (opts.json) printJson(result);
        else for (const s of result.skipped) process.stdout.write(`kept: ${s.takeId}: ${s.reason}\n`);
      } catch (err) {
        display.fail((err as Error).message);
        throw err;
      }
    });
}

/**
 * `backlot handoff`: scenes' approved (or selected) takes handed to editorial as a package folder
 * (media under predictable names, OTIO, EDL, FCPXML, MLT, manifest), with a progress bar over the
 * media copy; `backlot cut import`: an editor's cut read back, its changes shown and, on --apply,
 * applied after the user confirms the same report.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { HANDOFF_FCPXML_VERSIONS, HANDOFF_FORMATS, type HandoffQueryInput } from '@backlot/contracts';
import { ApiError, buildPath } from '@backlot/contracts/client';
import type { Command } from 'commander';
import { extractZip } from '../zip-extract.ts';
import { askYesNo, needs, printJson, printTable } from '../output.ts';
import { allScenes, findProject, remoteClient, remoteServer, type RemoteOptions, UsageError } from '../remote.ts';
import { withRemote } from './projects.commands.ts';

type HandoffOptions = RemoteOptions & {
  json?: boolean;
  project: string;
  format: string;
  out: string;
  selected?: boolean;
  handles: string;
  proxies?: boolean;
  fcpxmlVersion: string;
  override?: boolean;
  reason?: string;
};
type CutOptions = RemoteOptions & { json?: boolean; project: string; apply?: boolean; yes?: boolean };

const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
/** A size as people read it: MiB from one MiB, KiB below. */
const sizeOf = (n: number) => (n >= 1024 * 1024 ? `${mib(n)} MiB` : `${Math.max(1, Math.round(n / 1024))} KiB`);

/** The query string of a handoff request. */
function queryString(q: HandoffQueryInput): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  return params.toString();
}

/** Downloads the package zip into `file`, telling `onBytes` of each chunk. */
async function download(opts: RemoteOptions, projectId: string, query: string, file: string, onBytes: (n: number) => void): Promise<void> {
  const { server, token } = remoteServer(opts);
  const res = await fetch(`${server}/api/v1${buildPath('/projects/:projectId/handoff.zip', { projectId })}?${query}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) {
    const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; field?: string } };
    throw new ApiError(res.status, data.error?.code ?? 'internal', data.error?.message ?? `HTTP ${res.status}`, data.error?.field);
  }
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => onBytes(chunk.length));
  await pipeline(body, createWriteStream(file));
}

export function registerHandoffCommands(program: Command) {
  withRemote(
    program
      .command('handoff')
      .description(
        needs(
          "Hand scenes' approved takes to editorial: a package folder with the media under predictable names, OTIO, EDL (standard and Premiere), FCPXML, MLT and a provenance manifest",
          'listProjects',
          'listScenes',
          'handoffPreview',
        ),
      ),
  )
    .argument('<scene...>', 'scene numbers (1 2 12A)')
    .requiredOption('--project <code>', 'project code')
    .option('--format <list>', `formats, comma-separated: ${HANDOFF_FORMATS.join(', ')}`, 'otio,edl,fcpxml,mlt')
    .requiredOption('--out <dir>', 'folder to write the package into (a folder named after the package is made inside)')
    .option('--selected', "each shot's selected takes instead of its approved one")
    .option('--handles <frames>', 'frames added each side of the marked range, clamped to the media', '0')
    .option('--proxies', 'also copy the review proxies')
    .option('--fcpxml-version <version>', `FCPXML version (${HANDOFF_FCPXML_VERSIONS.join(', ')}): NLEs refuse versions newer than they know`, '1.11')
    .option('--override', 'hand off takes whose references are at risk (owner or producer; needs --reason)')
    .option('--reason <text>', 'why takes at risk are handed off anyway')
    .action(async (numbers: string[], opts: HandoffOptions) => {
      if (!/^\d+$/.test(opts.handles)) throw new UsageError('--handles must be a whole number of frames');
      const client = remoteClient(opts);
      const project = await findProject(client, opts.project);
      const scenes = await allScenes(client, project.id);
      const ids = numbers.map(
        (n) =>
          scenes.find((s) => s.number.toLowerCase() === n.toLowerCase())?.id ??
          (() => {
            throw new UsageError(`${project.code} has no scene ${n}`);
          })(),
      );
      const query: HandoffQueryInput = {
        scenes: ids.join(','),
        takes: opts.selected ? 'selected' : 'approved',
        handles: opts.handles,
        formats: opts.format,
        fcpxmlVersion: opts.fcpxmlVersion as HandoffQueryInput['fcpxmlVersion'],
        proxies: opts.proxies ? 'true' : 'false',
        ...(opts.override ? { override: 'true' as const, reason: opts.reason } : {}),
      };
      const preview = await client.handoffPreview({ params: { projectId: project.id }, query: query as never });
      if (!opts.json) {
        printTable(
          ['CLIP', 'REEL', 'RECORD IN', 'FRAMES', 'MARKERS'],
          preview.clips.map((c) => [c.name, c.reel, c.recordIn, String(c.frames), String(c.markers)]),
        );
        for (const s of preview.skipped) process.stderr.write(`left out ${s.shotCode}: ${s.why}\n`);
        for (const r of preview.refusals) process.stderr.write(`at risk  ${r.name}: ${r.reasons.join('; ')}\n`);
      }
      await mkdir(opts.out, { recursive: true });
      const part = join(opts.out, `.${preview.fileName}.part`);
      const bar = new cliProgress.SingleBar({ format: 'Copying media |{bar}| {percentage}% · {value}/{total} MiB', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
      const show = process.stderr.isTTY && !opts.json;
      let done = 0;
      try {
        if (show) bar.start(mib(preview.bytes), 0);
        await download(opts, project.id, queryString(query), part, (n) => {
          done += n;
          if (show) bar.update(Math.min(mib(done), mib(preview.bytes)));
        });
        const written = await extractZip(part, opts.out);
        if (show) bar.stop();
        const folder = join(opts.out, preview.fileName.replace(/\.zip$/, ''));
        if (opts.json) return printJson({ folder, files: written, clips: preview.clips.length, bytes: done });
        process.stdout.write(`Handed off ${preview.clips.length} clip${preview.clips.length === 1 ? '' : 's'} of ${preview.name} to ${folder} (${written.length} files, ${sizeOf(done)}).\n`);
      } finally {
        if (show) bar.stop();
        await rm(part, { force: true });
      }
    });

  const cut = program.command('cut').description("An editor's cut, back in (via the server)");
  withRemote(
    cut
      .command('import')
      .description(
        needs(
          "Read an editor's cut (OTIO, EDL or FCPXML) and show what it changes: shot order, trims, omitted shots, swapped takes, clips matching nothing; --apply applies shot order and marks after you confirm",
          'listProjects',
          'previewCut',
          'applyCut',
        ),
      ),
  )
    .argument('<file>', 'the cut: .otio, .edl or .fcpxml')
    .requiredOption('--project <code>', 'project code')
    .option('--apply', 'apply the changes shown (asks first)')
    .option('--yes', 'with --apply: do not ask')
    .action(async (file: string, opts: CutOptions) => {
      let content: string;
      try {
        content = await readFile(file, 'utf8');
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const client = remoteClient(opts);
      const project = await findProject(client, opts.project);
      const body = { fileName: basename(file), content };
      const report = await client.previewCut({ params: { projectId: project.id }, body });
      if (opts.json && !opts.apply) return printJson(report);
      if (!opts.json) process.stdout.write(`${report.name} (${report.format}):\n${report.lines.length ? report.lines.map((l) => `  ${l}`).join('\n') : '  no changes'}\n`);
      if (!opts.apply) return;
      if (!report.changes) return void process.stdout.write('Nothing to apply.\n');
      if (!opts.yes && !(await askYesNo(`Apply these changes to ${project.code}?`))) return void process.stdout.write('Nothing applied.\n');
      const applied = await client.applyCut({ params: { projectId: project.id }, body: { ...body, reportHash: report.reportHash } });
      if (opts.json) return printJson(applied);
      process.stdout.write(`Applied to ${project.code}.\n`);
    });
}

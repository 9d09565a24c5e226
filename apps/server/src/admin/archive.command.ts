/**
 * `archive export|verify|import` (issue 19): a project's whole record as one bundle, checked and
 * restored. Export and import work on the database directly (the operator is the instance admin);
 * verify needs only the bundle. Each shows a progress bar on a terminal, a line each tenth of the
 * way otherwise.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Config } from '../config/load-config.ts';
import { createArchiveChecks, type Container } from '../container.ts';
import { DomainError } from '../domain/errors.ts';
import { SYSTEM_ACTOR } from '../services/audit/audit-append.ts';
import type { ArchiveProgress } from '../services/archive/archive.service.ts';
import { VerificationFailed } from './audit.command.ts';
import { printJson } from './output.ts';

export interface ArchiveCommandContext {
  config: () => Config;
  direct: <T>(config: Config, work: (c: Container) => Promise<T>) => Promise<T>;
}

const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

/** A bar over bytes on a terminal; without one, a line at each tenth (logs and CI), so long work is never silent. */
function progressBar(label: string, quiet: boolean) {
  const out = process.stderr;
  const bar =
    out.isTTY && !quiet
      ? new cliProgress.SingleBar({ format: `${label} |{bar}| {percentage}% · {value}/{total} MiB · {eta_formatted} left`, hideCursor: true, stream: out }, cliProgress.Presets.shades_classic)
      : undefined;
  let started = false;
  let said = -1;
  return {
    update(p: ArchiveProgress) {
      if (quiet) return;
      const total = p.total ?? 0;
      if (bar) {
        if (!started && total > 0) {
          bar.start(mib(total), 0);
          started = true;
        }
        if (started) bar.update(Math.min(mib(p.bytes), mib(total)));
        return;
      }
      if (!total) return;
      const tenth = Math.floor((Math.min(p.bytes, total) / total) * 10) * 10;
      if (tenth > said) {
        said = tenth;
        out.write(`${label}: ${tenth}%\n`);
      }
    },
    stop() {
      if (started) bar?.stop();
    },
  };
}

export function registerArchiveCommands(program: Command, ctx: ArchiveCommandContext) {
  const archive = program.command('archive').description("A project's whole record as one bundle: export, verify, restore");

  archive
    .command('export')
    .description("Write a project's archive bundle (records, blobs, audit chain, manifest, README) to a zip, as it is read")
    .argument('<project>', 'project code')
    .requiredOption('--out <file>', 'the bundle to write (.zip); written beside as FILE.part and renamed when whole')
    .option('--json', 'machine-readable output')
    .action(async (code: string, opts: { out: string; json?: boolean }) => {
      const part = `${opts.out}.part`;
      const bar = progressBar('Exporting', !!opts.json);
      try {
        const summary = await ctx.direct(ctx.config(), async (c) => {
          const project = await c.store.read.projects.findByCode(code.toUpperCase());
          if (!project) throw new DomainError('project.not_found', `No project has the code ${code}.`, 'project');
          return c.services.archive.exportBundle(SYSTEM_ACTOR, project.id, createWriteStream(part), (p) => bar.update(p));
        });
        bar.stop();
        await rename(part, opts.out);
        if (opts.json) return printJson({ file: opts.out, ...summary });
        process.stdout.write(
          `Archived ${summary.project.code} to ${opts.out}: ${summary.files} files, ${summary.blobs} blobs (${mib(summary.blobBytes)} MiB), ${summary.auditEvents} audit events, ${mib(summary.bytes)} MiB in all.\n`,
        );
      } catch (err) {
        bar.stop();
        await rm(part, { force: true });
        throw err;
      }
    });

  archive
    .command('verify')
    .description("Check a bundle: every file's hash, every record, every blob against its name, and the audit chain; names the first problem")
    .argument('<bundle>', 'the bundle (.zip)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { json?: boolean }) => {
      const bar = progressBar('Verifying', !!opts.json);
      const result = await createArchiveChecks()
        .verifyBundle(file, (p) => bar.update(p))
        .finally(() => bar.stop());
      if (opts.json) printJson(result);
      else if (result.ok)
        process.stdout.write(
          `ok   ${file}: ${result.project?.code} — ${result.files} files checked against the manifest (${mib(result.bytes)} MiB), ${result.auditEvents} audit events; every hash and the audit chain check out.\n`,
        );
      else process.stdout.write(`BAD  ${file}: ${result.problem}\n`);
      if (!result.ok) throw new VerificationFailed();
    });

  archive
    .command('import')
    .description('Restore a bundle into this instance (instance admin): refused whole when it has a problem or the project is already here; members come back as invitations')
    .argument('<bundle>', 'the bundle (.zip)')
    .option('--as <email>', 'the instance admin restoring it (needed when there are several)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { as?: string; json?: boolean }) => {
      const bar = progressBar('Restoring', !!opts.json);
      const summary = await ctx.direct(ctx.config(), async (c) => c.services.archive.importBundle(await c.services.archive.adminActor(opts.as), file, (p) => bar.update(p))).finally(() => bar.stop());
      if (opts.json) return printJson(summary);
      const rows = Object.values(summary.counts).reduce((n, x) => n + x, 0);
      process.stdout.write(`Restored ${summary.project.code} “${summary.project.name}”: ${rows} records, ${summary.blobs} blobs (${summary.blobsAdded} new), ${summary.auditEvents} audit events.\n`);
      if (summary.invitations.length) process.stdout.write('Members invited again (each link works once):\n');
      for (const i of summary.invitations) process.stdout.write(`  ${i.email} (${i.role})${i.emailed ? ', mailed' : ''}: ${i.url}\n`);
    });
}

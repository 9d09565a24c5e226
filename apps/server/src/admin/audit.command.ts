/**
 * `audit verify` and `audit checkpoint`: check every chain and report every bad event with a count,
 * and take checkpoints to keep outside the database, against which deleting the newest events
 * and rewriting the head shows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { AuditCheckpoint, type ChainVerification } from '@backlot/contracts';
import type { Command } from 'commander';
import type { Config } from '../config/load-config.ts';
import type { Container } from '../container.ts';
import { INSTANCE_CHAIN, projectChain } from '../domain/audit/audit-chain.ts';
import { DomainError } from '../domain/errors.ts';
import { SYSTEM_ACTOR } from '../services/audit/audit-append.ts';
import { printJson } from './output.ts';

/** Thrown when a chain is bad, so the command exits 1 after printing everything. */
export class VerificationFailed extends Error {}

export interface AuditCommandContext {
  config: () => Config;
  /** Opens the database directly for the work and says so on stderr. */
  direct: <T>(config: Config, work: (c: Container) => Promise<T>) => Promise<T>;
}

/** The chains a command is about: one project's, the instance's, or every chain. */
async function chainsChosen(c: Container, opts: { project?: string; instance?: boolean }): Promise<string[] | undefined> {
  if (opts.project) {
    const p = await c.store.read.projects.findByCode(opts.project.toUpperCase());
    if (!p) throw new DomainError('project.not_found', `No project has the code ${opts.project}.`, 'project');
    return [projectChain(p.id)];
  }
  if (opts.instance) return [INSTANCE_CHAIN];
  return undefined;
}

async function labelOf(c: Container, chain: string): Promise<string> {
  if (!chain.startsWith('project:')) return chain;
  const project = await c.store.read.projects.findById(chain.slice('project:'.length));
  return project ? `project ${project.code}` : chain;
}

async function readCheckpoint(file: string): Promise<AuditCheckpoint> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    throw new DomainError('request.invalid', `checkpoint: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'checkpoint');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new DomainError('request.invalid', `checkpoint: ${file} is not JSON`, 'checkpoint');
  }
  const parsed = AuditCheckpoint.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError('request.invalid', `checkpoint: ${file} is not a Backlot audit checkpoint (${issue.path.join('.') || 'the document'}: ${issue.message})`, 'checkpoint');
  }
  return parsed.data;
}

function printVerification(r: ChainVerification & { label: string }) {
  if (r.ok) {
    process.stdout.write(`ok   ${r.label}: ${r.count} events\n`);
    return;
  }
  process.stdout.write(`BAD  ${r.label}: ${r.badCount} bad ${r.badCount === 1 ? 'event' : 'events'} in ${r.count}\n`);
  for (const p of r.problems) process.stdout.write(`       #${p.seq}: ${p.problem}\n`);
}

export function registerAuditCommands(program: Command, ctx: AuditCommandContext) {
  const audit = program.command('audit').description('The audit log (direct database access)');

  audit
    .command('verify')
    .description('Verify audit chains and report every bad event; with --checkpoint, also that each chain still extends a checkpoint')
    .option('--project <code>', 'only this project')
    .option('--instance', 'only the instance chain')
    .option('--checkpoint <file>', 'a checkpoint from `backlot audit checkpoint`: verify the chains it names against it')
    .option('--json', 'machine-readable output')
    .action(async (opts: { project?: string; instance?: boolean; checkpoint?: string; json?: boolean }) => {
      if (opts.checkpoint) return verifyAgainstCheckpoint(ctx, opts.checkpoint, !!opts.json);
      const results = await ctx.direct(ctx.config(), async (c) => {
        const chains = (await chainsChosen(c, opts)) ?? (await c.services.auditLog.chains());
        const out = [];
        for (const chain of chains) out.push({ ...(await c.services.auditLog.verify(chain)), label: await labelOf(c, chain) });
        return out;
      });
      const bad = results.filter((r) => !r.ok);
      const badEvents = bad.reduce((n, r) => n + r.badCount, 0);
      if (opts.json) printJson({ ok: bad.length === 0, badCount: badEvents, chains: results });
      else {
        for (const r of results) printVerification(r);
        if (results.length === 0) process.stdout.write('No audit events yet.\n');
        if (bad.length) process.stdout.write(`${badEvents} bad ${badEvents === 1 ? 'event' : 'events'} in ${bad.length} of ${results.length} ${results.length === 1 ? 'chain' : 'chains'}.\n`);
      }
      if (bad.length) throw new VerificationFailed();
    });

  audit
    .command('checkpoint')
    .description("Take a checkpoint (each chain's count and last hash), recorded and audited; keep it outside this machine")
    .option('--project <code>', 'only this project')
    .option('--instance', 'only the instance chain')
    .option('--out <file>', 'write it to this file instead of printing it')
    .action(async (opts: { project?: string; instance?: boolean; out?: string }) => {
      const taken = await ctx.direct(ctx.config(), async (c) => c.services.auditCheckpoints.take(SYSTEM_ACTOR, await chainsChosen(c, opts)));
      const document = `${JSON.stringify(taken.checkpoint, null, 2)}\n`;
      if (!opts.out) {
        process.stdout.write(document);
        return;
      }
      await writeFile(opts.out, document);
      const chains = taken.checkpoint.chains;
      const events = chains.reduce((n, ch) => n + ch.count, 0);
      process.stdout.write(`Checkpoint of ${chains.length} ${chains.length === 1 ? 'chain' : 'chains'} (${events} ${events === 1 ? 'event' : 'events'}) written to ${opts.out}.\n`);
      for (const ch of chains) process.stdout.write(`  ${ch.label}: ${ch.count} events, last hash ${ch.lastHash}\n`);
    });
}

async function verifyAgainstCheckpoint(ctx: AuditCommandContext, file: string, json: boolean) {
  const checkpoint = await readCheckpoint(file);
  const results = await ctx.direct(ctx.config(), (c) => c.services.auditCheckpoints.verifyAgainst(checkpoint));
  const bad = results.filter((r) => !r.ok);
  if (json) printJson({ ok: bad.length === 0, checkpoint: { takenAt: checkpoint.takenAt, takenBy: checkpoint.takenBy }, badCount: bad.length, chains: results });
  else {
    process.stdout.write(`Against the checkpoint taken ${checkpoint.takenAt} by ${checkpoint.takenBy}:\n`);
    for (const r of results) {
      if (r.ok) process.stdout.write(`ok   ${r.label}: extends the checkpoint (${r.checkpointCount} events then, ${r.count} now)\n`);
      else {
        process.stdout.write(`BAD  ${r.label} (${r.chain}): does not extend the checkpoint\n`);
        for (const p of r.problems) process.stdout.write(`       ${p}\n`);
        for (const p of r.verification.problems) process.stdout.write(`       #${p.seq}: ${p.problem}\n`);
      }
    }
    if (bad.length) process.stdout.write(`${bad.length} of ${results.length} ${results.length === 1 ? 'chain' : 'chains'} do not extend the checkpoint.\n`);
  }
  if (bad.length) throw new VerificationFailed();
}

/**
 * `backlot`: the command line. Everyday commands talk to a running server through the typed client
 * (an API token); the operator's commands (serve, worker, migrate, user, token create, audit verify and checkpoint) are run
 * by the server package on the database directly. Each says which on stderr.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerAssetCommands } from './commands/assets.commands.ts';
import { registerDailiesCommands } from './commands/dailies.commands.ts';
import { registerRetentionCommands } from './commands/retention.commands.ts';
import { registerDemoCommands } from './commands/demo.commands.ts';
import { registerHandoffCommands } from './commands/handoff.commands.ts';
import { registerPlanCommands } from './commands/plan.commands.ts';
import { registerProjectCommands } from './commands/projects.commands.ts';
import { registerSpendCommands } from './commands/spend.commands.ts';
import { registerTakeCommands } from './commands/takes.commands.ts';
import { EXIT, reportError } from './output.ts';
import { UsageError } from './remote.ts';

/** Commands the server package runs against the database directly. */
const DIRECT_COMMANDS = new Set(['serve', 'worker', 'migrate', 'user', 'token', 'audit', 'archive']);

/** Finds the server package's own command through the package it installs (not by importing its code). */
function serverBin(): string {
  const pkgPath = createRequire(import.meta.url).resolve('@backlot/server/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(pkgPath), pkg.bin['backlot-server']);
}

async function runDirect(args: string[]): Promise<number> {
  const child = spawn(process.execPath, [serverBin(), ...args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((ok) => child.on('exit', (code, signal) => ok(code ?? (signal ? 128 + 15 : EXIT.failed))));
}

async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  if (args[0] && DIRECT_COMMANDS.has(args[0])) return runDirect(args);

  const program = new Command('backlot')
    .description('Backlot: production workspace for AI video')
    .exitOverride()
    .addHelpText(
      'after',
      "\nOn the server machine (database directly):\n  serve              start Backlot\n  worker             run a take worker only (beside servers on the same database)\n  migrate            bring the database schema up to date\n  user create        create an account\n  user reset-password  print a reset link, or set a password\n  token create       create an API token for an account\n  audit verify       verify audit chains (every bad event; --checkpoint FILE)\n  audit checkpoint   take a checkpoint of the audit chains to keep elsewhere\n  archive export     write a project's archive bundle (records, blobs, audit chain, manifest)\n  archive verify     check a bundle's hashes and audit chain, naming the first problem\n  archive import     restore a bundle into this instance (members come back as invitations)\n",
    );
  registerProjectCommands(program);
  registerPlanCommands(program);
  registerAssetCommands(program);
  registerTakeCommands(program);
  registerSpendCommands(program);
  registerDemoCommands(program);
  registerHandoffCommands(program);
  registerDailiesCommands(program);
  registerRetentionCommands(program);
  try {
    await program.parseAsync(argv);
    // A command that finished with something refused (e.g. shot-list rows) sets the code itself.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      return EXIT.usage;
    }
    return reportError(err);
  }
}

process.exitCode = await main(process.argv);

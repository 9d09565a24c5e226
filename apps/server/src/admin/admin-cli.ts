/**
 * The server's own command line (`backlot-server`, also reached as `backlot serve|worker|migrate|user|token|audit`).
 * These commands work on the database directly; they are for the operator of the machine.
 */
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadConfig, settingsTable, type Config } from '../config/load-config.ts';
import { createContainer, migrateDatabase, type Container } from '../container.ts';
import { DomainError } from '../domain/errors.ts';
import { SYSTEM_ACTOR } from '../services/audit/audit-append.ts';
import { Email, Password, PersonName } from '@backlot/contracts';
import { registerArchiveCommands } from './archive.command.ts';
import { registerAuditCommands, VerificationFailed } from './audit.command.ts';
import { EXIT, printJson, readStdinLine } from './output.ts';
import { runWorker, serve } from './serve.command.ts';
import { randomBytes } from 'node:crypto';

function configHelp(): string {
  const rows = settingsTable();
  const width = Math.max(...rows.map((r) => r.env.length));
  return `\nConfiguration (environment variables):\n${rows.map((r) => `  ${r.env.padEnd(width)}  ${r.doc}${r.default ? ` [default: ${r.default}]` : ''}`).join('\n')}\n`;
}

/** Opens the database directly and says so on stderr, so scripts keep stdout clean. */
async function direct<T>(config: Config, work: (c: Container) => Promise<T>): Promise<T> {
  // A one-off command: not registered among the running processes, and it sweeps nothing.
  const container = await createContainer(config, { kind: 'command' });
  process.stderr.write(`(working on the database directly: ${container.database.dialect} ${container.database.location})\n`);
  try {
    return await work(container);
  } finally {
    await container.close();
  }
}

function parseOrThrow<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new DomainError('request.invalid', `${field}: ${r.error.issues[0]?.message ?? 'is not valid'}`, field);
  return r.data;
}

export async function runAdminCli(argv: string[]): Promise<number> {
  let config: Config;
  const program = new Command('backlot')
    .description('Backlot: production workspace for AI video')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const lazyConfig = () => (config ??= loadConfig());
  // Direct database access is the machine operator's power: these commands need `instance.admin`.
  program.addHelpText('after', '\nThese commands work on the database directly (needs: instance.admin, as the operator of this machine).\n');

  program
    .command('serve')
    .description('Migrate the database and start the server and web UI')
    .addHelpText('after', configHelp())
    .action(async () => {
      await serve(lazyConfig());
      return new Promise<void>(() => {}); // runs until a signal
    });

  program
    .command('worker')
    .description('Run a take worker only (submits, polls, ingests and settles takes); any number may share one database')
    .addHelpText('after', configHelp())
    .action(async () => {
      await runWorker(lazyConfig());
      return new Promise<void>(() => {}); // runs until a signal
    });

  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { applied, dialect, location } = await migrateDatabase(lazyConfig());
      process.stderr.write(`(working on the database directly: ${dialect} ${location})\n`);
      if (opts.json) printJson({ applied });
      else process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The schema is up to date.\n');
    });

  const user = program.command('user').description('Accounts (direct database access)');
  user
    .command('create')
    .description('Create an account; the first one should be the instance admin')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--admin', 'make it an instance admin')
    .option('--password-stdin', 'read the password from standard input (else one is generated and printed)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { email: string; name: string; admin?: boolean; passwordStdin?: boolean; json?: boolean }) => {
      const email = parseOrThrow(Email, opts.email, 'email');
      const name = parseOrThrow(PersonName, opts.name, 'name');
      const generated = !opts.passwordStdin;
      const password = parseOrThrow(Password, opts.passwordStdin ? await readStdinLine() : randomBytes(12).toString('base64url'), 'password');
      const account = await direct(lazyConfig(), async (c) =>
        (await c.services.accounts.setupNeeded()) && opts.admin
          ? c.services.accounts.setup({ name, email, password })
          : c.services.accounts.createAccount(SYSTEM_ACTOR, { name, email, password, isAdmin: !!opts.admin }),
      );
      if (opts.json) printJson({ id: account.id, email: account.email, isAdmin: account.isAdmin, ...(generated ? { password } : {}) });
      else process.stdout.write(`Created ${account.email}${account.isAdmin ? ' (instance admin)' : ''}.${generated ? `\nPassword: ${password}\n` : '\n'}`);
    });

  user
    .command('reset-password')
    .description('Print a one-time reset link for an account, or set its password from stdin')
    .requiredOption('--email <email>')
    .option('--password-stdin', 'set the password read from standard input instead of printing a link')
    .option('--json', 'machine-readable output')
    .action(async (opts: { email: string; passwordStdin?: boolean; json?: boolean }) => {
      const email = parseOrThrow(Email, opts.email, 'email');
      const password = opts.passwordStdin ? parseOrThrow(Password, await readStdinLine(), 'password') : undefined;
      await direct(lazyConfig(), async (c) => {
        const account =
          (await c.services.accounts.findByEmail(email)) ??
          (() => {
            throw new DomainError('account.not_found', `No account has the email ${email}.`, 'email');
          })();
        if (password) {
          await c.services.auth.setPassword(SYSTEM_ACTOR, account.id, password);
          if (opts.json) printJson({ ok: true });
          else process.stdout.write(`New password set for ${email}; their sessions were signed out.\n`);
        } else {
          const link = await c.services.auth.issueResetLink(SYSTEM_ACTOR, account.id);
          if (opts.json) printJson(link);
          else process.stdout.write(`Reset link for ${email} (works once, until ${link.expiresAt}):\n${link.url}\n`);
        }
      });
    });

  program
    .command('token')
    .description('API tokens (direct database access)')
    .command('create')
    .description('Create a personal API token for an account; the secret is printed once')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(new Option('--expires-days <days>', 'days until it expires').argParser((v) => Number(v)))
    .option('--json', 'machine-readable output')
    .action(async (opts: { email: string; name: string; expiresDays?: number; json?: boolean }) => {
      const email = parseOrThrow(Email, opts.email, 'email');
      if (opts.expiresDays !== undefined && !(Number.isInteger(opts.expiresDays) && opts.expiresDays > 0)) {
        throw new DomainError('request.invalid', 'expires-days: must be a whole number of days', 'expires-days');
      }
      const created = await direct(lazyConfig(), async (c) => {
        const account =
          (await c.services.accounts.findByEmail(email)) ??
          (() => {
            throw new DomainError('account.not_found', `No account has the email ${email}.`, 'email');
          })();
        return c.services.auth.createToken(SYSTEM_ACTOR, account, opts.name, opts.expiresDays);
      });
      if (opts.json) printJson({ id: created.token.id, name: created.token.name, secret: created.secret, expiresAt: created.token.expiresAt });
      else process.stdout.write(`${created.secret}\n`);
    });

  registerAuditCommands(program, { config: lazyConfig, direct });
  registerArchiveCommands(program, { config: lazyConfig, direct });

  const keys = program.command('keys').description('The secret key that seals provider keys in the database');
  keys
    .command('new-secret')
    .description('Print a new random secret key for BACKLOT_SECRET_KEY (32 bytes, base64); nothing is stored')
    .action(() => {
      process.stdout.write(`${randomBytes(32).toString('base64')}\n`);
    });
  keys
    .command('rotate')
    .description('Re-seal every stored provider key with BACKLOT_SECRET_KEY; the key they were sealed with must be in BACKLOT_SECRET_KEY_PREVIOUS')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const result = await direct(lazyConfig(), (c) => c.services.providerKeys.rotate(SYSTEM_ACTOR));
      if (opts.json) printJson(result);
      else
        process.stdout.write(
          `Re-sealed ${result.resealed} provider ${result.resealed === 1 ? 'key' : 'keys'}${result.already ? ` (${result.already} already sealed with the current key)` : ''}. BACKLOT_SECRET_KEY_PREVIOUS can now be removed.\n`,
        );
    });

  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof VerificationFailed) return EXIT.failed;
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.config;
    }
    if (err instanceof DomainError) {
      process.stderr.write(`error: ${err.message}\n`);
      return err.code === 'request.invalid' ? EXIT.usage : EXIT.failed;
    }
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failed;
  }
}

/** Runs the `backlot` command as a user would, and collects what it printed. */
import { spawn } from 'node:child_process';
import { CLI_BIN } from './server.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function backlot(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  return new Promise((ok, fail) => {
    const env = { ...process.env, ...options.env } as Record<string, string>;
    const child = spawn(process.execPath, [CLI_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('exit', (code) => ok({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

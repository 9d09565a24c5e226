/** Output for people or for scripts (--json), and the exit codes every command shares. */
import { createInterface } from 'node:readline/promises';
import { endpoints, type EndpointName } from '@backlot/contracts';
import { ApiError } from '@backlot/contracts/client';

/** 0 done · 1 refused or failed · 2 bad usage or input · 3 bad configuration · 4 not signed in or not allowed · 5 server unreachable. */
export const EXIT = { ok: 0, failed: 1, usage: 2, config: 3, denied: 4, unreachable: 5 } as const;

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain table with aligned columns. */
export function printTable(headers: string[], rows: string[][]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(headers)}\n${rows.map(line).join('\n')}${rows.length ? '\n' : ''}`);
}

/** Maps a failure to a message on stderr and an exit code. */
export function reportError(err: unknown): number {
  if (err instanceof ApiError) {
    process.stderr.write(`error: ${err.message}${err.field ? ` (field: ${err.field})` : ''} [${err.code}]\n`);
    if (err.status === 401 || err.status === 403) return EXIT.denied;
    if (err.status === 400 || err.status === 413) return EXIT.usage;
    return EXIT.failed;
  }
  // fetch() fails with a TypeError whose cause says why the server could not be reached.
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  if (err instanceof TypeError && cause) {
    process.stderr.write(`error: cannot reach the Backlot server (${cause.code ?? cause.message}); is it running? Set --server or BACKLOT_URL.\n`);
    return EXIT.unreachable;
  }
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  return EXIT.failed;
}

/** A command's description with the actions of the endpoints it calls, as the permission table names them. */
export function needs(description: string, ...calls: EndpointName[]): string {
  return `${description} (needs: ${[...new Set(calls.map((c) => endpoints[c].action))].join(', ')})`;
}

/** Asks a yes/no question on stderr and reads the answer from stdin; anything but y or yes (or no answer at all) is no. */
export async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write(`${question} [y/N] `);
  try {
    const answer = await new Promise<string>((ok) => {
      rl.once('line', ok);
      rl.once('close', () => ok(''));
    });
    process.stderr.write('\n');
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}

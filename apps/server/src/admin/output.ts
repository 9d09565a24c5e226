/** Human or --json output, and exit codes shared by the admin commands. */

export const EXIT = { ok: 0, failed: 1, usage: 2, config: 3 } as const;

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Reads a password from stdin (one line), for scripts: `echo secret | backlot user create … --password-stdin`. */
export async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** `serve`: migrate, start the HTTP server with the web UI, print the address to open. */
import { fileURLToPath } from 'node:url';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config/load-config.ts';
import { createContainer } from '../container.ts';
import { buildApp, REDACTED_LOG_PATHS } from '../http/app.ts';

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * The logger `serve` and `worker` write with: JSON lines on stdout (or `destination`), with the
 * fields that carry credentials censored.
 */
export function createServerLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } }, destination);
}

export async function serve(config: Config): Promise<void> {
  const logger = createServerLogger(config.log.logLevel);
  const container = await createContainer(config, { kind: 'serve' });
  const app = await buildApp(container, { logger, webDir: config.server.webDir ?? DEFAULT_WEB_DIR });
  const address = await app.listen({ host: config.server.host, port: config.server.port });
  if (config.worker.inProcess) container.startWorker(logger);
  const setupNeeded = await container.services.accounts.setupNeeded();
  const url = config.server.publicUrl ?? address;
  logger.info({ address, database: container.database.dialect }, 'listening');
  process.stderr.write(
    `\nBacklot is running: open ${url}\n` +
      `  database: ${container.database.dialect} (${container.database.location})\n` +
      `  take worker: ${config.worker.inProcess ? 'in this process' : 'off here (run `backlot worker`)'}\n` +
      (setupNeeded ? '  first run: the page will ask you to create the instance admin account\n' : '') +
      '\n',
  );
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'stopping');
    await app.close();
    await container.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** `worker`: advances takes (submit, poll, ingest, settle) and nothing else, on the same database as the servers. */
export async function runWorker(config: Config): Promise<void> {
  const logger = createServerLogger(config.log.logLevel);
  const container = await createContainer(config, { kind: 'worker' });
  const worker = container.startWorker(logger);
  logger.info({ owner: worker.owner, process: container.processId, database: container.database.dialect }, 'take worker started');
  process.stderr.write(`Backlot take worker ${worker.owner} (process ${container.processId}) is running on ${container.database.dialect} (${container.database.location})\n`);
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'stopping');
    await container.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** `backlot demo`: builds the sample project on the server and, with --wait, follows its previs takes until they end. */
import type { Command } from 'commander';
import { needs, printJson } from '../output.ts';
import { remoteClient, remoteServer, type RemoteOptions } from '../remote.ts';
import { withRemote } from './projects.commands.ts';
import { followTakes, printTakes, statusCounts } from './take-progress.ts';

/** Registers `backlot demo`. */
export function registerDemoCommands(program: Command) {
  withRemote(program.command('demo').description(needs('Build the sample project (a short screenplay, planned shots, reference stills and previs takes); you own it', 'createDemo', 'getTake')))
    .option('--wait', 'follow its takes until they end, then show them')
    .action(async (opts: RemoteOptions & { json?: boolean; wait?: boolean }) => {
      const client = remoteClient(opts);
      if (process.stderr.isTTY) process.stderr.write('Building the sample project…');
      const built = await client.createDemo();
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
      const url = `${remoteServer(opts).server}/projects/${built.projectId}`;
      if (!opts.json) process.stdout.write(`Built the sample project ${built.code} with ${built.takeIds.length} previs takes queued.\nOpen it: ${url}\n`);
      if (!opts.wait) {
        if (opts.json) printJson({ ...built, url });
        return;
      }
      const queued = await Promise.all(built.takeIds.map((takeId) => client.getTake({ params: { projectId: built.projectId, takeId } })));
      const takes = await followTakes(client, built.projectId, queued);
      if (takes.some((t) => t.status === 'failed')) process.exitCode = 1;
      if (opts.json) return printJson({ ...built, url, takes });
      printTakes(takes, ['shot', 'code', 'status', 'seed', 'frames', 'continuity']);
      process.stdout.write(`${statusCounts(takes)}.\n`);
    });
}

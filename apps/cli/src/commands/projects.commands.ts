/** `backlot projects list|create|show` and `backlot whoami`, through the server's API. */
import { FRAME_RATES } from '@backlot/contracts';
import type { Command } from 'commander';
import { needs, printJson, printTable } from '../output.ts';
import { findProject, remoteClient, type RemoteOptions, UsageError } from '../remote.ts';

type Common = RemoteOptions & { json?: boolean };

/** Adds the options every remote command takes. */
export const withRemote = (c: Command) =>
  c
    .option('--server <url>', 'server address (default: BACKLOT_URL or http://127.0.0.1:4100)')
    .option('--token <token>', 'API token (default: BACKLOT_TOKEN)')
    .option('--json', 'machine-readable output');

export function registerProjectCommands(program: Command) {
  withRemote(program.command('whoami').description(needs('Show the account the token belongs to', 'me'))).action(async (opts: Common) => {
    const me = await remoteClient(opts).me();
    if (opts.json) printJson(me);
    else process.stdout.write(`${me.account.name} <${me.account.email}>${me.account.isAdmin ? ' (instance admin)' : ''}\n`);
  });

  const projects = program.command('projects').description('Projects (via the server)');

  withRemote(projects.command('list').description(needs('Projects you are a member of', 'listProjects')))
    .option('--closed <which>', 'include | only | exclude closed projects', 'exclude')
    .action(async (opts: Common & { closed: string }) => {
      if (!['include', 'only', 'exclude'].includes(opts.closed)) throw new UsageError('--closed must be include, only or exclude');
      const { projects: list } = await remoteClient(opts).listProjects({ query: { closed: opts.closed as 'include' } });
      if (opts.json) return printJson(list);
      if (list.length === 0) return void process.stdout.write('No projects yet. Create one with `backlot projects create --name NAME --code CODE`.\n');
      printTable(
        ['CODE', 'NAME', 'ROLE', 'RATE', 'RESOLUTION', 'STATE'],
        list.map((p) => [p.code, p.name, p.myRole, p.frameRate, `${p.resolution.width}x${p.resolution.height}`, p.closed ? 'closed' : 'open']),
      );
    });

  withRemote(projects.command('create').description(needs('Create a project; you become its owner', 'createProject')))
    .requiredOption('--name <name>')
    .requiredOption('--code <code>', 'short upper-case code, e.g. NIGHT')
    .option('--rate <rate>', `frame rate: ${FRAME_RATES.join(', ')}`, '24/1')
    .option('--timecode <mode>', 'ndf or df', 'ndf')
    .option('--resolution <WxH>', 'picture size', '1920x1080')
    .option('--currency <code>', 'ISO 4217', 'USD')
    .option('--budget <amount>', 'budget, e.g. 25000.00', '0')
    .action(async (opts: Common & { name: string; code: string; rate: string; timecode: string; resolution: string; currency: string; budget: string }) => {
      const m = /^(\d+)x(\d+)$/.exec(opts.resolution);
      if (!m) throw new UsageError('--resolution must look like 1920x1080');
      const detail = await remoteClient(opts).createProject({
        body: {
          name: opts.name,
          code: opts.code,
          frameRate: opts.rate as (typeof FRAME_RATES)[number],
          timecodeMode: opts.timecode as 'ndf',
          resolution: { width: Number(m[1]), height: Number(m[2]) },
          currency: opts.currency,
          budget: opts.budget,
        },
      });
      if (opts.json) printJson(detail.project);
      else process.stdout.write(`Created ${detail.project.code} “${detail.project.name}” (${detail.project.frameRate}, ${detail.project.resolution.width}x${detail.project.resolution.height}).\n`);
    });

  withRemote(
    projects
      .command('members')
      .description(needs("A project's members and roles", 'listProjects', 'listMembers'))
      .argument('<code>', 'project code'),
  ).action(async (code: string, opts: Common) => {
    const client = remoteClient(opts);
    const project = await findProject(client, code);
    const { members } = await client.listMembers({ params: { projectId: project.id } });
    if (opts.json) return printJson(members);
    printTable(
      ['NAME', 'EMAIL', 'ROLE'],
      members.map((m) => [m.name, m.email, m.role]),
    );
  });
}

/**
 * Takes from the command line: generate takes of a shot (drafts too, where the model has a draft
 * mode; follow them with --wait), list a shot's takes, and render a draft as its final after
 * showing the estimate.
 */
import { PROVIDERS, type GenerateInput, type ProviderName, type Shot, type Take } from '@backlot/contracts';
import type { Client } from '@backlot/contracts/client';
import type { Command } from 'commander';
import { askYesNo, needs, printJson } from '../output.ts';
import { allShots, findProject, remoteClient, type RemoteOptions, UsageError } from '../remote.ts';
import { withRemote } from './projects.commands.ts';
import { followTakes, printTakes } from './take-progress.ts';

type Common = RemoteOptions & { json?: boolean; project: string };

interface GenerateOptions extends Common {
  provider: string;
  model?: string;
  count: string;
  seed?: string;
  durationFrames?: string;
  aspect?: string;
  draft?: boolean;
  wait?: boolean;
}

interface FinalOptions extends Common {
  resolution?: string;
  yes?: boolean;
  wait?: boolean;
}

/** A whole number from an option, within bounds, or a usage error naming the option. */
function wholeNumber(value: string, option: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${option} must be a whole number from ${min} to ${max}`);
  return n;
}

/** The shot with this code in the project (codes are upper case). */
async function findShot(client: Client, projectId: string, projectCode: string, code: string): Promise<Shot> {
  const shots = await allShots(client, projectId);
  const shot = shots.find((s) => s.code === code.toUpperCase());
  if (!shot) throw new UsageError(`${projectCode} has no shot ${code}`);
  return shot;
}

/** Checks the options and builds the request body; the model is the provider's first unless named. */
async function generationInput(client: Client, projectId: string, opts: GenerateOptions): Promise<GenerateInput & { count: number }> {
  if (!PROVIDERS.includes(opts.provider as ProviderName)) throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')}`);
  const count = wholeNumber(opts.count, '-n', 1, 12);
  const seed = opts.seed === undefined ? undefined : wholeNumber(opts.seed, '--seed', 0, 2_147_483_647);
  const durationFrames = opts.durationFrames === undefined ? undefined : wholeNumber(opts.durationFrames, '--duration-frames', 1, 100_000);
  if (opts.aspect !== undefined && !/^\d{1,5}:\d{1,5}$/.test(opts.aspect)) throw new UsageError('--aspect must look like 16:9');
  const offered = (await client.listModels({ params: { projectId } })).models.filter((m) => m.provider === opts.provider);
  if (!offered.length) throw new UsageError(`this server offers no ${opts.provider} models`);
  if (opts.model && !offered.some((m) => m.model === opts.model)) throw new UsageError(`--model: ${opts.provider} offers ${offered.map((m) => m.model).join(', ')}`);
  const model = opts.model ?? offered[0].model;
  if (opts.draft && !offered.find((m) => m.model === model)?.draft) {
    const drafting = offered.filter((m) => m.draft).map((m) => m.model);
    throw new UsageError(`--draft: ${opts.provider}/${model} has no draft mode${drafting.length ? `; these ${opts.provider} models have one: ${drafting.join(', ')}` : ''}`);
  }
  return { provider: opts.provider as ProviderName, model, count, settings: { seed, durationFrames, aspectRatio: opts.aspect, ...(opts.draft ? { draft: true } : {}) } };
}

/** The take with this code (TK004) among the shot's takes. */
async function findTake(client: Client, projectId: string, shot: Shot, code: string): Promise<Take> {
  const { takes } = await client.listTakes({ params: { projectId, shotId: shot.id } });
  const take = takes.find((t) => t.code === code.toUpperCase());
  if (!take) throw new UsageError(`${shot.code} has no take ${code}`);
  return take;
}

/** Registers `backlot generate`, `backlot takes list` and `backlot takes final`. */
export function registerTakeCommands(program: Command) {
  const project = (c: Command) => withRemote(c).requiredOption('--project <code>', 'project code');

  project(
    program
      .command('generate')
      .description(needs('Generate takes of a shot: policy checked, estimate reserved, takes queued', 'listShots', 'listModels', 'previewGeneration', 'generate', 'getTake'))
      .argument('<shot>', 'shot code, e.g. SC012_SH030'),
  )
    .option('--provider <name>', PROVIDERS.join(', '), 'previs')
    .option('--model <model>', "the provider's model (default: its first)")
    .option('-n, --count <n>', 'takes to generate, 1 to 12', '1')
    .option('--seed <seed>', 'a fixed seed (default: one per take)')
    .option('--duration-frames <frames>', "length in frames (default: the plan's target)")
    .option('--aspect <ratio>', "picture aspect, e.g. 16:9 (default: the plan's or the project's)")
    .option('--draft', 'a cheap 480p draft, to render as the final later (models with a draft mode)')
    .option('--wait', 'follow the takes until they end, then show them')
    .action(async (code: string, opts: GenerateOptions) => {
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      const shot = await findShot(client, p.id, p.code, code);
      const body = await generationInput(client, p.id, opts);
      const params = { projectId: p.id, shotId: shot.id };

      // The preview names every rule broken and the reference at fault; nothing is reserved for it.
      const preview = await client.previewGeneration({ params, body });
      if (preview.refusals.length) {
        process.exitCode = 1;
        if (opts.json) return printJson({ refusals: preview.refusals });
        process.stdout.write(`Refused: ${shot.code} cannot be generated now.\n`);
        for (const r of preview.refusals) process.stdout.write(`  ${r.code}${r.assetName ? ` (reference ${r.assetName})` : ''}: ${r.message}\n`);
        return;
      }
      if (!opts.json) for (const a of preview.adaptations) process.stderr.write(`note: ${a.what} ${a.action}: ${a.why}\n`);

      const result = await client.generate({ params, body });
      if (!opts.json) {
        const estimate = result.preview.estimate ? ` (estimate ${result.preview.estimate.total} ${result.preview.estimate.currency})` : '';
        process.stdout.write(`Queued ${result.takes.map((t) => t.code).join(', ')} of ${shot.code} with ${body.provider}/${body.model}${opts.draft ? ' as drafts' : ''}${estimate}.\n`);
      }
      if (!opts.wait) {
        if (opts.json) return printJson(result);
        return void process.stdout.write(`Follow them: backlot takes list ${shot.code} --project ${p.code}\n`);
      }
      const takes = await followTakes(client, p.id, result.takes);
      if (takes.some((t) => t.status === 'failed')) process.exitCode = 1;
      if (opts.json) return printJson({ takes, preview: result.preview });
      printTakes(takes, ['code', 'status', 'model', 'seed', 'frames', 'continuity', 'cost']);
    });

  const takes = program.command('takes').description('Takes (via the server)');
  project(
    takes
      .command('list')
      .description(needs("A shot's takes, newest first", 'listShots', 'listTakes'))
      .argument('<shot>', 'shot code, e.g. SC012_SH030'),
  ).action(async (code: string, opts: Common) => {
    const client = remoteClient(opts);
    const p = await findProject(client, opts.project);
    const shot = await findShot(client, p.id, p.code, code);
    const list = await client.listTakes({ params: { projectId: p.id, shotId: shot.id } });
    if (opts.json) return printJson(list);
    if (!list.takes.length) return void process.stdout.write(`No takes of ${shot.code} yet. Generate some: backlot generate ${shot.code} --project ${p.code}\n`);
    printTakes(list.takes, ['code', 'status', 'review', 'model', 'seed', 'frames', 'cost', 'continuity']);
  });
  project(
    takes
      .command('final')
      .description(
        needs(
          'Render a draft take as its final: a new take of the shot linked to the draft, with its prompt, inputs, duration and seed',
          'listShots',
          'listTakes',
          'previewGeneration',
          'generate',
          'getTake',
        ),
      )
      .argument('<shot>', 'shot code, e.g. SC012_SH030')
      .argument('<take>', 'the draft take, e.g. TK004'),
  )
    .option('--resolution <tier>', "the final's resolution (default: 1080p)")
    .option('-y, --yes', 'render without asking after the estimate')
    .option('--wait', 'follow the final until it ends, then show it')
    .action(async (shotCode: string, takeCode: string, opts: FinalOptions) => {
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      const shot = await findShot(client, p.id, p.code, shotCode);
      const draft = await findTake(client, p.id, shot, takeCode);
      if (draft.settings?.draft !== true) throw new UsageError(`${shot.code} ${draft.code} is not a draft; only a draft can be rendered as a final`);
      if (draft.status !== 'succeeded') throw new UsageError(`${shot.code} ${draft.code} is ${draft.status.replace('_', ' ')}; a draft is rendered as a final once it has succeeded`);
      if (opts.resolution !== undefined && !['1080p', '4k'].includes(opts.resolution)) throw new UsageError('--resolution must be 1080p or 4k');
      const body: GenerateInput = {
        provider: draft.provider as ProviderName,
        model: draft.model ?? '',
        count: 1,
        settings: { finalOf: draft.id, ...(opts.resolution ? { resolution: opts.resolution as '1080p' | '4k' } : {}) },
      };
      const params = { projectId: p.id, shotId: shot.id };

      // The estimate first: nothing is reserved until the member says yes.
      const preview = await client.previewGeneration({ params, body });
      if (preview.refusals.length) {
        process.exitCode = 1;
        if (opts.json) return printJson({ refusals: preview.refusals });
        process.stdout.write(`Refused: ${shot.code} ${draft.code} cannot be rendered as a final now.\n`);
        for (const r of preview.refusals) process.stdout.write(`  ${r.code}: ${r.message}\n`);
        return;
      }
      const estimate = preview.estimate ? `${preview.estimate.perTake} ${preview.estimate.currency} (${preview.estimate.detail})` : 'no estimate';
      const say = (line: string) => process[opts.json ? 'stderr' : 'stdout'].write(`${line}\n`);
      say(
        `The final of ${shot.code} ${draft.code} is a new take at ${opts.resolution ?? '1080p'} with ${body.provider}/${body.model}, linked to the draft, with its prompt, inputs, duration and seed.`,
      );
      say(`Estimate: ${estimate}.`);
      if (!opts.yes && !(await askYesNo('Render the final?'))) {
        say('Nothing rendered, nothing reserved.');
        return;
      }
      const result = await client.generate({ params, body });
      say(`Queued ${result.takes[0].code} of ${shot.code}, the final of ${draft.code}.`);
      if (!opts.wait) return opts.json ? printJson(result) : undefined;
      const followed = await followTakes(client, p.id, result.takes);
      if (followed.some((t) => t.status === 'failed')) process.exitCode = 1;
      if (opts.json) return printJson({ takes: followed, preview: result.preview });
      printTakes(followed, ['code', 'status', 'model', 'seed', 'frames', 'continuity', 'cost']);
    });
}

/** Pre-production from the command line: import a screenplay, list scenes and shots, show a plan, shot lists in and out. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SHOT_SIZE_NAMES, type Shot } from '@backlot/contracts';
import type { Command } from 'commander';
import { needs, printJson, printTable } from '../output.ts';
import { allScenes, allShots, findProject, remoteClient, type RemoteOptions, UsageError } from '../remote.ts';
import { withRemote } from './projects.commands.ts';

type Common = RemoteOptions & { json?: boolean; project: string };

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** A one-line status on stderr that the next one overwrites (when stderr is a terminal). */
function status(text: string) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
}

/** "yes" only when the server says the shot is ready; else what is missing, or "at risk" (never "yes" beside a risk). */
function readyCell(s: Shot): string {
  if (s.readiness.ready) return 'yes';
  return s.completeness.complete ? 'AT RISK' : `missing ${s.completeness.missing.length}`;
}

function printShot(shot: Shot) {
  const p = shot.plan;
  const lines = [
    `${shot.code}  scene ${shot.sceneNumber}  ${shot.status}${shot.locked ? ` (locked by ${shot.lockedBy})` : ''}  plan v${shot.planVersion}`,
    `  job:               ${p.job || '—'}`,
    `  subject & action:  ${p.subjectAction || '—'}`,
    `  camera:            ${[p.camera.size && `${p.camera.size} (${SHOT_SIZE_NAMES[p.camera.size]})`, p.camera.angle, p.camera.height, p.camera.movement, p.camera.lensFeel, p.camera.pace].filter(Boolean).join(', ') || '—'}`,
    `  environment:       ${p.environment || '—'}`,
    `  must not appear:   ${p.constraints.mustNotAppear.join('; ') || '—'}`,
    `  must not drift:    ${p.constraints.mustNotDrift.join('; ') || '—'}`,
    `  review criteria:   ${p.reviewCriteria.map((c) => `☐ ${c}`).join('  ') || '—'}`,
    `  target:            ${p.targetFrames ? `${p.targetFrames} frames` : '—'}${p.aspect ? `  aspect ${p.aspect}` : ''}`,
    shot.readiness.ready ? '  ready for generation' : !shot.completeness.complete ? `  missing for generation: ${shot.completeness.missing.join(', ')}` : '  not ready: at risk',
    ...(shot.completeness.complete ? shot.readiness.reasons.map((r) => `    ${r}`) : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerPlanCommands(program: Command) {
  const project = (c: Command) => withRemote(c).requiredOption('--project <code>', 'project code');

  project(
    program
      .command('import')
      .description('Import into a project')
      .command('fountain')
      .description(needs('Import or re-import a Fountain screenplay: scenes, excerpts, characters; a change is a new script revision', 'importFountain'))
      .argument('<file>', 'a .fountain file')
      .option('--preview', 'only say what the import would change; nothing is written'),
  ).action(async (file: string, opts: Common & { preview?: boolean }) => {
    const text = readText(file);
    const client = remoteClient(opts);
    const p = await findProject(client, opts.project);
    status(`${opts.preview ? 'Previewing' : 'Importing'} ${basename(file)} (${(text.length / 1024).toFixed(0)} KiB) into ${p.code}…`);
    const body = { text, fileName: basename(file) };
    const report = opts.preview ? await client.previewFountainImport({ params: { projectId: p.id }, body }) : await client.importFountain({ params: { projectId: p.id }, body });
    status('');
    if (opts.json) return printJson(report);
    const verb = opts.preview ? 'Importing' : 'Imported';
    const out = [
      `${verb} ${basename(file)}${report.title ? ` (“${report.title}”)` : ''} into ${p.code}${opts.preview ? ' would change:' : ':'}`,
      `  revision: ${report.revision ? `${report.revision.number} (${report.revision.colour})` : 'none (no scene changes)'}`,
      `  ${report.added.length} scenes added${report.added.length ? `: ${report.added.map((s) => s.number).join(', ')}` : ''}`,
      `  ${report.changed.length} changed${report.changed.length ? `: ${report.changed.map((s) => `${s.number} (${(s.parts.length ? s.parts : s.fields).join(', ')})`).join('; ')}` : ''}`,
      `  ${report.unchanged.length} left alone`,
      `  ${report.omitted.length} omitted (gone from this draft, kept with their shots)${report.omitted.length ? `: ${report.omitted.map((s) => s.number).join(', ')}` : ''}`,
      `  characters: ${report.characters.added.length} new${report.characters.added.length ? ` (${report.characters.added.join(', ')})` : ''}, ${report.characters.existing.length} already known`,
    ];
    if (opts.preview) out.push('Nothing was written. Run without --preview to import.');
    process.stdout.write(`${out.join('\n')}\n`);
  });

  const scenes = program.command('scenes').description('Scenes (via the server)');
  project(scenes.command('list').description(needs('Scenes in order', 'listScenes'))).action(async (opts: Common) => {
    const client = remoteClient(opts);
    const p = await findProject(client, opts.project);
    const list = await allScenes(client, p.id);
    if (opts.json) return printJson(list);
    if (!list.length) return void process.stdout.write(`No scenes yet. Import a screenplay: backlot import fountain FILE --project ${p.code}\n`);
    printTable(
      ['#', 'HEADING', 'SHOTS', 'CHARACTERS', 'STATE'],
      list.map((s) => [s.number, s.heading, String(s.shotCount), s.characters.join(', '), s.omitted ? 'omitted' : '']),
    );
  });

  project(
    scenes
      .command('numbering')
      .description(needs('Show, lock or unlock scene numbers: once locked, a new scene between 50 and 51 becomes 50A and a cut scene stays as 50 OMITTED', 'getSceneNumbering', 'setSceneNumbering')),
  )
    .argument('[change]', 'lock or unlock (leave out to show)')
    .action(async (change: string | undefined, opts: Common) => {
      if (change !== undefined && change !== 'lock' && change !== 'unlock') throw new UsageError(`numbering takes lock or unlock, not ${change}`);
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      const numbering = change ? await client.setSceneNumbering({ params: { projectId: p.id }, body: { locked: change === 'lock' } }) : await client.getSceneNumbering({ params: { projectId: p.id } });
      if (opts.json) return printJson(numbering);
      process.stdout.write(
        numbering.locked
          ? `Scene numbers in ${p.code} are locked${numbering.lockedBy ? ` (by ${numbering.lockedBy.name}, ${numbering.lockedAt?.slice(0, 10)})` : ''}: new scenes are lettered, cut scenes stay as OMITTED.\n`
          : `Scene numbers in ${p.code} are not locked: a re-import numbers scenes as the script does.\n`,
      );
    });

  project(scenes.command('revisions').description(needs('Script revisions, newest first: date, colour and the scenes each changed', 'listRevisions'))).action(async (opts: Common) => {
    const client = remoteClient(opts);
    const p = await findProject(client, opts.project);
    const list = await client.listRevisions({ params: { projectId: p.id } });
    if (opts.json) return printJson(list);
    if (!list.revisions.length) return void process.stdout.write(`No script revisions yet. Import a screenplay: backlot import fountain FILE --project ${p.code}\n`);
    printTable(
      ['REV', 'COLOUR', 'DATE', 'BY', 'FILE', 'SCENES'],
      [...list.revisions]
        .sort((a, b) => b.number - a.number)
        .map((r) => [String(r.number), r.colour, r.at.slice(0, 10), r.author.name, r.fileName ?? '', r.scenes.map((s) => `${s.number} ${s.change}`).join(', ')]),
    );
    process.stdout.write(`Numbering: ${list.numbering.locked ? 'locked' : 'not locked'}\n`);
  });

  const shots = program.command('shots').description('Shots (via the server)');
  project(shots.command('list').description(needs('Shots in order with their plans', 'listShots', 'listScenes')))
    .option('--scene <number>', 'only this scene')
    .action(async (opts: Common & { scene?: string }) => {
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      let sceneId: string | undefined;
      if (opts.scene) {
        const list = await allScenes(client, p.id);
        sceneId = list.find((s) => s.number === opts.scene!.toUpperCase())?.id;
        if (!sceneId) throw new UsageError(`${p.code} has no scene ${opts.scene}`);
      }
      const list = await allShots(client, p.id, sceneId);
      if (opts.json) return printJson(list);
      if (!list.length) return void process.stdout.write('No shots yet.\n');
      printTable(
        ['CODE', 'SCENE', 'STATUS', 'SIZE', 'MOVE', 'JOB', 'PLAN', 'READY'],
        list.map((s) => [s.code, s.sceneNumber, s.status, s.plan.camera.size ?? '', s.plan.camera.movement ?? '', s.plan.job, `v${s.planVersion}${s.locked ? ' locked' : ''}`, readyCell(s)]),
      );
    });

  project(program.command('shot').description('One shot').command('show').description(needs("A shot's plan", 'listShots')).argument('<code>', 'shot code, e.g. SC012_SH030')).action(
    async (code: string, opts: Common) => {
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      const list = await allShots(client, p.id);
      const shot = list.find((s) => s.code === code.toUpperCase());
      if (!shot) throw new UsageError(`${p.code} has no shot ${code}`);
      if (opts.json) return printJson(shot);
      printShot(shot);
    },
  );

  const shotlist = program.command('shotlist').description('Shot lists as CSV or JSON (via the server)');
  project(shotlist.command('export').description(needs("Export the project's (or a scene's) shot list", 'exportShotList', 'listScenes')))
    .option('--format <format>', 'csv or json', 'csv')
    .option('--scene <number>', 'only this scene')
    .option('-o, --output <file>', 'write to this file (default: standard output)')
    .action(async (opts: Common & { format: string; scene?: string; output?: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'json') throw new UsageError('--format must be csv or json');
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      let sceneId: string | undefined;
      if (opts.scene) {
        const list = await allScenes(client, p.id);
        sceneId = list.find((s) => s.number === opts.scene!.toUpperCase())?.id;
        if (!sceneId) throw new UsageError(`${p.code} has no scene ${opts.scene}`);
      }
      const exported = await client.exportShotList({ params: { projectId: p.id }, query: { format: opts.format, sceneId } });
      if (opts.output) {
        writeFileSync(opts.output, exported.content);
        process.stderr.write(`Wrote ${opts.output}\n`);
      } else process.stdout.write(exported.content);
    });

  project(shotlist.command('import').description(needs('Import a shot list (CSV or JSON); good rows are saved, bad ones reported', 'importShotList')).argument('<file>'))
    .option('--format <format>', 'csv or json (default: from the file name)')
    .action(async (file: string, opts: Common & { format?: string }) => {
      const format = opts.format ?? (file.toLowerCase().endsWith('.json') ? 'json' : 'csv');
      if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
      const content = readText(file);
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      const report = await client.importShotList({ params: { projectId: p.id }, body: { format, content } });
      if (opts.json) return printJson(report);
      process.stdout.write(`${report.created} shots created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.errors.length} rows refused\n`);
      for (const e of report.errors) process.stdout.write(`  row ${e.row}${e.field ? ` (${e.field})` : ''}: ${e.message}\n`);
      if (report.errors.length) process.exitCode = 1;
    });
}

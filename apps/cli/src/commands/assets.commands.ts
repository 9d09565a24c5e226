/** References from the command line: upload files (with a progress bar), list the library, change clearance. */
import { createReadStream, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { ASSET_KINDS, CLEARANCE_STATES, type Asset, type AssetKind } from '@backlot/contracts';
import { ApiError, buildPath } from '@backlot/contracts/client';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { needs, printJson, printTable } from '../output.ts';
import { findProject, remoteClient, remoteServer, type RemoteOptions, UsageError } from '../remote.ts';
import { withRemote } from './projects.commands.ts';

type Common = RemoteOptions & { json?: boolean; project: string };

/** Streams one file as a multipart/form-data body with a known length, counting bytes as they go. */
function multipartBody(file: string, field: string, onBytes: (n: number) => void) {
  const boundary = `----backlot${Date.now().toString(16)}`;
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="${basename(file).replace(/"/g, '')}"\r\ncontent-type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = statSync(file).size;
  async function* parts() {
    yield head;
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      onBytes((chunk as Buffer).length);
      yield chunk as Buffer;
    }
    yield tail;
  }
  return { body: Readable.from(parts()), length: head.length + size + tail.length, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function uploadVersion(opts: RemoteOptions, projectId: string, assetId: string, file: string, onBytes: (n: number) => void) {
  const { server, token } = remoteServer(opts);
  const { body, length, contentType } = multipartBody(file, 'main', onBytes);
  const res = await fetch(`${server}/api/v1${buildPath('/projects/:projectId/assets/:assetId/versions', { projectId, assetId })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': String(length) },
    body: body as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit);
  const data = (await res.json().catch(() => ({}))) as { version?: number; error?: { code: string; message: string; field?: string } };
  if (!res.ok) throw new ApiError(res.status, data.error?.code ?? 'internal', data.error?.message ?? `HTTP ${res.status}`, data.error?.field);
  return data.version!;
}

export function registerAssetCommands(program: Command) {
  const project = (c: Command) => withRemote(c).requiredOption('--project <code>', 'project code');
  const assets = program.command('assets').description('References (via the server)');

  project(
    assets
      .command('upload')
      .description(needs('Upload files as references (a new version when the name exists)', 'listAssets', 'createAsset'))
      .argument('<files...>'),
  )
    .requiredOption('--kind <kind>', ASSET_KINDS.join(', '))
    .option('--name <name>', 'reference name (one file only; default: the file name)')
    .action(async (files: string[], opts: Common & { kind: string; name?: string }) => {
      if (!ASSET_KINDS.includes(opts.kind as AssetKind)) throw new UsageError(`--kind must be one of ${ASSET_KINDS.join(', ')}`);
      if (opts.name && files.length > 1) throw new UsageError('--name works with one file; several files are named after themselves');
      const sizes = files.map((f) => {
        try {
          return statSync(f).size;
        } catch {
          throw new UsageError(`cannot read ${f}`);
        }
      });
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      const existing = new Map((await client.listAssets({ params: { projectId: p.id }, query: { kind: opts.kind as AssetKind } })).assets.map((a) => [a.name.toLowerCase(), a]));
      const bar = new cliProgress.SingleBar(
        { format: 'Uploading {file} |{bar}| {percentage}% · {value}/{total} MiB', hideCursor: true, noTTYOutput: false, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      const total = sizes.reduce((a, b) => a + b, 0);
      const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
      let sent = 0;
      if (process.stderr.isTTY) bar.start(mib(total), 0, { file: '' });
      const results: { file: string; name: string; version?: number; error?: string }[] = [];
      for (const file of files) {
        const name = opts.name ?? basename(file, extname(file));
        let created: Asset | undefined;
        try {
          const asset = existing.get(name.toLowerCase()) ?? (created = await client.createAsset({ params: { projectId: p.id }, body: { kind: opts.kind as AssetKind, name } }));
          existing.set(name.toLowerCase(), asset as Asset);
          const version = await uploadVersion(opts, p.id, asset.id, file, (n) => {
            sent += n;
            if (process.stderr.isTTY) bar.update(mib(sent), { file: basename(file) });
          });
          results.push({ file, name, version });
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          // A reference made for a file that was refused is removed again: nothing is kept.
          if (created) {
            await client.removeAsset({ params: { projectId: p.id, assetId: created.id } });
            existing.delete(name.toLowerCase());
          }
          results.push({ file, name, error: err.message });
        }
      }
      if (process.stderr.isTTY) bar.stop();
      if (opts.json) printJson(results);
      else for (const r of results) process.stdout.write(r.error ? `refused  ${r.file}: ${r.error}\n` : `uploaded ${r.file} → ${r.name} v${r.version}\n`);
      if (results.some((r) => r.error)) process.exitCode = 1;
    });

  project(assets.command('list').description(needs('The reference library', 'listAssets')))
    .option('--kind <kind>')
    .option('--clearance <state>')
    .option('--tag <tag>')
    .action(async (opts: Common & { kind?: string; clearance?: string; tag?: string }) => {
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      const { assets: list } = await client.listAssets({ params: { projectId: p.id }, query: { kind: opts.kind as AssetKind, clearance: opts.clearance as never, tag: opts.tag } });
      if (opts.json) return printJson(list);
      if (!list.length) return void process.stdout.write(`No references yet. Upload some: backlot assets upload FILE --kind character --project ${p.code}\n`);
      printTable(
        ['NAME', 'KIND', 'VERSION', 'LOCKED', 'CLEARANCE', 'RIGHTS'],
        list.map((a) => [a.name, a.kind, `v${a.currentVersion}`, a.lockedVersion ? `v${a.lockedVersion}` : '—', a.clearance, a.rights.atRisk ? `AT RISK: ${a.rights.reasons.join('; ')}` : 'ok']),
      );
    });

  project(
    assets
      .command('clear')
      .description(needs("Change a reference's clearance, saying why", 'listAssets', 'setClearance'))
      .argument('<name>', 'reference name'),
  )
    .requiredOption('--state <state>', CLEARANCE_STATES.join(', '))
    .requiredOption('--reason <text>', 'why (kept in the clearance history)')
    .option('--kind <kind>', 'when two kinds share the name')
    .action(async (name: string, opts: Common & { state: string; reason: string; kind?: string }) => {
      if (!CLEARANCE_STATES.includes(opts.state as never)) throw new UsageError(`--state must be one of ${CLEARANCE_STATES.join(', ')}`);
      const client = remoteClient(opts);
      const p = await findProject(client, opts.project);
      const matches = (await client.listAssets({ params: { projectId: p.id }, query: { kind: opts.kind as AssetKind } })).assets.filter((a) => a.name.toLowerCase() === name.toLowerCase());
      if (matches.length === 0) throw new UsageError(`${p.code} has no reference named ${name}`);
      if (matches.length > 1) throw new UsageError(`several references are named ${name}; add --kind (${matches.map((m) => m.kind).join(', ')})`);
      const asset = await client.setClearance({ params: { projectId: p.id, assetId: matches[0].id }, body: { clearance: opts.state as never, reason: opts.reason } });
      if (opts.json) return printJson(asset);
      process.stdout.write(`${asset.name} is now ${asset.clearance}${asset.rights.atRisk ? ` — at risk: ${asset.rights.reasons.join('; ')}` : ''}\n`);
    });
}

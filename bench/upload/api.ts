/**
 * Upload bench through the HTTP API: a large video file (2 GiB by default, uncompressed so it is
 * quick to make and a real video) uploaded as a reference to a running server, for each blob store.
 * Prints throughput, its ratio to a plain disk copy of the same file made in the same run, and the
 * server's peak RSS growth during the upload (limit 64 MiB).
 *
 *   node --import tsx bench/upload/api.ts [--size-mb 2048] [--store disk|s3|both]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { startLocalS3, type LocalS3 } from '../../apps/server/src/adapters/storage/s3.local-server.ts';
import { CLI_BIN, startServer } from '../../e2e/support/server.ts';

const MiB = 1024 * 1024;
const RSS_LIMIT_MIB = 64;
const { values: args } = parseArgs({ options: { 'size-mb': { type: 'string', default: '2048' }, store: { type: 'string', default: 'both' } } });
const sizeMiB = Number(args['size-mb']);
const stores = args.store === 'both' ? ['disk', 's3'] : [args.store!];
const work = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'backlot-upload-api-'));
let s3: LocalS3 | undefined;

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** An uncompressed 1280×720 video of about the size asked: real media, made at disk speed. */
function makeVideo(path: string): void {
  const frameBytes = 1280 * 720 * 1.5;
  const frames = Math.ceil((sizeMiB * MiB) / frameBytes);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=1280x720:rate=24', '-frames:v', String(frames), '-c:v', 'rawvideo', '-pix_fmt', 'yuv420p', path]);
}

function cli(args: string[], env: Record<string, string>, input = ''): string {
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, ...env }, input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`backlot ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function uploadThroughApi(store: string, file: string) {
  const env: Record<string, string> = { BACKLOT_LOG_LEVEL: 'warn' };
  if (store === 's3') {
    s3 ??= await startLocalS3(join(work, 's3'));
    const bucket = `bench-${Date.now()}`;
    await s3.createBucket(bucket);
    const o = s3.options(bucket);
    Object.assign(env, {
      BACKLOT_STORAGE: 's3',
      BACKLOT_S3_ENDPOINT: o.endpoint!,
      BACKLOT_S3_BUCKET: bucket,
      BACKLOT_S3_ACCESS_KEY_ID: o.accessKeyId,
      BACKLOT_S3_SECRET_ACCESS_KEY: o.secretAccessKey,
    });
  }
  const server = await startServer({ dataDir: join(work, `data-${store}`), env });
  try {
    const direct = { ...env, BACKLOT_DATA_DIR: server.dataDir };
    cli(['user', 'create', '--email', 'bench@example.com', '--name', 'Bench', '--admin', '--password-stdin'], direct, 'a-long-password-1\n');
    const token = JSON.parse(cli(['token', 'create', '--email', 'bench@example.com', '--name', 'bench', '--json'], direct)).secret as string;
    const api = async (path: string, body: unknown) =>
      (await fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
    const { project } = await api('/projects', { name: 'Bench', code: 'BENCH' });
    const asset = await api(`/projects/${project.id}/assets`, { kind: 'reference-video', name: 'Long take' });

    const pid = server.process.pid!;
    const baseline = rssKiB(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(pid))), 50);
    const boundary = '----backlotbench';
    const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="main"; filename="long.mkv"\r\ncontent-type: video/x-matroska\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const size = statSync(file).size;
    const started = process.hrtime.bigint();
    const status = await new Promise<number>((done, fail) => {
      const req = request(`${server.url}/api/v1/projects/${project.id}/assets/${asset.id}/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length) },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      });
      req.on('error', fail);
      req.write(head);
      const src = createReadStream(file, { highWaterMark: MiB });
      src.on('data', (chunk) => {
        if (!req.write(chunk)) src.pause();
      });
      req.on('drain', () => src.resume());
      src.on('end', () => req.end(tail));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    if (status !== 201) throw new Error(`upload answered ${status}`);
    return { seconds, rate: size / MiB / seconds, growthMiB: (peak - baseline) / 1024 };
  } finally {
    await server.stop();
  }
}

async function main() {
  const file = join(work, 'long.mkv');
  console.log(`Making a ${sizeMiB} MiB uncompressed video…`);
  makeVideo(file);
  const size = statSync(file).size;
  const copyStart = process.hrtime.bigint();
  await pipeline(createReadStream(file, { highWaterMark: MiB }), createWriteStream(join(work, 'copy.mkv')));
  const copySeconds = Number(process.hrtime.bigint() - copyStart) / 1e9;
  rmSync(join(work, 'copy.mkv'));
  const copyRate = size / MiB / copySeconds;
  console.log(`Plain disk copy: ${copyRate.toFixed(0)} MiB/s (load average ${loadavg()[0].toFixed(2)})\n`);
  console.log('store  size MiB   seconds   MiB/s   × copy   server RSS growth (limit 64 MiB)');
  for (const store of stores) {
    const r = await uploadThroughApi(store, file);
    console.log(
      `${store.padEnd(5)}  ${String(Math.round(size / MiB)).padStart(8)}  ${r.seconds.toFixed(1).padStart(8)}  ${r.rate.toFixed(0).padStart(6)}  ${(r.rate / copyRate).toFixed(2).padStart(7)}   ${r.growthMiB.toFixed(1)} MiB ${r.growthMiB <= RSS_LIMIT_MIB ? 'ok' : 'OVER THE LIMIT'}`,
    );
  }
  console.log(
    '\nThrough the API an upload is streamed to a staging file, identified (ffprobe, a decoded first frame),\nstored in the blob store from that file while hashed, and given a poster and thumbnail: the ratio counts all of it.',
  );
}

try {
  await main();
} finally {
  await s3?.close().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}

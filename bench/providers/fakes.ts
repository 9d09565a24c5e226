/**
 * The fake server of each adapter in the provider bench, started with its fixed latency and the
 * bench's credential, answering with the Backlot environment that points the adapter at it.
 * `fake-host.ts` runs one in a process of its own, so its CPU is neither the worker's nor the
 * bench's.
 */
import { comfyFakeEnv, startComfyFake } from '../../apps/server/test/fakes/comfyui.fake.ts';
import { falFakeEnv, startFalFake } from '../../apps/server/test/fakes/fal.fake.ts';
import { higgsfieldFakeEnv, startHiggsfieldFake } from '../../apps/server/test/fakes/higgsfield.fake.ts';
import { klingFakeEnv, startKlingFake } from '../../apps/server/test/fakes/kling.fake.ts';
import { lumaFakeEnv, startLumaFake } from '../../apps/server/test/fakes/luma.fake.ts';
import { replicateFakeEnv, startReplicateFake } from '../../apps/server/test/fakes/replicate.fake.ts';
import { runwayFakeEnv, startRunwayFake } from '../../apps/server/test/fakes/runway.fake.ts';
import { seedanceFakeEnv, startSeedanceFake } from '../../apps/server/test/fakes/seedance.fake.ts';

/** The credential each adapter's key is set to, as Backlot stores it (`access:secret` where the provider has two parts). */
export const SECRETS = {
  seedance: 'ark-bench-key-0000000000',
  runway: 'key_runway-bench-0123456789',
  luma: 'luma-bench-key-0123456789',
  kling: 'AK-bench-0123:SK-bench-secret-4567',
  higgsfield: 'hf-key-id-bench:hf-key-secret-bench',
  fal: 'fal-key-id-bench:fal-key-secret-bench',
  replicate: 'r8_bench0123456789abcdef',
} as const;

export type FakeName = 'seedance' | 'runway' | 'luma' | 'kling' | 'higgsfield' | 'fal' | 'replicate' | 'comfyui';

/** A fake's getters read once it is up. */
const resolved = (env: Record<string, string>) => ({ ...env });

/** Starts the named fake: every task takes `latencyMs` from its creation; Runway's account allows `concurrency` at once. */
export async function startFake(name: FakeName, latencyMs: number, concurrency: number): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  switch (name) {
    case 'seedance': {
      const fake = await startSeedanceFake({ clipSeconds: 1 });
      fake.keys.add(SECRETS.seedance);
      fake.latencyMs = latencyMs;
      return { env: resolved(seedanceFakeEnv(() => fake)), close: () => fake.close() };
    }
    case 'runway': {
      const fake = await startRunwayFake({ clipSeconds: 1 });
      fake.keys.add(SECRETS.runway);
      // The account's own limit at Runway: past it a task waits THROTTLED.
      fake.concurrency = concurrency;
      fake.latencyMs = latencyMs;
      return { env: resolved(runwayFakeEnv(() => fake)), close: () => fake.close() };
    }
    case 'luma': {
      const fake = await startLumaFake();
      fake.keys.add(SECRETS.luma);
      fake.latencyMs = latencyMs;
      return { env: resolved(lumaFakeEnv(() => fake)), close: () => fake.close() };
    }
    case 'kling': {
      const fake = await startKlingFake({ clipSeconds: 1 });
      const [access, secret] = SECRETS.kling.split(':');
      fake.keys.set(access, secret);
      fake.latencyMs = latencyMs;
      return { env: resolved(klingFakeEnv(() => fake)), close: () => fake.close() };
    }
    case 'higgsfield': {
      const fake = await startHiggsfieldFake();
      fake.credentials.add(SECRETS.higgsfield);
      fake.latencyMs = latencyMs;
      return { env: resolved(higgsfieldFakeEnv(() => fake)), close: () => fake.close() };
    }
    case 'fal': {
      const fake = await startFalFake();
      fake.keys.add(SECRETS.fal);
      fake.latencyMs = latencyMs;
      return { env: resolved(falFakeEnv(() => fake)), close: () => fake.close() };
    }
    case 'replicate': {
      const fake = await startReplicateFake({ clipSeconds: 1 });
      fake.addToken(SECRETS.replicate);
      fake.latencyMs = latencyMs;
      return { env: resolved(replicateFakeEnv(() => fake)), close: () => fake.close() };
    }
    case 'comfyui': {
      // Already timed: a prompt runs `runMs` once the one before it is done (one GPU), after `pendingMs` in the queue.
      const fake = await startComfyFake();
      fake.pendingMs = 0;
      fake.runMs = latencyMs;
      return { env: resolved(comfyFakeEnv(() => fake)), close: () => fake.close() };
    }
  }
}

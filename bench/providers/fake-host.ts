/**
 * Runs one fake of the provider bench in this process: `fake-host.ts NAME LATENCY_MS CONCURRENCY`.
 * Sends `{ env }` over IPC once listening; closes the fake and exits when the bench disconnects.
 */
import { startFake, type FakeName } from './fakes.ts';

const [name, latency, concurrency] = process.argv.slice(2);
const fake = await startFake(name as FakeName, Number(latency), Number(concurrency));
process.send!({ env: fake.env });
process.once('disconnect', () => {
  void fake.close().finally(() => process.exit(0));
});

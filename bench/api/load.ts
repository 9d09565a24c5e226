/** HTTP load on one route with autocannon, from this process, against the server's. */
import autocannon from 'autocannon';
import { Samples } from './stats.ts';

export interface LoadResult {
  url: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** Response times as measured by the client, every response counted (not autocannon's 1 ms buckets). */
  p50: number;
  p99: number;
  mean: number;
  /** Answers other than 2xx, by status; must be empty. */
  non2xx: Record<string, number>;
  non2xxCount: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  bytesPerSecond: number;
}

export function runLoad(url: string, options: { seconds: number; connections: number; headers: Record<string, string> }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const samples = new Samples();
    const non2xx: Record<string, number> = {};
    const instance = autocannon({ url, connections: options.connections, duration: options.seconds, headers: options.headers, timeout: 10 }, (err, result) => {
      if (err) return reject(err);
      const s = samples.summary();
      resolve({
        url,
        connections: options.connections,
        seconds: result.duration,
        requests: s.count,
        perSecond: s.count / result.duration,
        p50: s.p50,
        p99: s.p99,
        mean: s.mean,
        non2xx,
        non2xxCount: Object.values(non2xx).reduce((a, b) => a + b, 0),
        errors: result.errors,
        timeouts: result.timeouts,
        bytesPerSecond: result.throughput.average,
      });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      samples.add(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx[statusCode] = (non2xx[statusCode] ?? 0) + 1;
    });
  });
}

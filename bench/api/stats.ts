/** Latency samples, percentiles and the printed table. */

/** A growable list of durations in milliseconds. */
export class Samples {
  private data = new Float64Array(1 << 16);
  private n = 0;

  add(ms: number) {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = ms;
  }

  get count() {
    return this.n;
  }

  /** p50, p99 and the mean (nearest-rank percentiles over every sample). */
  summary(): LatencySummary {
    if (this.n === 0) return { count: 0, p50: NaN, p99: NaN, mean: NaN, max: NaN };
    const sorted = this.data.slice(0, this.n).sort();
    const at = (p: number) => sorted[Math.min(this.n - 1, Math.max(0, Math.ceil(p * this.n) - 1))];
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += sorted[i];
    return { count: this.n, p50: at(0.5), p99: at(0.99), mean: sum / this.n, max: sorted[this.n - 1] };
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

export function ms(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return v < 10 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(1);
}

export function rate(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return Math.round(v).toLocaleString('en-US');
}

export function times(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return `${v.toFixed(v < 10 ? 2 : 1)}×`;
}

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

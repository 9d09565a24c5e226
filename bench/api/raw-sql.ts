/**
 * The SQL each route runs, written by hand and run as directly as the driver allows: the limit
 * a route is compared with.
 *
 * A Bearer request first finds its token and its account (health too, when a token is sent);
 * a project route then checks membership; then the route's own reads. The statements below are
 * those, in the same order, with the same data dependencies (the account id comes from the token
 * row). Not included: the token's `last_used_at` write, which happens at most once a minute.
 *
 * SQLite: one better-sqlite3 connection with prepared statements in a synchronous loop, which is
 * how the server uses its single connection. PostgreSQL: a pg Pool of `connections` clients with
 * named (prepared) statements and `connections` concurrent loops, as the server's pool of 10.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Samples } from './stats.ts';

export type RawRoute = 'health' | 'project' | 'members' | 'audit';

export interface RawTarget {
  tokenHash: string;
  projectId: string;
  chain: string;
  auditLimit: number;
}

/** The statements, with ? placeholders; PostgreSQL gets $1, $2… */
export const SQL = {
  token: 'select * from api_tokens where token_hash = ?',
  account: 'select * from accounts where id = ?',
  access: 'select m.role, p.closed_at from project_members m inner join projects p on p.id = m.project_id where m.project_id = ? and m.account_id = ?',
  project: 'select * from projects where id = ?',
  members:
    'select m.project_id, m.account_id, m.role, m.created_at, a.name, a.email from project_members m inner join accounts a on a.id = m.account_id where m.project_id = ? order by m.created_at, m.account_id',
  auditPage: 'select * from audit_events where chain = ? order by seq desc limit ?',
  auditHead: 'select "count", last_hash from audit_heads where chain = ?',
} as const;

type Statement = keyof typeof SQL;

/** Which statements stand behind each route, in order (the audit page and head run side by side). */
export const ROUTE_SQL: Record<RawRoute, Statement[]> = {
  health: ['token', 'account'],
  project: ['token', 'account', 'access', 'project'],
  members: ['token', 'account', 'access', 'members'],
  audit: ['token', 'account', 'access', 'auditPage', 'auditHead'],
};

export interface RawResult {
  statements: string[];
  concurrency: number;
  iterations: number;
  perSecond: number;
  p50: number;
  p99: number;
  mean: number;
  /** Rows the route's own read returned, as a sanity check. */
  rows: number;
}

function pgText(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

export interface RawRunner {
  run(route: RawRoute, seconds: number, warmupSeconds: number): Promise<RawResult>;
  close(): Promise<void>;
}

export function sqliteRunner(file: string, target: RawTarget): RawRunner {
  const db = new SQLite(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const st = Object.fromEntries(Object.entries(SQL).map(([k, v]) => [k, db.prepare(v)])) as Record<Statement, SQLite.Statement>;

  const auth = () => {
    const token = st.token.get(target.tokenHash) as { account_id: string };
    const account = st.account.get(token.account_id) as { id: string };
    return account.id;
  };
  const access = (accountId: string) => {
    if (!st.access.get(target.projectId, accountId)) throw new Error('raw SQL: the owner is not a member');
  };
  const plans: Record<RawRoute, () => number> = {
    health: () => (auth() ? 1 : 0),
    project: () => {
      access(auth());
      return st.project.get(target.projectId) ? 1 : 0;
    },
    members: () => {
      access(auth());
      return st.members.all(target.projectId).length;
    },
    audit: () => {
      access(auth());
      const rows = st.auditPage.all(target.chain, target.auditLimit).length;
      st.auditHead.get(target.chain);
      return rows;
    },
  };

  return {
    async run(route, seconds, warmupSeconds) {
      const plan = plans[route];
      let end = performance.now() + warmupSeconds * 1000;
      while (performance.now() < end) plan();
      const samples = new Samples();
      let rows = 0;
      const start = performance.now();
      end = start + seconds * 1000;
      for (let now = start; now < end; ) {
        rows = plan();
        const after = performance.now();
        samples.add(after - now);
        now = after;
      }
      const elapsed = (performance.now() - start) / 1000;
      const s = samples.summary();
      return { statements: ROUTE_SQL[route].map((k) => SQL[k]), concurrency: 1, iterations: s.count, perSecond: s.count / elapsed, p50: s.p50, p99: s.p99, mean: s.mean, rows };
    },
    async close() {
      db.close();
    },
  };
}

export function postgresRunner(url: string, target: RawTarget, connections: number): RawRunner {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const q = async (name: Statement, values: unknown[]) => (await pool.query({ name: `bench_${name}`, text: pgText(SQL[name]), values })).rows;

  const auth = async () => {
    const [token] = await q('token', [target.tokenHash]);
    const [account] = await q('account', [token.account_id]);
    return account.id as string;
  };
  const access = async (accountId: string) => {
    if ((await q('access', [target.projectId, accountId])).length === 0) throw new Error('raw SQL: the owner is not a member');
  };
  const plans: Record<RawRoute, () => Promise<number>> = {
    health: async () => ((await auth()) ? 1 : 0),
    project: async () => {
      await access(await auth());
      return (await q('project', [target.projectId])).length;
    },
    members: async () => {
      await access(await auth());
      return (await q('members', [target.projectId])).length;
    },
    audit: async () => {
      await access(await auth());
      const [page] = await Promise.all([q('auditPage', [target.chain, target.auditLimit]), q('auditHead', [target.chain])]);
      return page.length;
    },
  };

  /** `connections` loops until the deadline; each records its own iterations. */
  async function loops(plan: () => Promise<number>, until: number, samples?: Samples) {
    let rows = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          rows = await plan();
          samples?.add(performance.now() - t);
        }
      }),
    );
    return rows;
  }

  return {
    async run(route, seconds, warmupSeconds) {
      const plan = plans[route];
      await loops(plan, performance.now() + warmupSeconds * 1000);
      const samples = new Samples();
      const start = performance.now();
      const rows = await loops(plan, start + seconds * 1000, samples);
      const elapsed = (performance.now() - start) / 1000;
      const s = samples.summary();
      return { statements: ROUTE_SQL[route].map((k) => SQL[k]), concurrency: connections, iterations: s.count, perSecond: s.count / elapsed, p50: s.p50, p99: s.p99, mean: s.mean, rows };
    },
    close: () => pool.end(),
  };
}

/**
 * An audit chain, newest first, a page at a time, with "Verify chain": the server recomputes
 * every hash and says whether the chain is intact or lists every event that is not, with a count.
 */
import type { AuditEvent, ChainVerification } from '@backlot/contracts';
import { useState } from 'react';
import { formatWhen, shortHash } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';

export interface AuditPageAnswer {
  events: AuditEvent[];
  nextBefore: number | null;
  total: number;
}

interface Props {
  /** Loads a page of events older than `before` (the newest page when undefined). */
  loadPage: (before: number | undefined) => Promise<AuditPageAnswer>;
  verify: () => Promise<ChainVerification>;
  /** Changes the log when it changes (e.g. the project id). */
  chainKey: string;
}

function VerifyResult({ result }: { result: ChainVerification }) {
  if (result.ok) return <Banner tone="ok">Chain intact: all {result.count} events verified, every hash matches.</Banner>;
  return (
    <Banner tone="error">
      <p>
        {result.badCount} {result.badCount === 1 ? 'event does' : 'events do'} not verify, of {result.count}. The events listed cannot be trusted; tell your Backlot admin.
      </p>
      <ul className="problems" aria-label="Events that do not verify">
        {result.problems.map((p) => (
          <li key={p.seq}>
            <span className="mono">#{p.seq}</span>: {p.problem}
          </li>
        ))}
      </ul>
    </Banner>
  );
}

export function AuditLog({ loadPage, verify, chainKey }: Props) {
  const first = useLoad(keys.audit.log(chainKey), () => loadPage(undefined));
  const [older, setOlder] = useState<AuditPageAnswer[]>([]);
  const more = useAction(loadPage);
  const check = useAction(verify);
  const [result, setResult] = useState<ChainVerification>();

  const pages = first.data ? [first.data, ...older] : [];
  const events = pages.flatMap((p) => p.events);
  const nextBefore = pages.length ? pages[pages.length - 1].nextBefore : null;

  return (
    <>
      <div className="toolbar">
        <span className="muted">{first.data ? `${events.length} of ${first.data.total} events, newest first` : ''}</span>
        <Button
          pending={check.pending}
          onClick={async () => {
            const r = await check.run();
            if (r) setResult(r);
          }}
        >
          Verify chain
        </Button>
      </div>
      {result && <VerifyResult result={result} />}
      {check.error ? <LoadError error={check.error} /> : null}
      {first.error ? <LoadError error={first.error} retry={first.reload} /> : null}
      {!first.data && !first.error && <Loading what="Loading the audit log" />}
      {first.data && events.length === 0 && <EmptyState title="Nothing recorded yet">Every change made here will be listed, with who made it and when.</EmptyState>}
      {events.length > 0 && (
        <Table label="Audit log" head={['#', 'When', 'Who', 'What', 'Summary', 'Hash']}>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="mono num">{e.seq}</td>
              <td className="nowrap" title={e.at}>
                {formatWhen(e.at)}
              </td>
              <td className="nowrap">{e.actor.name}</td>
              <td className="mono nowrap">{e.action}</td>
              <td>{e.summary}</td>
              <td className="mono muted" title={e.hash}>
                {shortHash(e.hash)}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {more.error ? <LoadError error={more.error} /> : null}
      {nextBefore !== null && (
        <div className="toolbar">
          <Button
            pending={more.pending}
            onClick={async () => {
              const page = await more.run(nextBefore);
              if (page) setOlder((o) => [...o, page]);
            }}
          >
            Older events
          </Button>
        </div>
      )}
    </>
  );
}

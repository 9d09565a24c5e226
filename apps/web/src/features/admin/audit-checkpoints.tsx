/**
 * The latest audit checkpoint (each chain's count and last hash), and a button to take one now and
 * download it. Kept outside Backlot, a checkpoint shows what the chain alone cannot: the newest
 * events deleted and the head rewritten (`backlot audit verify --checkpoint FILE`).
 */
import type { AuditCheckpointRecord } from '@backlot/contracts';
import { api } from '../../shared/api/client.ts';
import { downloadText } from '../../shared/lib/download.ts';
import { formatWhen, shortHash } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';

/** The file a checkpoint is saved as: its time in the name, so several sort by when they were taken. */
export function checkpointFileName(record: AuditCheckpointRecord): string {
  return `backlot-audit-checkpoint-${record.takenAt.replace(/[:.]/g, '-')}.json`;
}

function download(record: AuditCheckpointRecord) {
  downloadText(checkpointFileName(record), `${JSON.stringify(record.checkpoint, null, 2)}\n`, 'application/json');
}

/** `onTaken` runs after a checkpoint is taken (its own event is then the newest of the instance chain). */
export function AuditCheckpoints({ onTaken }: { onTaken?: (record: AuditCheckpointRecord) => void }) {
  const list = useLoad(keys.admin.checkpoints, () => api.listAuditCheckpoints());
  const take = useAction(async () => {
    const record = await api.takeAuditCheckpoint();
    download(record);
    list.setData((prev) => ({ checkpoints: [record, ...(prev?.checkpoints ?? [])] }));
    onTaken?.(record);
    return record;
  });

  if (list.error) return <LoadError error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading what="Loading audit checkpoints" />;
  const latest = list.data.checkpoints[0];
  const events = latest ? latest.checkpoint.chains.reduce((n, c) => n + c.count, 0) : 0;

  return (
    <>
      <div className="toolbar">
        <span className="muted">
          {latest ? (
            <>
              Latest: <span title={latest.takenAt}>{formatWhen(latest.takenAt)}</span> by {latest.takenBy.name} — {latest.checkpoint.chains.length}{' '}
              {latest.checkpoint.chains.length === 1 ? 'chain' : 'chains'}, {events} {events === 1 ? 'event' : 'events'}
            </>
          ) : (
            ''
          )}
        </span>
        <div className="page-actions">
          {latest && (
            <Button onClick={() => download(latest)} title="Save the latest checkpoint as a file">
              Download
            </Button>
          )}
          <Button variant="primary" pending={take.pending} onClick={() => void take.run()} title="Record every chain's count and last hash now, and save it as a file">
            Take checkpoint now
          </Button>
        </div>
      </div>
      {take.error ? <LoadError error={take.error} /> : null}
      {!latest && (
        <EmptyState title="No checkpoint yet">
          Take one and keep the file away from this server. Later, <span className="mono">backlot audit verify --checkpoint FILE</span> shows whether any chain lost its newest events since.
        </EmptyState>
      )}
      {latest && (
        <>
          <Banner tone="info">
            Keep checkpoint files away from this server. <span className="mono">backlot audit verify --checkpoint FILE</span> checks that every chain still extends one.
          </Banner>
          <Table label="Latest audit checkpoint" head={['Chain', 'Events', 'Last hash']}>
            {latest.checkpoint.chains.map((c) => (
              <tr key={c.chain}>
                <td className="nowrap">{c.label}</td>
                <td className="mono num">{c.count}</td>
                <td className="mono muted" title={c.lastHash}>
                  {shortHash(c.lastHash)}
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}

/**
 * The room: joining while the session page is open (a heartbeat every 10 s, leaving on the way
 * out), who is present now (the presenter marked), and the room's log, newest last.
 */
import type { Participant, RoomLogEntry } from '@backlot/contracts';
import { useEffect } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useLoad } from '../../shared/lib/use-load.ts';

/** The server forgets a participant after 30 s without a heartbeat. */
const HEARTBEAT_MS = 10_000;

/** Joins the room while mounted; `send` is the member's or the guest's presence call. */
export function usePresence(send: (kind: 'join' | 'heartbeat' | 'leave') => Promise<unknown>, enabled = true) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the room is named by the caller's key; the call itself may be a new closure each render
  useEffect(() => {
    if (!enabled) return;
    void send('join').catch(() => undefined);
    const beat = setInterval(() => void send('heartbeat').catch(() => undefined), HEARTBEAT_MS);
    return () => {
      clearInterval(beat);
      void send('leave').catch(() => undefined);
    };
    // The room is named by the caller's key; the call itself may be a new closure each render.
  }, [enabled]);
}

export function WhoIsHere({ participants, presenterName }: { participants: Participant[]; presenterName: string | null }) {
  return (
    <section className="dailies-here" aria-label="Who is here">
      <h2 className="side-panel-title">Here now ({participants.length})</h2>
      <ul className="dailies-people">
        {participants.map((p) => (
          <li key={p.key} data-participant={p.name}>
            {p.name}
            {p.kind === 'guest' && <span className="tag small">guest</span>}
            {presenterName === p.name && <span className="tag small">presenting</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RoomLog({ projectId, sessionId }: { projectId: string; sessionId: string }) {
  const log = useLoad(keys.dailies.log(projectId, sessionId), () => api.dailiesLog({ params: { projectId, sessionId } }));
  const entries: RoomLogEntry[] = log.data?.entries ?? [];
  return (
    <section className="dailies-log" aria-label="Room log">
      <h2 className="side-panel-title">Room log</h2>
      {entries.length === 0 ? (
        <p className="muted small">Nothing yet.</p>
      ) : (
        <ol className="dailies-log-list">
          {entries.map((e) => (
            <li key={e.id} className={`log-${e.kind}`}>
              <span className="mono faint small">{formatWhen(e.at)}</span> {e.who && <strong>{e.who}</strong>} {e.summary}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

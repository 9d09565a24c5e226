/**
 * The dailies room: the presenter's state, which every attendee's stream gets as it changes
 * (through the outbox or NOTIFY, so it reaches streams held by any server process), who is
 * present (heartbeats kept in the database, so every process sees the same room), and the room's
 * log: who joined and left, what was played when, each decision and note made in it.
 */
import type { Participant, PresenterState, PresenterStateInput, Role, RoomLogEntry } from '@backlot/contracts';
import { playedChange, presenceCutoff } from '../../domain/dailies/playlist.rules.ts';
import { fail } from '../../domain/errors.ts';
import { readsTakeDetail } from '../generate/take-presenter.ts';
import type { Clock } from '../../ports/clock.ts';
import type { DailiesSessionRecord, RoomLogRecord } from '../../ports/dailies-store.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Repos, Store } from '../../ports/store.ts';
import type { Actor } from '../audit/audit-append.ts';
import { takeCode } from '../generate/generate.service.ts';
import { announceDailies, logInRoom } from './room-log.ts';

export interface RoomDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  /** The session if the member may see it (the dailies service's check). */
  sessionFor(projectId: string, accountId: string, role: Role, sessionId: string): Promise<DailiesSessionRecord>;
}

/** Someone in the room: a member, or a guest on a review link. */
export interface RoomPerson {
  key: string;
  name: string;
  kind: 'member' | 'guest';
  actorId: string | null;
  guestId: string | null;
}

type ParsedPresenterInput = Required<Omit<PresenterStateInput, 'versionTakeId' | 'rate' | 'layout' | 'compareItemId' | 'wipe'>> & {
  versionTakeId: string | null;
  rate: number;
  layout: PresenterState['layout'];
  compareItemId: string | null;
  wipe: number;
};

/** A log line as a reader may see it: a viewer or guest never learns who decided, nor of internal notes (DESIGN.md §8). */
export function presentLog(entries: RoomLogRecord[], detail: boolean): RoomLogEntry[] {
  return entries
    .filter((e) => detail || e.data.visibility !== 'internal')
    .map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind as RoomLogEntry['kind'],
      ...(detail || e.kind !== 'decision' ? { who: e.actorName } : {}),
      guest: e.guestId !== null,
      takeId: e.takeId,
      takeCode: typeof e.data.takeCode === 'string' ? e.data.takeCode : null,
      summary: detail ? e.summary : typeof e.data.publicSummary === 'string' ? e.data.publicSummary : e.summary,
    }));
}

export function createRoomService(deps: RoomDeps) {
  const read = deps.store.read;

  /** The session for a change in the room: there and open. */
  async function openSession(tx: Repos, projectId: string, sessionId: string): Promise<DailiesSessionRecord> {
    const session = (await tx.dailies.findSession(projectId, sessionId)) ?? fail('dailies.not_found', 'No such dailies session in this project.');
    if (session.status === 'closed') fail('dailies.closed', `“${session.title}” is closed; its room is over.`);
    return session;
  }

  async function participants(repos: Repos, sessionId: string): Promise<Participant[]> {
    return (await repos.dailies.presence(sessionId, presenceCutoff(deps.clock.now()))).map((p) => ({ key: p.key, name: p.name, kind: p.kind, since: p.since }));
  }

  /** Joins, stays or leaves; arrivals and departures go into the log and onto the stream. */
  async function presence(projectId: string, sessionId: string, person: RoomPerson, kind: 'join' | 'heartbeat' | 'leave'): Promise<{ participants: Participant[] }> {
    return deps.store.transaction(async (tx) => {
      const session = await openSession(tx, projectId, sessionId);
      const at = deps.clock.now().toISOString();
      const participant = { key: person.key, name: person.name, kind: person.kind, since: at };
      const entry = { actorId: person.actorId, actorName: person.name, guestId: person.guestId };
      if (kind === 'leave') {
        if (await tx.dailies.removePresence(session.id, person.key)) {
          await logInRoom(tx, deps, session, { ...entry, kind: 'left', summary: `${person.name} left` }, at);
          await announceDailies(tx, { type: 'dailies.presence', projectId, sessionId, participant, present: false, at });
        }
      } else {
        const arrived = await tx.dailies.touchPresence({ sessionId: session.id, ...participant, lastSeen: at }, presenceCutoff(deps.clock.now()));
        if (arrived) {
          await logInRoom(tx, deps, session, { ...entry, kind: 'joined', summary: `${person.name} joined${person.kind === 'guest' ? ' (guest)' : ''}` }, at);
          await announceDailies(tx, { type: 'dailies.presence', projectId, sessionId, participant, present: true, at });
        }
      }
      return { participants: await participants(tx, session.id) };
    });
  }

  return {
    presence,
    participants: (sessionId: string) => participants(read, sessionId),

    /** A member joining, staying or leaving the room of a session they may see. */
    async memberPresence(actor: Actor & { accountId: string }, role: Role, projectId: string, sessionId: string, kind: 'join' | 'heartbeat' | 'leave') {
      await deps.sessionFor(projectId, actor.accountId, role, sessionId);
      return presence(projectId, sessionId, { key: actor.accountId, name: actor.name, kind: 'member', actorId: actor.accountId, guestId: null }, kind);
    },

    /**
     * Sets the presenter's state: the item (and version) on screen, play state, frame, layout.
     * Numbered under the session's lock, so attendees apply changes in order and ignore a stale
     * one; switching takes, playing and pausing go into the log.
     */
    async present(actor: Actor & { accountId: string }, projectId: string, sessionId: string, input: ParsedPresenterInput): Promise<PresenterState> {
      return deps.store.transaction(async (tx) => {
        await tx.dailies.lockSession(sessionId);
        const session = await openSession(tx, projectId, sessionId);
        // Only the items named, not the whole playlist: a presenter posts many times a second.
        const items = await tx.dailies.itemsByIds(
          session.id,
          [input.itemId, input.compareItemId].filter((x): x is string => x !== null),
        );
        const item = input.itemId === null ? null : (items.find((i) => i.id === input.itemId) ?? fail('dailies.item_not_found', 'itemId: no such item on this playlist.', 'itemId'));
        if (input.compareItemId !== null && !items.some((i) => i.id === input.compareItemId)) fail('dailies.item_not_found', 'compareItemId: no such item on this playlist.', 'compareItemId');
        const take = item ? await tx.takes.findById(projectId, item.takeId) : undefined;
        if (input.versionTakeId !== null) {
          // Another version of the item's take is a take of the same shot (its draft, its final, a regeneration).
          const version = await tx.takes.findById(projectId, input.versionTakeId);
          if (!take || !version || version.shotId !== take.shotId) fail('take.not_found', 'versionTakeId: no such version of the item’s take (a take of the same shot).', 'versionTakeId');
        }
        const at = deps.clock.now().toISOString();
        const state: PresenterState = {
          sessionId: session.id,
          seq: session.presenterSeq + 1,
          presenter: { id: actor.accountId, name: actor.name },
          itemId: input.itemId,
          takeId: take?.id ?? null,
          versionTakeId: input.versionTakeId,
          playing: input.playing,
          frame: input.frame,
          rate: input.rate,
          layout: input.layout,
          compareItemId: input.layout === 'single' ? null : input.compareItemId,
          wipe: input.wipe,
          at,
        };
        await tx.dailies.setPresenter(session.id, state);
        const change = playedChange(session.presenter, state);
        if (change && take) {
          const shot = await tx.shots.findById(projectId, take.shotId);
          const code = `${shot?.code ?? ''} ${takeCode(take.number)}`.trim();
          const what =
            change === 'switched'
              ? `showed ${code}${state.versionTakeId && state.versionTakeId !== take.id ? ' (another version)' : ''} at frame ${state.frame}`
              : change === 'played'
                ? `played ${code} from frame ${state.frame}`
                : change === 'paused'
                  ? `paused ${code} at frame ${state.frame}`
                  : `set the layout to ${state.layout.replace('_', ' ')} on ${code}`;
          await logInRoom(
            tx,
            deps,
            session,
            { kind: 'played', actorId: actor.accountId, actorName: actor.name, takeId: take.id, summary: `${actor.name} ${what}`, data: { takeCode: code, frame: state.frame, change } },
            at,
          );
        }
        await announceDailies(tx, { type: 'dailies.presenter', projectId, sessionId: session.id, state, at });
        return state;
      });
    },

    /** The room's log, oldest first, as the member may read it. */
    async log(accountId: string, role: Role, projectId: string, sessionId: string): Promise<RoomLogEntry[]> {
      const session = await deps.sessionFor(projectId, accountId, role, sessionId);
      return presentLog(await read.dailies.log(session.id), readsTakeDetail(role));
    },
  };
}

export type RoomService = ReturnType<typeof createRoomService>;

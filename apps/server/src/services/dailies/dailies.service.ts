/**
 * Dailies sessions (DESIGN.md §2): a dated playlist of takes built from the selects since the last
 * session, a saved search of the takes or by hand; reordered, added to and taken from; attendees
 * invited from members; closed (read-only from then on). Who runs dailies (§8 "create, present,
 * close") sees every session; others those they are invited to. Every change is audited and
 * announced on the project's stream in its own transaction; playlist changes take turns under the
 * project's lock, so concurrent moves and adds leave one dense order.
 */
import {
  DAILIES_PLAYLIST_MAX,
  TakeFilterQuery,
  type CreateDailiesInput,
  type DailiesDetail,
  type DailiesItem,
  type DailiesSession,
  type DailiesSource,
  type Role,
  type Take,
} from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { assertReorder, firstDuplicate, insertAt, moveTo, presenceCutoff } from '../../domain/dailies/playlist.rules.ts';
import { fail } from '../../domain/errors.ts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { DailiesSessionRecord, DailiesSessionSummary } from '../../ports/dailies-store.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Repos, Store } from '../../ports/store.ts';
import type { TakeRecord } from '../../ports/take-store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import { takeCode } from '../generate/generate.service.ts';
import { takeVisibleTo } from '../generate/take-presenter.ts';
import { takeFilterFor } from '../generate/takes.service.ts';
import { announceDailies } from './room-log.ts';

/** Takes as one role may see them (the takes service's presenter, with the shot codes already known). */
export type PresentTakes = (projectId: string, role: Role, takes: TakeRecord[], knownCodes?: Map<string, string>) => Promise<Take[]>;

export interface DailiesDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  present: PresentTakes;
}

/** The session as listed. */
export function presentSession(s: DailiesSessionRecord, counts: { itemCount: number; attendeeCount: number }): DailiesSession {
  return {
    id: s.id,
    title: s.title,
    date: s.date,
    status: s.status,
    source: s.sourceKind,
    createdBy: { id: s.createdById, name: s.createdByName },
    createdAt: s.createdAt,
    closedAt: s.closedAt,
    itemCount: counts.itemCount,
    attendeeCount: counts.attendeeCount,
  };
}

/** The report printed for a closing: checked again inside the closing's transaction. */
export interface ClosingReport {
  /** When the report says the session closed. */
  at: string;
  /** The PDF in blob storage. */
  sha256: string;
  size: number;
  /** Each take's decision as the report shows it. */
  decisions: { takeId: string; take: string; decision: string }[];
  /** Whether the session still reads as it did when printed. */
  current(repos: Repos): Promise<boolean>;
}

export function createDailiesService(deps: DailiesDeps) {
  const read = deps.store.read;
  const now = () => deps.clock.now().toISOString();

  /**
   * The session, if the member may see it: those who run dailies see every one, others those they
   * are invited to; any other is answered like one that does not exist.
   */
  async function sessionFor(repos: Repos, projectId: string, accountId: string, role: Role, sessionId: string): Promise<DailiesSessionRecord> {
    const missing = (): never => fail('dailies.not_found', 'No such dailies session in this project.');
    const session = (await repos.dailies.findSession(projectId, sessionId)) ?? missing();
    if (!roleMay(role, 'dailies.run') && !(await repos.dailies.isAttendee(session.id, accountId))) missing();
    return session;
  }

  /** The session for a change: there, and open. */
  async function openSession(repos: Repos, projectId: string, sessionId: string): Promise<DailiesSessionRecord> {
    const session = (await repos.dailies.findSession(projectId, sessionId)) ?? fail('dailies.not_found', 'No such dailies session in this project.');
    if (session.status === 'closed') fail('dailies.closed', `“${session.title}” is closed and read-only.`);
    return session;
  }

  /** The playlist as the member may see each take. */
  async function itemsOf(repos: Repos, projectId: string, role: Role, sessionId: string): Promise<DailiesItem[]> {
    const rows = await repos.dailies.itemsWithTakes(sessionId);
    const takes = await deps.present(
      projectId,
      role,
      rows.map((r) => r.take),
      new Map(rows.map((r) => [r.take.shotId, r.shotCode])),
    );
    return rows.map((r, i) => ({ id: r.id, position: r.position, take: takes[i] }));
  }

  async function detailOf(repos: Repos, projectId: string, role: Role, session: DailiesSessionRecord): Promise<DailiesDetail> {
    const [items, attendees, participants, counts] = await Promise.all([
      itemsOf(repos, projectId, role, session.id),
      repos.dailies.attendees(session.id),
      repos.dailies.presence(session.id, presenceCutoff(deps.clock.now())),
      repos.dailies.counts(session.id),
    ]);
    return {
      session: presentSession(session, counts),
      items,
      attendees,
      participants: participants.map((p) => ({ key: p.key, name: p.name, kind: p.kind, since: p.since })),
      presenter: session.presenter,
      canRun: roleMay(role, 'dailies.run'),
    };
  }

  /** Members named as attendees, each once; one who is not a member is refused naming its place in the list. */
  async function membersAmong(repos: Repos, projectId: string, ids: string[], field: string): Promise<string[]> {
    const members = new Set((await repos.members.list(projectId)).map((m) => m.accountId));
    ids.forEach((id, i) => {
      if (!members.has(id)) fail('dailies.not_member', `${field}.${i}: not a member of this project; invite people from its members.`, `${field}.${i}`);
    });
    return [...new Set(ids)];
  }

  /** Takes named by hand: each once, each a take of the project the member may see. */
  async function takesNamed(repos: Repos, projectId: string, role: Role, ids: string[], field: string): Promise<TakeRecord[]> {
    const dup = firstDuplicate(ids);
    if (dup) fail('request.invalid', `${field}.${dup.index}: names a take twice; a take is on a playlist once`, `${field}.${dup.index}`);
    const takes: TakeRecord[] = [];
    for (const [i, id] of ids.entries()) {
      const take = await repos.takes.findById(projectId, id);
      if (!take || !takeVisibleTo(role, take)) fail('take.not_found', `${field}.${i}: no such take in this project.`, `${field}.${i}`);
      takes.push(take);
    }
    return takes;
  }

  /** The takes a new session starts with, from its source. */
  async function takesFrom(repos: Repos, projectId: string, accountId: string, role: Role, source: DailiesSource): Promise<TakeRecord[]> {
    if (source.kind === 'takes') return takesNamed(repos, projectId, role, source.takeIds, 'source.takeIds');
    if (source.kind === 'filter') {
      const saved =
        (await repos.takeFilters.listFor(projectId, accountId)).find((f) => f.id === source.filterId) ??
        fail('take_filter.not_found', 'source.filterId: you have no saved search by this id in this project.', 'source.filterId');
      const query = TakeFilterQuery.safeParse(saved.query);
      const filter = takeFilterFor(role, query.success ? query.data : {}, 'source.filter.');
      const { items } = await repos.takes.pageForProject(projectId, {
        ...filter,
        reviewedOnly: !roleMay(role, 'take.generate'),
        sort: (query.success && query.data.sort) || 'scene',
        limit: DAILIES_PLAYLIST_MAX,
        offset: 0,
      });
      return items;
    }
    return repos.dailies.selectsSince(projectId, await repos.dailies.lastSessionStart(projectId), DAILIES_PLAYLIST_MAX);
  }

  /** Writes the playlist's new order, audits the change and tells the room. */
  async function reordered(tx: Repos, actor: Actor, session: DailiesSessionRecord, order: string[], summary: string, data: Record<string, unknown>, at: string): Promise<void> {
    await tx.dailies.rewritePositions(session.id, order);
    await tx.dailies.updateSession(session.id, { updatedAt: at });
    await appendAudit(tx, deps, {
      chain: projectChain(session.projectId),
      actor,
      action: 'dailies.playlist_changed',
      targetType: 'dailies',
      targetId: session.id,
      summary: `${actor.name} ${summary} in dailies “${session.title}”`,
      data,
    });
    await announceDailies(tx, { type: 'dailies.changed', projectId: session.projectId, sessionId: session.id, what: 'playlist', at });
  }

  /** Label of a take for the audit log: "SH010 TK002". */
  async function labelOf(repos: Repos, projectId: string, take: TakeRecord): Promise<string> {
    return `${(await repos.shots.findById(projectId, take.shotId))?.code ?? 'a shot'} ${takeCode(take.number)}`;
  }

  return {
    sessionFor: (projectId: string, accountId: string, role: Role, sessionId: string) => sessionFor(read, projectId, accountId, role, sessionId),

    /** Which of these members (with their roles) may follow the session's room, in one query. */
    async followersAmong(sessionId: string, members: { accountId: string; role: Role }[]): Promise<Set<string>> {
      const runners = members.filter((m) => roleMay(m.role, 'dailies.run')).map((m) => m.accountId);
      const others = members.filter((m) => roleMay(m.role, 'dailies.read') && !roleMay(m.role, 'dailies.run')).map((m) => m.accountId);
      return new Set([...runners, ...(await read.dailies.attendeesAmong(sessionId, others))]);
    },

    /** Sessions the member may see, newest first. */
    async list(projectId: string, accountId: string, role: Role): Promise<DailiesSession[]> {
      const rows: DailiesSessionSummary[] = await read.dailies.listSessions(projectId, roleMay(role, 'dailies.run') ? undefined : accountId);
      return rows.map((r) => presentSession(r, r));
    },

    async get(projectId: string, accountId: string, role: Role, sessionId: string): Promise<DailiesDetail> {
      return detailOf(read, projectId, role, await sessionFor(read, projectId, accountId, role, sessionId));
    },

    /** Creates a session with its playlist and attendees (the creator always attends); audited. */
    async create(actor: Actor & { accountId: string }, role: Role, projectId: string, input: CreateDailiesInput): Promise<DailiesDetail> {
      const source = input.source ?? { kind: 'selects_since_last' };
      return deps.store
        .transaction(async (tx) => {
          await tx.projects.lock(projectId);
          const attendees = await membersAmong(tx, projectId, input.attendeeIds ?? [], 'attendeeIds');
          const takes = await takesFrom(tx, projectId, actor.accountId, role, source);
          const at = now();
          const session: DailiesSessionRecord = {
            id: deps.ids.next(),
            projectId,
            title: input.title,
            date: input.date ?? at.slice(0, 10),
            status: 'open',
            sourceKind: source.kind,
            createdById: actor.accountId,
            createdByName: actor.name,
            createdAt: at,
            closedAt: null,
            closedByName: null,
            reportSha256: null,
            presenter: null,
            presenterSeq: 0,
            updatedAt: at,
          };
          await tx.dailies.insertSession(session);
          await tx.dailies.insertItems(takes.map((t, i) => ({ id: deps.ids.next(), sessionId: session.id, takeId: t.id, position: i, addedAt: at })));
          await tx.dailies.setAttendees(session.id, [...new Set([actor.accountId, ...attendees])], at);
          const from = source.kind === 'takes' ? 'takes named by hand' : source.kind === 'filter' ? 'a saved search' : 'the selects since the last session';
          await appendAudit(tx, deps, {
            chain: projectChain(projectId),
            actor,
            action: 'dailies.created',
            targetType: 'dailies',
            targetId: session.id,
            summary: `${actor.name} created dailies “${session.title}” for ${session.date} with ${takes.length} take${takes.length === 1 ? '' : 's'} from ${from}`,
            data: { date: session.date, source: source.kind, takeIds: takes.map((t) => t.id), attendeeIds: attendees },
          });
          await announceDailies(tx, { type: 'dailies.changed', projectId, sessionId: session.id, what: 'session', at });
          return session;
        })
        .then((session) => detailOf(read, projectId, role, session));
    },

    /** Renames or re-dates an open session. */
    async update(actor: Actor, role: Role, projectId: string, sessionId: string, input: { title?: string; date?: string }): Promise<DailiesDetail> {
      return deps.store
        .transaction(async (tx) => {
          const session = await openSession(tx, projectId, sessionId);
          const patch = {
            ...(input.title !== undefined && input.title !== session.title ? { title: input.title } : {}),
            ...(input.date !== undefined && input.date !== session.date ? { date: input.date } : {}),
          };
          if (Object.keys(patch).length) {
            const at = now();
            await tx.dailies.updateSession(session.id, { ...patch, updatedAt: at });
            await appendAudit(tx, deps, {
              chain: projectChain(projectId),
              actor,
              action: 'dailies.updated',
              targetType: 'dailies',
              targetId: session.id,
              summary: `${actor.name} changed dailies “${session.title}”: ${Object.entries(patch)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`,
              data: { before: { title: session.title, date: session.date }, ...patch },
            });
            await announceDailies(tx, { type: 'dailies.changed', projectId, sessionId, what: 'session', at });
          }
        })
        .then(async () => detailOf(read, projectId, role, (await read.dailies.findSession(projectId, sessionId))!));
    },

    /**
     * Closes a session: read-only from then on, its review links revoked; audited with what it
     * decided. With its report, the PDF's hash is kept on the session and written, with each take's
     * decision, into the audit chain; a report that no longer reads as the session does is refused.
     */
    async close(actor: Actor, role: Role, projectId: string, sessionId: string, report?: ClosingReport): Promise<DailiesDetail> {
      return deps.store
        .transaction(async (tx) => {
          await tx.projects.lock(projectId);
          const session = await openSession(tx, projectId, sessionId);
          if (report && !(await report.current(tx))) fail('dailies.report_stale', 'The session changed while its report was printed; close it again.');
          const at = report?.at ?? now();
          await tx.dailies.updateSession(session.id, { status: 'closed', closedAt: at, closedByName: actor.name, reportSha256: report?.sha256 ?? null, updatedAt: at });
          if (report) await tx.blobs.record({ sha256: report.sha256, size: report.size, mediaType: 'application/pdf', createdAt: at });
          await tx.dailies.revokeLinksOf(session.id, at);
          const decisions = (await tx.dailies.log(session.id)).filter((e) => e.kind === 'decision').length;
          await tx.dailies.appendLog({
            id: deps.ids.next(),
            sessionId: session.id,
            at,
            kind: 'closed',
            actorId: actor.accountId,
            actorName: actor.name,
            guestId: null,
            takeId: null,
            summary: `${actor.name} closed the session`,
            data: {},
          });
          await appendAudit(tx, deps, {
            chain: projectChain(projectId),
            actor,
            action: 'dailies.closed',
            targetType: 'dailies',
            targetId: session.id,
            summary: `${actor.name} closed dailies “${session.title}” (${decisions} decision${decisions === 1 ? '' : 's'} made in it)`,
            data: { decisions, ...(report && { report: { sha256: report.sha256 }, takeDecisions: report.decisions }) },
          });
          await announceDailies(tx, { type: 'dailies.changed', projectId, sessionId, what: 'closed', at });
        })
        .then(async () => detailOf(read, projectId, role, (await read.dailies.findSession(projectId, sessionId))!));
    },

    /** Adds takes at a position (the end when absent); a take already on the playlist is refused naming it. */
    async addItems(actor: Actor, role: Role, projectId: string, sessionId: string, input: { takeIds: string[]; position?: number }): Promise<DailiesItem[]> {
      return deps.store
        .transaction(async (tx) => {
          await tx.projects.lock(projectId);
          const session = await openSession(tx, projectId, sessionId);
          const takes = await takesNamed(tx, projectId, role, input.takeIds, 'takeIds');
          const items = await tx.dailies.items(session.id);
          const on = new Set(items.map((i) => i.takeId));
          takes.forEach((t, i) => {
            if (on.has(t.id)) fail('dailies.take_in_playlist', `takeIds.${i}: that take is already on the playlist.`, `takeIds.${i}`);
          });
          if (items.length + takes.length > DAILIES_PLAYLIST_MAX) fail('dailies.playlist_full', `takeIds: a playlist holds at most ${DAILIES_PLAYLIST_MAX} takes; it has ${items.length}.`, 'takeIds');
          const at = now();
          const added = takes.map((t, i) => ({ id: deps.ids.next(), sessionId: session.id, takeId: t.id, position: items.length + i, addedAt: at }));
          await tx.dailies.insertItems(added);
          const order = insertAt(
            items.map((i) => i.id),
            added.map((a) => a.id),
            input.position,
          );
          const labels = [];
          for (const t of takes.slice(0, 5)) labels.push(await labelOf(tx, projectId, t));
          await reordered(
            tx,
            actor,
            session,
            order,
            `added ${labels.join(', ')}${takes.length > 5 ? ` and ${takes.length - 5} more` : ''} at position ${Math.min(input.position ?? items.length, items.length)}`,
            { added: takes.map((t) => t.id), position: input.position ?? null },
            at,
          );
        })
        .then(() => itemsOf(read, projectId, role, sessionId));
    },

    /** Moves one item to a position (past the end means last). */
    async moveItem(actor: Actor, role: Role, projectId: string, sessionId: string, itemId: string, position: number): Promise<DailiesItem[]> {
      return deps.store
        .transaction(async (tx) => {
          await tx.projects.lock(projectId);
          const session = await openSession(tx, projectId, sessionId);
          const items = await tx.dailies.items(session.id);
          const item = items.find((i) => i.id === itemId) ?? fail('dailies.item_not_found', 'No such item on this playlist.');
          const order = moveTo(
            items.map((i) => i.id),
            item.id,
            position,
          );
          if (order.indexOf(item.id) !== item.position) {
            await reordered(tx, actor, session, order, `moved an item from position ${item.position} to ${order.indexOf(item.id)}`, { itemId, from: item.position, to: order.indexOf(item.id) }, now());
          }
        })
        .then(() => itemsOf(read, projectId, role, sessionId));
    },

    /** Puts the whole playlist in the order given; refused when the playlist changed since the caller read it. */
    async reorder(actor: Actor, role: Role, projectId: string, sessionId: string, itemIds: string[]): Promise<DailiesItem[]> {
      return deps.store
        .transaction(async (tx) => {
          await tx.projects.lock(projectId);
          const session = await openSession(tx, projectId, sessionId);
          const items = await tx.dailies.items(session.id);
          assertReorder(
            items.map((i) => i.id),
            itemIds,
          );
          if (itemIds.some((id, i) => items[i].id !== id)) await reordered(tx, actor, session, itemIds, 'reordered the playlist', { itemIds }, now());
        })
        .then(() => itemsOf(read, projectId, role, sessionId));
    },

    /** Takes an item off the playlist; the ones after it move up. */
    async removeItem(actor: Actor, role: Role, projectId: string, sessionId: string, itemId: string): Promise<DailiesItem[]> {
      return deps.store
        .transaction(async (tx) => {
          await tx.projects.lock(projectId);
          const session = await openSession(tx, projectId, sessionId);
          const items = await tx.dailies.items(session.id);
          const item = items.find((i) => i.id === itemId) ?? fail('dailies.item_not_found', 'No such item on this playlist.');
          await tx.dailies.removeItem(session.id, item.id);
          const take = await tx.takes.get(item.takeId);
          await reordered(
            tx,
            actor,
            session,
            items.filter((i) => i.id !== item.id).map((i) => i.id),
            `took ${take ? await labelOf(tx, projectId, take) : 'a take'} off the playlist`,
            { itemId, takeId: item.takeId },
            now(),
          );
        })
        .then(() => itemsOf(read, projectId, role, sessionId));
    },

    /** Who is invited: members of the project; the session's creator stays. */
    async setAttendees(actor: Actor, projectId: string, sessionId: string, accountIds: string[]) {
      return deps.store.transaction(async (tx) => {
        const session = await openSession(tx, projectId, sessionId);
        const ids = await membersAmong(tx, projectId, accountIds, 'accountIds');
        const all = [...new Set([...(session.createdById ? [session.createdById] : []), ...ids])];
        const before = (await tx.dailies.attendees(session.id)).map((a) => a.accountId);
        const at = now();
        await tx.dailies.setAttendees(session.id, all, at);
        const after = await tx.dailies.attendees(session.id);
        const added = after.filter((a) => !before.includes(a.accountId)).map((a) => a.name);
        const removed = before.filter((id) => !all.includes(id)).length;
        if (added.length || removed) {
          await appendAudit(tx, deps, {
            chain: projectChain(projectId),
            actor,
            action: 'dailies.attendees_set',
            targetType: 'dailies',
            targetId: session.id,
            summary: `${actor.name} invited ${added.length ? added.join(', ') : 'nobody new'}${removed ? ` and uninvited ${removed}` : ''} to dailies “${session.title}”`,
            data: { attendeeIds: all },
          });
          await announceDailies(tx, { type: 'dailies.changed', projectId, sessionId, what: 'attendees', at });
        }
        return { attendees: after };
      });
    },
  };
}

export type DailiesService = ReturnType<typeof createDailiesService>;

/**
 * Notes on takes: listing a take's threads as one member may see them, writing notes and replies
 * (at a frame or range, with drawings and @-mentions), resolving, reopening and editing. Each change
 * is audited and announced on the project's live stream in its own transaction, so open pages
 * refresh the take.
 */
import type { Drawing, Note, Role } from '@backlot/contracts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import {
  checkNoteAnchor,
  checkReplyAnchor,
  mayEditBody,
  mayResolve,
  mayWriteVisibility,
  noteVisibleTo,
  orderThreads,
  parseMentions,
  threadRootId,
  type NoteCanvas,
} from '../../domain/review/notes.rules.ts';
import { frameRangeTimecode } from '../../domain/timecode/timecode.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { NoteRecord } from '../../ports/note-store.ts';
import type { Repos, Store } from '../../ports/store.ts';
import type { TakeRecord } from '../../ports/take-store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import { takeCode } from '../generate/generate.service.ts';
import { announceTake } from '../generate/take-ledger.ts';
import { takeVisibleTo } from '../generate/take-presenter.ts';
import { presentNote, type NoteGrid } from './note-presenter.ts';
import { logInRoom, openSessionOrThrow } from '../dailies/room-log.ts';

export interface NotesDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
  /** Mentions go by mail too, when mail is configured. */
  mailer?: Mailer;
  /** Where the web UI is, for the link in a mention's mail. */
  publicUrl?: string;
}

/** A mention to mail once the note is saved. */
interface MentionMail {
  to: string;
  subject: string;
  text: string;
}

/** A new note or reply, as the contracts parse it. */
export interface NewNote {
  body: string;
  frame: number | null;
  frameEnd: number | null;
  drawing: Drawing | null;
  visibility: 'internal' | 'client';
  parentId?: string;
  /** The dailies session the note is made in. */
  sessionId?: string;
}

/** A guest on a review link writing a note: client-visible, on a take of the link's session, audited under the link. */
export interface GuestAuthor {
  guestId: string;
  name: string;
  linkId: string;
  linkLabel: string;
  sessionId: string;
}

/** A change to a note: resolve or reopen it, or (its author) reword it. */
export interface NoteChange {
  resolved?: boolean;
  body?: string;
}

/** The frames and size a note's anchor is checked against; none until the take has a picture. */
function canvasOf(take: TakeRecord): NoteCanvas | null {
  return take.media ? { frames: take.media.proxyFrames, width: take.media.width, height: take.media.height } : null;
}

export function createNotesService(deps: NotesDeps) {
  const read = deps.store.read;

  /** A take the member may see; any other is answered like one that does not exist. */
  async function visibleTake(repos: Repos, role: Role, projectId: string, takeId: string): Promise<TakeRecord> {
    const take = await repos.takes.findById(projectId, takeId);
    if (!take || !takeVisibleTo(role, take)) fail('take.not_found', 'No such take in this project.');
    return take;
  }

  async function gridOf(repos: Repos, projectId: string): Promise<NoteGrid> {
    const p = (await repos.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
    return { rate: { num: p.fpsNum, den: p.fpsDen }, mode: p.timecodeMode };
  }

  /** The takes generated from these notes that the member may see, by note. */
  async function ledToOf(repos: Repos, role: Role, noteIds: string[]): Promise<Map<string, Note['ledTo']>> {
    const byNote = new Map<string, Note['ledTo']>();
    for (const t of await repos.notes.ledTo(noteIds)) {
      if (takeVisibleTo(role, t)) byNote.set(t.noteId, [...(byNote.get(t.noteId) ?? []), { id: t.takeId, code: takeCode(t.number) }]);
    }
    return byNote;
  }

  /**
   * A note the member may see, with its thread's note (itself for a note that starts a thread) and
   * its take. A note on a take they may not see, or internal to a viewer, does not exist for them.
   */
  async function visibleNote(repos: Repos, role: Role, projectId: string, noteId: string, field?: string) {
    const missing = (): never => fail('note.not_found', `${field ? `${field}: ` : ''}No such note in this project.`, field);
    const note = (await repos.notes.findById(projectId, noteId)) ?? missing();
    const root = note.parentId === null ? note : ((await repos.notes.findById(projectId, note.parentId)) ?? missing());
    const take = await repos.takes.findById(projectId, note.takeId);
    if (!take || !takeVisibleTo(role, take) || !noteVisibleTo(role, note, root)) return missing();
    return { note, root, take };
  }

  async function present(repos: Repos, role: Role, projectId: string, note: NoteRecord): Promise<Note> {
    const grid = await gridOf(repos, projectId);
    return presentNote(note, grid, (await ledToOf(repos, role, [note.id])).get(note.id) ?? []);
  }

  /** Where a note sits, for the audit log: "SH010 TK002 at 00:00:00:12". */
  async function placeOf(repos: Repos, projectId: string, take: TakeRecord, note: Pick<NoteRecord, 'frame' | 'frameEnd'>): Promise<string> {
    const shot = await repos.shots.findById(projectId, take.shotId);
    const grid = await gridOf(repos, projectId);
    const timecode = frameRangeTimecode(note.frame, note.frameEnd, grid.rate, grid.mode);
    return `${shot?.code ?? 'a shot'} ${takeCode(take.number)}${timecode ? ` at ${timecode}` : ''}`;
  }

  /**
   * The mails for members a note newly mentions: not its author, and only those who may see the
   * note (a viewer is not told of an internal note). Built inside the transaction, sent after it.
   */
  async function mentionMails(repos: Repos, actor: Actor & { accountId: string }, projectId: string, take: TakeRecord, note: NoteRecord, newly: string[], place: string): Promise<MentionMail[]> {
    if (!deps.mailer?.configured || newly.length === 0) return [];
    const project = await repos.projects.findById(projectId);
    const members = await repos.members.list(projectId);
    const link = `${deps.publicUrl ?? ''}/projects/${projectId}/takes/${take.id}`;
    return members
      .filter((m) => newly.includes(m.accountId) && m.accountId !== actor.accountId && takeVisibleTo(m.role, take) && noteVisibleTo(m.role, note))
      .map((m) => ({
        to: m.email,
        subject: `${actor.name} mentioned you on ${place} in ${project?.name ?? 'a project'}`,
        text: `${actor.name} mentioned you in a note on ${place} (${project?.code ?? ''} “${project?.name ?? ''}”):\n\n${note.body}\n\nOpen the take:\n\n${link}\n`,
      }));
  }

  /** Sends mention mails after the note's transaction committed; a mail that fails does not undo the note. */
  async function sendMentionMails(mails: MentionMail[]) {
    for (const m of mails) await deps.mailer?.send(m).catch(() => undefined);
  }

  return {
    /** A take's threads in the order of the picture, as this member may see them. */
    async list(role: Role, projectId: string, takeId: string, guestSessionId?: string): Promise<Note[]> {
      // A guest reads, as a viewer does, the notes of the takes on their link's session.
      const take = guestSessionId
        ? ((await read.dailies.hasTake(guestSessionId, takeId)) && (await read.takes.findById(projectId, takeId))) || fail('take.not_found', 'No such take on this review link.')
        : await visibleTake(read, role, projectId, takeId);
      const all = await read.notes.listForTake(take.id);
      const roots = new Map(all.filter((n) => n.parentId === null).map((n) => [n.id, n]));
      const visible = orderThreads(all.filter((n) => noteVisibleTo(role, n, n.parentId === null ? n : roots.get(n.parentId))));
      const grid = await gridOf(read, projectId);
      const ledTo = await ledToOf(
        read,
        role,
        visible.map((n) => n.id),
      );
      return visible.map((n) => presentNote(n, grid, ledTo.get(n.id) ?? []));
    },

    /**
     * Writes a note on a take the member may see, or a reply in a thread they may see. A viewer
     * writes client-visible notes only; a reply takes its thread's visibility and sits on its note.
     */
    async create(actor: Actor & { accountId: string }, role: Role, projectId: string, takeId: string, input: NewNote, guest?: GuestAuthor): Promise<Note> {
      const { note: created, mails } = await deps.store.transaction(async (tx) => {
        // A guest sees the takes of their link's session (as a viewer sees them), and only those.
        const take = guest
          ? ((await tx.dailies.hasTake(guest.sessionId, takeId)) && (await tx.takes.findById(projectId, takeId))) || fail('take.not_found', 'No such take on this review link.')
          : await visibleTake(tx, role, projectId, takeId);
        const sessionId = guest ? guest.sessionId : input.sessionId;
        const session = sessionId === undefined ? undefined : await openSessionOrThrow(tx, projectId, sessionId);
        let parentId: string | null = null;
        let visibility = input.visibility;
        // Where the audit says the note sits: a reply sits on its thread's note.
        let anchor: Pick<NoteRecord, 'frame' | 'frameEnd'> = input;
        if (input.parentId !== undefined) {
          const { note: parent, root } = await visibleNote(tx, role, projectId, input.parentId, 'parentId');
          if (root.takeId !== take.id) fail('note.not_found', 'parentId: that note is on another take; reply on its own take.', 'parentId');
          checkReplyAnchor(input);
          parentId = threadRootId(parent);
          visibility = root.visibility;
          anchor = root;
        } else {
          checkNoteAnchor(input, canvasOf(take));
          // A guest's note is client-visible whatever was asked: a guest writes nothing else (§8).
          if (guest) visibility = 'client';
          else if (!mayWriteVisibility(role, visibility)) {
            fail('note.not_allowed', `visibility: a ${role} writes client-visible notes only; send visibility "client".`, 'visibility');
          }
        }
        const members = await tx.members.list(projectId);
        const now = deps.clock.now().toISOString();
        const note: NoteRecord = {
          id: deps.ids.next(),
          projectId,
          takeId: take.id,
          parentId,
          authorId: guest ? null : actor.accountId,
          authorName: guest ? `${guest.name} (guest)` : actor.name,
          body: input.body,
          frame: parentId === null ? input.frame : null,
          frameEnd: parentId === null ? input.frameEnd : null,
          drawing: parentId === null ? input.drawing : null,
          visibility,
          mentions: guest
            ? []
            : parseMentions(
                input.body,
                members.map((m) => ({ id: m.accountId, name: m.name })),
              ),
          resolvedAt: null,
          resolvedBy: null,
          createdAt: now,
          updatedAt: now,
          sessionId: session?.id ?? null,
          guestId: guest?.guestId ?? null,
        };
        await tx.notes.insert(note);
        const place = await placeOf(tx, projectId, take, anchor);
        // A guest's note is audited under their link: who they said they were, and which link let them in.
        const author = guest ? { accountId: null, name: `${guest.name} (guest on review link “${guest.linkLabel}”)` } : actor;
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor: author,
          action: guest ? (parentId ? 'guest.note_replied' : 'guest.note_created') : parentId ? 'note.replied' : 'note.created',
          targetType: 'note',
          targetId: note.id,
          summary: `${author.name} ${parentId ? 'replied to a note on' : `wrote ${visibility === 'client' ? 'a client-visible' : 'an internal'} note on`} ${place}${note.drawing ? ' with a drawing' : ''}`,
          data: {
            takeId: take.id,
            parentId,
            frame: note.frame,
            frameEnd: note.frameEnd,
            visibility,
            drawing: note.drawing !== null,
            mentions: note.mentions.map((m) => m.id),
            ...(session ? { sessionId: session.id } : {}),
            ...(guest ? { linkId: guest.linkId, guestId: guest.guestId } : {}),
          },
        });
        if (session) {
          await logInRoom(
            tx,
            deps,
            session,
            {
              kind: guest ? 'guest_note' : 'note',
              actorId: guest ? null : actor.accountId,
              actorName: note.authorName,
              guestId: guest?.guestId ?? null,
              takeId: take.id,
              summary: `${note.authorName} ${parentId ? 'replied on' : 'wrote a note on'} ${place}${note.drawing ? ' with a drawing' : ''}`,
              data: { takeCode: place.split(' at ')[0], visibility, noteId: note.id },
            },
            now,
          );
        }
        await announceTake(tx, take, now);
        const mails = guest
          ? []
          : await mentionMails(
              tx,
              actor,
              projectId,
              take,
              note,
              note.mentions.map((m) => m.id),
              place,
            );
        return { note: await present(tx, role, projectId, note), mails };
      });
      await sendMentionMails(mails);
      return created;
    },

    /**
     * Resolves or reopens a thread (an owner, producer or director any they see; an editor or a
     * viewer their own), or rewords a note (its author only). Asking for what already is changes
     * nothing and records nothing.
     */
    async update(actor: Actor & { accountId: string }, role: Role, projectId: string, noteId: string, input: NoteChange): Promise<Note> {
      const { note: changed, mails } = await deps.store.transaction(async (tx) => {
        let mails: MentionMail[] = [];
        // Two members resolving at once: the second reads the first's change and records nothing.
        await tx.notes.lock(projectId, noteId);
        const { note, take } = await visibleNote(tx, role, projectId, noteId);
        const now = deps.clock.now().toISOString();
        const changes: { action: string; summary: (place: string) => string; data: Record<string, unknown> }[] = [];
        if (input.body !== undefined && input.body !== note.body) {
          if (!mayEditBody(actor.accountId, note)) fail('note.not_allowed', `body: only ${note.authorName}, who wrote this note, may change its words.`, 'body');
          const members = await tx.members.list(projectId);
          const mentions = parseMentions(
            input.body,
            members.map((m) => ({ id: m.accountId, name: m.name })),
          );
          await tx.notes.update(note.id, { body: input.body, mentions, updatedAt: now });
          // Only members the new words mention for the first time are told.
          const before = new Set(note.mentions.map((m) => m.id));
          const newly = mentions.map((m) => m.id).filter((id) => !before.has(id));
          mails = await mentionMails(tx, actor, projectId, take, { ...note, body: input.body, mentions }, newly, await placeOf(tx, projectId, take, note));
          changes.push({ action: 'note.edited', summary: (place) => `${actor.name} reworded a note on ${place}`, data: { mentions: mentions.map((m) => m.id) } });
        }
        if (input.resolved !== undefined && input.resolved !== (note.resolvedAt !== null)) {
          if (note.parentId !== null) fail('request.invalid', 'resolved: a reply is resolved with its thread; resolve the note it answers.', 'resolved');
          if (!mayResolve(role, actor.accountId, note)) {
            fail('note.not_allowed', `resolved: a ${role} resolves and reopens their own notes only; this one is ${note.authorName}'s.`, 'resolved');
          }
          await tx.notes.update(note.id, input.resolved ? { resolvedAt: now, resolvedBy: actor.name, updatedAt: now } : { resolvedAt: null, resolvedBy: null, updatedAt: now });
          changes.push({
            action: input.resolved ? 'note.resolved' : 'note.reopened',
            summary: (place) => `${actor.name} ${input.resolved ? 'resolved' : 'reopened'} ${note.authorName}'s note on ${place}`,
            data: {},
          });
        }
        if (changes.length) {
          const place = await placeOf(tx, projectId, take, note);
          for (const c of changes) {
            await appendAudit(tx, deps, {
              chain: projectChain(projectId),
              actor,
              action: c.action,
              targetType: 'note',
              targetId: note.id,
              summary: c.summary(place),
              data: { takeId: take.id, ...c.data },
            });
          }
          await announceTake(tx, take, now);
        }
        return { note: await present(tx, role, projectId, (await tx.notes.findById(projectId, note.id))!), mails };
      });
      await sendMentionMails(mails);
      return changed;
    },
  };
}

export type NotesService = ReturnType<typeof createNotesService>;

/**
 * Dailies on the wire: a session (a dated playlist of takes with its attendees), the presenter's
 * state the room follows, who is present, the room's log, guest review links, and the notes
 * export in the shape of the ASWF dailies notes work (docs/dailies-notes.md).
 */
import { z } from 'zod';
import { Id, PersonName, Timestamp } from './schemas.ts';
import { Take } from './takes.ts';
import { text } from './text.ts';

/** A calendar day, `2026-03-01`. */
export const DailiesDate = text()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-03-01' })
  .refine(
    (v) => {
      const [y, m, d] = v.split('-').map(Number);
      const day = new Date(Date.UTC(y, m - 1, d));
      return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
    },
    { message: 'is not a real date' },
  );

export const DAILIES_STATUSES = ['open', 'closed'] as const;
export type DailiesStatus = (typeof DAILIES_STATUSES)[number];

/** The most takes one playlist holds. */
export const DAILIES_PLAYLIST_MAX = 5000;

/**
 * Where a new session's playlist comes from: the selects (selected or approved takes) decided
 * since the last session began (the default), one of your saved searches of the takes, or takes named by hand.
 */
export const DailiesSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('selects_since_last') }),
  z.strictObject({ kind: z.literal('filter'), filterId: Id }),
  z.strictObject({ kind: z.literal('takes'), takeIds: z.array(Id).max(DAILIES_PLAYLIST_MAX, { message: `must name at most ${DAILIES_PLAYLIST_MAX} takes` }) }),
]);
export type DailiesSource = z.infer<typeof DailiesSource>;

export const CreateDailiesInput = z.strictObject({
  title: text().trim().min(1, { message: 'is required' }).max(200, { message: 'must be at most 200 characters' }),
  /** The day of the session (UTC); today when absent. */
  date: DailiesDate.optional(),
  source: DailiesSource.default({ kind: 'selects_since_last' }),
  /** Members invited (the creator always attends). */
  attendeeIds: z.array(Id).max(500).default([]),
});
export type CreateDailiesInput = z.input<typeof CreateDailiesInput>;

export const UpdateDailiesInput = z.strictObject({
  title: text().trim().min(1, { message: 'is required' }).max(200, { message: 'must be at most 200 characters' }).optional(),
  date: DailiesDate.optional(),
});

export const DailiesParams = z.strictObject({ projectId: Id, sessionId: Id });
export const DailiesItemParams = z.strictObject({ projectId: Id, sessionId: Id, itemId: Id });
export const DailiesLinkParams = z.strictObject({ projectId: Id, sessionId: Id, linkId: Id });

/** A session as listed. */
export const DailiesSession = z.object({
  id: Id,
  title: z.string(),
  date: z.string(),
  status: z.enum(DAILIES_STATUSES),
  /** How its playlist was first built. */
  source: z.enum(['selects_since_last', 'filter', 'takes']),
  createdBy: z.object({ id: Id.nullable(), name: z.string() }),
  createdAt: Timestamp,
  closedAt: Timestamp.nullable(),
  itemCount: z.number().int(),
  attendeeCount: z.number().int(),
});
export type DailiesSession = z.infer<typeof DailiesSession>;
export const DailiesSessionList = z.object({ sessions: z.array(DailiesSession) });

/** One take in the playlist, at its position (0 first); the take as the caller may see it. */
export const DailiesItem = z.object({ id: Id, position: z.number().int(), take: Take });
export type DailiesItem = z.infer<typeof DailiesItem>;

export const DailiesAttendee = z.object({ accountId: Id, name: z.string(), role: z.string() });

/** Layout of the picture: one take, two side by side, or a wipe between two (wipe at 0..1 of the width). */
export const PRESENTER_LAYOUTS = ['single', 'side_by_side', 'wipe'] as const;

/** What the presenter shows; every attendee's player follows it. */
export const PresenterStateInput = z
  .strictObject({
    /** The playlist item on screen (null: nothing yet). */
    itemId: Id.nullable(),
    /** The version of the item's take on screen: the take itself, or its draft or final (another take id); the item's take when absent. */
    versionTakeId: Id.nullable().default(null),
    playing: z.boolean(),
    /** The frame on the project grid (0-based) at `at`. */
    frame: z.number().int().min(0, { message: 'must be 0 or more' }).max(10_000_000),
    /** Playback speed (J/K/L shuttle): 1 normal, negative backwards. */
    rate: z.number().min(-32).max(32).default(1),
    layout: z.enum(PRESENTER_LAYOUTS).default('single'),
    /** The other item in a side-by-side or wipe. */
    compareItemId: Id.nullable().default(null),
    /** Where the wipe divides the picture, 0 (left edge) to 1 (right edge). */
    wipe: z.number().min(0, { message: 'must be between 0 and 1' }).max(1, { message: 'must be between 0 and 1' }).default(0.5),
  })
  .refine((s) => s.layout === 'single' || s.compareItemId !== null, { message: 'is required for a side-by-side or wipe layout', path: ['compareItemId'] });
export type PresenterStateInput = z.input<typeof PresenterStateInput>;

/** The presenter's state as the room gets it: numbered, so a late answer never overrides a newer one. */
export const PresenterState = z.object({
  sessionId: Id,
  /** Increases with each change. */
  seq: z.number().int(),
  presenter: z.object({ id: Id, name: z.string() }),
  itemId: Id.nullable(),
  takeId: Id.nullable(),
  versionTakeId: Id.nullable(),
  playing: z.boolean(),
  frame: z.number().int(),
  rate: z.number(),
  layout: z.enum(PRESENTER_LAYOUTS),
  compareItemId: Id.nullable(),
  wipe: z.number(),
  /** When the presenter's frame was `frame` (server time). */
  at: Timestamp,
});
export type PresenterState = z.infer<typeof PresenterState>;

/** Someone in the room now: a member, or a guest on a review link. */
export const Participant = z.object({
  /** The account id, or `guest:<guest id>`. */
  key: z.string(),
  name: z.string(),
  kind: z.enum(['member', 'guest']),
  since: Timestamp,
});
export type Participant = z.infer<typeof Participant>;

export const PRESENCE_KINDS = ['join', 'heartbeat', 'leave'] as const;
/** Joining, staying (a heartbeat every 10 s; gone after 30 s without one) or leaving the room. */
export const PresenceInput = z.strictObject({ kind: z.enum(PRESENCE_KINDS) });
export const Presence = z.object({ participants: z.array(Participant) });

/** A session with its playlist, attendees, who is present and where the presenter is. */
export const DailiesDetail = z.object({
  session: DailiesSession,
  items: z.array(DailiesItem),
  attendees: z.array(DailiesAttendee),
  participants: z.array(Participant),
  presenter: PresenterState.nullable(),
  /** Whether the caller may run the session (present, edit the playlist, share, close). */
  canRun: z.boolean(),
});
export type DailiesDetail = z.infer<typeof DailiesDetail>;

/** Adds takes to the playlist at a position (the end when absent), in the order given. */
export const AddDailiesItemsInput = z.strictObject({
  takeIds: z.array(Id).min(1, { message: 'must name at least one take' }).max(500, { message: 'must name at most 500 takes' }),
  position: z.number().int().min(0, { message: 'must be 0 or more' }).optional(),
});
/** Moves one item to a position (0 first; past the end means last). */
export const MoveDailiesItemInput = z.strictObject({ position: z.number().int().min(0, { message: 'must be 0 or more' }) });
/** The whole playlist in a new order: every item id exactly once. */
export const ReorderDailiesInput = z.strictObject({ itemIds: z.array(Id).max(DAILIES_PLAYLIST_MAX) });
export const DailiesItemList = z.object({ items: z.array(DailiesItem) });
/** Who is invited: members of the project. */
export const SetAttendeesInput = z.strictObject({ accountIds: z.array(Id).max(500) });
export const DailiesAttendeeList = z.object({ attendees: z.array(DailiesAttendee) });

export const ROOM_LOG_KINDS = ['joined', 'left', 'played', 'decision', 'note', 'playlist', 'closed', 'guest_note'] as const;
/** One line of the room's log: who joined and left, what was played when, each decision and note. */
export const RoomLogEntry = z.object({
  id: Id,
  at: Timestamp,
  kind: z.enum(ROOM_LOG_KINDS),
  /** Who (a member's or guest's name); absent for a viewer on decisions (§8: viewers never see who decided). */
  who: z.string().optional(),
  guest: z.boolean(),
  takeId: Id.nullable(),
  takeCode: z.string().nullable(),
  /** What happened, in words ("played SC01_SH010 TK002 from frame 0", "selected → approved"). */
  summary: z.string(),
});
export type RoomLogEntry = z.infer<typeof RoomLogEntry>;
export const RoomLog = z.object({ entries: z.array(RoomLogEntry) });

// --- guest review links -----------------------------------------------------

export const CreateReviewLinkInput = z.strictObject({
  /** A name for the link, to tell links apart ("Client — agency"). */
  label: text().trim().min(1, { message: 'is required' }).max(120, { message: 'must be at most 120 characters' }),
  /** Hours until the link stops working (1 hour to 90 days). */
  expiresInHours: z
    .number()
    .int()
    .min(1, { message: 'must be at least 1 hour' })
    .max(24 * 90, { message: 'must be at most 2160 hours (90 days)' }),
  /** A passcode the guest must give as well (6 to 100 characters); none when absent. */
  passcode: text().min(6, { message: 'must be at least 6 characters' }).max(100, { message: 'must be at most 100 characters' }).optional(),
});
export type CreateReviewLinkInput = z.infer<typeof CreateReviewLinkInput>;

export const ReviewLink = z.object({
  id: Id,
  label: z.string(),
  createdBy: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  revokedAt: Timestamp.nullable(),
  hasPasscode: z.boolean(),
  /** Guests who have joined through it. */
  guests: z.number().int(),
});
export type ReviewLink = z.infer<typeof ReviewLink>;
export const ReviewLinkList = z.object({ links: z.array(ReviewLink) });
/** A new link: its secret token is shown once, in `path` (`/review/<token>`). */
export const CreatedReviewLink = z.object({ link: ReviewLink, token: z.string(), path: z.string() });

/** A guest opening a link: the token from the link, the name they give, the passcode when it has one. */
export const JoinReviewLinkInput = z.strictObject({
  token: text().min(10).max(200),
  name: PersonName,
  passcode: text().max(100).optional(),
});
/** The guest's credential (also set as a cookie): send it as `Authorization: Guest <secret>`. */
export const GuestJoined = z.object({ guestId: Id, name: z.string(), secret: z.string(), expiresAt: Timestamp });

/** What a guest sees: the session's title and date, and its playlist as a viewer sees it. */
export const GuestDailies = z.object({
  guest: z.object({ id: Id, name: z.string() }),
  session: z.object({ id: Id, title: z.string(), date: z.string(), status: z.enum(DAILIES_STATUSES) }),
  items: z.array(DailiesItem),
  participants: z.array(Participant),
  presenter: PresenterState.nullable(),
  expiresAt: Timestamp,
});
export type GuestDailies = z.infer<typeof GuestDailies>;
export const GuestTakeParams = z.strictObject({ takeId: Id });

// --- notes export -----------------------------------------------------------

export const NOTES_EXPORT_FORMATS = ['csv', 'json'] as const;
export const NotesExportQuery = z.strictObject({ format: z.enum(NOTES_EXPORT_FORMATS).default('json') });
export const NotesExport = z.object({ format: z.enum(NOTES_EXPORT_FORMATS), fileName: z.string(), content: z.string() });

/**
 * One note thread in the dailies notes shape, after the ASWF dailies notes assistant (DNA): its
 * draft notes carry `content`, `subject`, `links` to the shot and version, the `version_status`
 * and who wrote them, and its CSV has `shot`, `version` and `notes` columns. docs/dailies-notes.md
 * maps every field to Backlot's.
 */
export interface DailiesNoteRecord {
  playlist: string | null;
  shot: string;
  version: string;
  version_id: string;
  version_status: string;
  note_id: string;
  subject: string;
  content: string;
  author: string;
  created_at: string;
  updated_at: string;
  frame: number | null;
  frame_end: number | null;
  timecode: string | null;
  visibility: 'internal' | 'client';
  resolved: boolean;
  has_drawing: boolean;
  links: { entity_type: 'Shot' | 'Version' | 'Playlist'; entity_id: string; entity_name: string }[];
  replies: { note_id: string; author: string; created_at: string; content: string }[];
}

// --- live events --------------------------------------------------------------

/** Events about a session on the project's stream (and a guest's): the presenter moved, someone came or went, the playlist or session changed. */
export const DailiesEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dailies.presenter'), projectId: Id, sessionId: Id, state: PresenterState, at: Timestamp }),
  // One arrival or departure (the whole room is `GET …/dailies/:sessionId` or the presence answer), so an event stays small.
  z.object({ type: z.literal('dailies.presence'), projectId: Id, sessionId: Id, participant: Participant, present: z.boolean(), at: Timestamp }),
  z.object({ type: z.literal('dailies.changed'), projectId: Id, sessionId: Id, what: z.enum(['playlist', 'attendees', 'session', 'closed', 'log']), at: Timestamp }),
]);
export type DailiesEvent = z.infer<typeof DailiesEvent>;

/** Anything announced on a project's live stream. */
export type ProjectEvent = import('./takes.ts').TakeEvent | DailiesEvent;

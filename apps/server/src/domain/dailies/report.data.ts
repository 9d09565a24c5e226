/**
 * What a dailies report says, as plain data: the session, who attended, and each take played with
 * its poster, decision, criteria results, notes (with their frames and drawings), whether it is to
 * be regenerated and what it cost. Sessions fill it in; the report service turns it into a page
 * and a PDF. Also the sums the report shows, and the cut a client (viewer or guest) may see.
 */
import type { CRITERION_RESULTS, Drawing, ReviewState } from '@backlot/contracts';

/** One note on a take, as the report shows it. */
export interface ReportNote {
  author: string;
  body: string;
  /** The frame on the project's grid (0-based) and the same as timecode, when the note is at a frame. */
  frame: number | null;
  timecode: string | null;
  /** A drawing on that frame, in the frame's own pixel coordinates (the proxy's size). */
  drawing: Drawing | null;
  visibility: 'internal' | 'client';
  /** Replies, in order: who and what. */
  replies?: { author: string; body: string }[];
}

/** One take played in the session. */
export interface ReportTake {
  /** The take's code (TK004) and its shot's code (SC012_SH030). */
  code: string;
  shot: string;
  decision: ReviewState;
  /** Who decided, for the team's report. */
  decidedBy?: string | null;
  /** The poster JPEG in blob storage. */
  posterSha256: string | null;
  /** The review proxy in blob storage: the clip whose frames notes count, for annotated frames. */
  proxySha256?: string | null;
  criteria: { criterion: string; result: (typeof CRITERION_RESULTS)[number] }[];
  verdict?: string | null;
  notes: ReportNote[];
  /** Why this take is to be regenerated, or null when it is not. */
  regenerate: string | null;
  /** What its generation cost, in micro-units of the project's currency; null when unknown. */
  spendMicros: number | null;
}

/** Everything a dailies report says. */
export interface DailiesReportData {
  project: { code: string; name: string; currency: string };
  session: { name: string; date: string; closedAt: string | null };
  attendees: { name: string; role: string }[];
  takes: ReportTake[];
}

/** Who reads the report: the team (everything), or a client (a viewer or guest: no spend, no internal notes, no names of who decided). */
export type ReportAudience = 'team' | 'client';

/** The report as a client may read it (DESIGN.md §8): spend, internal notes and who decided taken out. */
export function forAudience(data: DailiesReportData, audience: ReportAudience): DailiesReportData {
  if (audience === 'team') return data;
  return {
    ...data,
    takes: data.takes.map((t) => ({ ...t, decidedBy: null, spendMicros: null, notes: t.notes.filter((n) => n.visibility === 'client') })),
  };
}

/** How many takes got each decision, in the order a take moves through review; decisions no take got are left out. */
export function decisionCounts(takes: Pick<ReportTake, 'decision'>[]): { decision: ReviewState; count: number }[] {
  const order: ReviewState[] = ['approved', 'selected', 'maybe', 'rejected', 'unreviewed'];
  return order.map((decision) => ({ decision, count: takes.filter((t) => t.decision === decision).length })).filter((c) => c.count > 0);
}

/** The spend of the takes whose spend is known, in micro-units; null when none is known (or shown). */
export function totalSpend(takes: Pick<ReportTake, 'spendMicros'>[]): number | null {
  const known = takes.map((t) => t.spendMicros).filter((s): s is number => s !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

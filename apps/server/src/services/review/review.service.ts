/**
 * Reviewing takes (DESIGN.md §2): decisions with their history, approval (one per shot, refused
 * when the take's own references are at risk unless an owner or producer overrides with a
 * reason), criteria, rating and verdict, in/out marks, comparisons and the best take of a shot.
 * Each change is audited and announced on the project's live stream in its own transaction.
 */
import type { CriteriaInput, MarksInput, ReviewEvent, ReviewInput, ReviewState, Role, TakeComparison } from '@backlot/contracts';
import { splitConsents } from '../../domain/assets/consent.rules.ts';
import { rightsStatus } from '../../domain/assets/rights.rules.ts';
import { projectChain } from '../../domain/audit/audit-chain.ts';
import { fail } from '../../domain/errors.ts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { compareTakes, type ComparedTake } from '../../domain/review/compare.rules.ts';
import { assertCriteria, assertMarks, assertReasonGiven, assertReviewChange, assertRiskOverride, bestTake, decisionOf } from '../../domain/review/review.rules.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Secrets } from '../../ports/crypto.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Repos, Store } from '../../ports/store.ts';
import type { TakeRecord } from '../../ports/take-store.ts';
import { appendAudit, type Actor } from '../audit/audit-append.ts';
import { takeCode } from '../generate/generate.service.ts';
import { announceTake } from '../generate/take-ledger.ts';
import { readsTakeDetail, readsTakeInFull, takeVisibleTo } from '../generate/take-presenter.ts';
import { logInRoom, openSessionOrThrow } from '../dailies/room-log.ts';

export interface ReviewDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  secrets: Secrets;
}

/** Why the take's own references (the versions it was made with) put it at risk today, naming each asset. */
async function risksOf(tx: Repos, take: TakeRecord, today: string): Promise<string[]> {
  const refs = await tx.takes.references([take.id]);
  const assetIds = [...new Set(refs.map((r) => r.assetId))];
  if (!assetIds.length) return [];
  const assets = await tx.assets.findMany(take.projectId, assetIds);
  const consents = await tx.assets.consents(assetIds);
  return assets.flatMap(
    (a) => rightsStatus({ name: a.name, clearance: a.clearance, flags: a.flags, everCleared: a.everCleared, ...splitConsents(consents.filter((c) => c.assetId === a.id)) }, today).reasons,
  );
}

export function createReviewService(deps: ReviewDeps) {
  const read = deps.store.read;
  const now = () => deps.clock.now().toISOString();

  /** The take, if the member may see it; one they may not see is answered like one that does not exist. */
  async function visibleTake(repos: Repos, projectId: string, role: Role, takeId: string): Promise<TakeRecord> {
    const take = await repos.takes.findById(projectId, takeId);
    if (!take || !takeVisibleTo(role, take)) fail('take.not_found', 'No such take in this project.');
    return take;
  }

  /** Only a finished picture can be judged. */
  function assertReviewable(take: TakeRecord, shotCode: string): void {
    if (take.status !== 'succeeded') {
      fail('review.not_reviewable', `${shotCode} ${takeCode(take.number)} is ${take.status.replace('_', ' ')}; only a take that rendered successfully can be reviewed.`);
    }
  }

  async function shotOf(repos: Repos, take: TakeRecord) {
    return (await repos.shots.findById(take.projectId, take.shotId)) ?? fail('shot.not_found', 'No such shot in this project.');
  }

  return {
    /**
     * Rejects, maybes, selects, approves or revokes an approval, with a reason where the project
     * asks for one. Approving needs the take to be
     * selected, no other approved take of the shot, and references not at risk (or an override
     * with a reason by a role that may override); the shot becomes approved, and returns to in
     * progress when the approval is revoked.
     */
    async setReview(actor: Actor, role: Role, projectId: string, takeId: string, input: ReviewInput): Promise<TakeRecord> {
      return deps.store.transaction(async (tx) => {
        const first = await visibleTake(tx, projectId, role, takeId);
        // A decision made in dailies is kept with the session, which must be open.
        const session = input.sessionId === undefined ? undefined : await openSessionOrThrow(tx, projectId, input.sessionId);
        await tx.review.lockShot(first.shotId);
        // Read again under the lock: a decision made meanwhile is the one this one starts from.
        const take = (await tx.takes.findById(projectId, takeId))!;
        const shot = await shotOf(tx, take);
        const code = takeCode(take.number);
        assertReviewable(take, shot.code);
        const from = take.review as ReviewState;
        const to = input.state;
        const kind = assertReviewChange({ from, to, canApprove: roleMay(role, 'review.decide'), takeCode: code });
        if (kind === 'none') return take;
        const reason = input.reason?.trim() || null;
        const project = (await tx.projects.findById(projectId)) ?? fail('project.not_found', 'No such project.');
        assertReasonGiven(decisionOf(kind, to), project.review.reasonRequiredFor, reason, code);
        let risks: string[] = [];

        if (kind === 'approve') {
          const approved = await tx.takes.approvedForShot(shot.id);
          if (approved && approved.id !== take.id) {
            fail('review.already_approved', `${takeCode(approved.number)} is already the approved take of ${shot.code}; revoke its approval first (a shot has one approved take).`);
          }
          risks = await risksOf(tx, take, now().slice(0, 10));
          assertRiskOverride({
            risks,
            override: !!input.override,
            reason,
            role,
            mayOverride: roleMay(role, 'review.override'),
            subject: code,
            done: 'approved',
            doIt: 'approve it',
            doing: 'approve',
            codes: { atRisk: 'review.at_risk', denied: 'review.override_denied' },
          });
        }
        const override = risks.length > 0;
        const at = now();

        await tx.takes.update(take.id, { review: to, updatedAt: at });
        if (kind === 'approve' && shot.status !== 'approved') await tx.shots.update(shot.id, { status: 'approved', updatedAt: at });
        if (kind === 'revoke' && shot.status === 'approved') await tx.shots.update(shot.id, { status: 'in_progress', updatedAt: at });
        await tx.review.insertEvent({ id: deps.ids.next(), takeId: take.id, from, to, actorId: actor.accountId, actorName: actor.name, reason, override, at, sessionId: session?.id ?? null });
        const what =
          kind === 'approve'
            ? override
              ? `approved ${shot.code} ${code} overriding a rights risk (${risks.join('; ')})`
              : `approved ${shot.code} ${code}`
            : kind === 'revoke'
              ? `revoked the approval of ${shot.code} ${code}`
              : `marked ${shot.code} ${code} ${to} (was ${from})`;
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: kind === 'approve' ? (override ? 'take.approved_with_override' : 'take.approved') : kind === 'revoke' ? 'take.approval_revoked' : 'take.reviewed',
          targetType: 'take',
          targetId: take.id,
          // A decision made in dailies says in which session, so the log reads as the room decided.
          summary: `${actor.name} ${what}${session ? ` in dailies “${session.title}”` : ''}${reason ? `: ${reason}` : ''}`,
          data: { from, to, reason, override, ...(override ? { risks } : {}), ...(session ? { sessionId: session.id } : {}) },
        });
        if (session) {
          // Who decided and why are for the crew; a viewer's log says what changed alone (§8).
          await logInRoom(
            tx,
            deps,
            session,
            {
              kind: 'decision',
              actorId: actor.accountId,
              actorName: actor.name,
              takeId: take.id,
              summary: `${actor.name} ${what}${reason ? `: ${reason}` : ''}`,
              data: { takeCode: `${shot.code} ${code}`, from, to, publicSummary: `${shot.code} ${code}: ${from} → ${to}` },
            },
            at,
          );
        }
        await announceTake(tx, take, at);
        return (await tx.takes.get(take.id))!;
      });
    },

    /** Every decision on a take, oldest first; a viewer reads what changed and when, never who decided or why (DESIGN.md §8). */
    async history(projectId: string, role: Role, takeId: string): Promise<{ events: ReviewEvent[] }> {
      await visibleTake(read, projectId, role, takeId);
      const events = await read.review.events(takeId);
      const detail = readsTakeDetail(role);
      return { events: events.map((e) => ({ id: e.id, from: e.from, to: e.to, at: e.at, ...(detail ? { by: e.actorName, reason: e.reason, override: e.override } : {}) })) };
    },

    /** The shot's current review criteria checked on this take (each at most once), a rating and a verdict. */
    async setCriteria(actor: Actor, role: Role, projectId: string, takeId: string, input: CriteriaInput): Promise<TakeRecord> {
      return deps.store.transaction(async (tx) => {
        const take = await visibleTake(tx, projectId, role, takeId);
        const shot = await shotOf(tx, take);
        assertReviewable(take, shot.code);
        assertCriteria(input.results, shot.plan.reviewCriteria);
        const at = now();
        await tx.takes.update(take.id, { criteria: input.results, rating: input.rating, verdict: input.verdict, updatedAt: at });
        const count = (r: string) => input.results.filter((x) => x.result === r).length;
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'take.criteria_set',
          targetType: 'take',
          targetId: take.id,
          summary: `${actor.name} checked ${shot.code} ${takeCode(take.number)}: ${count('pass')} pass, ${count('fail')} fail, ${count('unsure')} unsure; ${input.rating === null ? 'not rated' : `rated ${input.rating}/5`}${input.verdict ? ` — “${input.verdict}”` : ''}`,
          data: { results: input.results, rating: input.rating, verdict: input.verdict },
        });
        await announceTake(tx, take, at);
        return (await tx.takes.get(take.id))!;
      });
    },

    /** Sets or clears the in and out marks, which must fall on the take's frames on the project grid. */
    async setMarks(actor: Actor, role: Role, projectId: string, takeId: string, input: MarksInput): Promise<TakeRecord> {
      return deps.store.transaction(async (tx) => {
        const take = await visibleTake(tx, projectId, role, takeId);
        const shot = await shotOf(tx, take);
        const code = takeCode(take.number);
        assertReviewable(take, shot.code);
        const media = take.media ?? fail('take.no_media', `${shot.code} ${code} has no picture to mark.`);
        assertMarks(input, media.proxyFrames, code);
        const at = now();
        await tx.takes.update(take.id, { inFrame: input.in, outFrame: input.out, updatedAt: at });
        const frame = (f: number | null) => (f === null ? 'none' : `frame ${f}`);
        await appendAudit(tx, deps, {
          chain: projectChain(projectId),
          actor,
          action: 'take.marks_set',
          targetType: 'take',
          targetId: take.id,
          summary: `${actor.name} marked ${shot.code} ${code} in at ${frame(input.in)}, out at ${frame(input.out)} (was ${frame(take.inFrame)} to ${frame(take.outFrame)})`,
          data: { in: input.in, out: input.out, previous: { in: take.inFrame, out: take.outFrame } },
        });
        await announceTake(tx, take, at);
        return (await tx.takes.get(take.id))!;
      });
    },

    /**
     * What differs between two to four takes the member may see, in the order asked. Prompt, seed,
     * settings, request and plan are compared only when the member may read them on every take;
     * a viewer, who reads the picture alone, is told only which shots they are from.
     */
    async compare(projectId: string, role: Role, takeIds: string[]): Promise<TakeComparison> {
      const takes: TakeRecord[] = [];
      for (const id of takeIds) takes.push(await visibleTake(read, projectId, role, id));
      const detail = !readsTakeDetail(role) ? 'picture' : takes.every((t) => readsTakeInFull(role, t)) ? 'full' : 'outline';
      const refs = await read.takes.references(takes.map((t) => t.id));
      const names = new Map((await read.assets.findMany(projectId, [...new Set(refs.map((r) => r.assetId))])).map((a) => [a.id, a.name]));
      const shots = new Map<string, { code: string }>();
      for (const shotId of new Set(takes.map((t) => t.shotId))) shots.set(shotId, { code: (await read.shots.findById(projectId, shotId))?.code ?? '' });
      const compared: ComparedTake[] = [];
      for (const t of takes) {
        const plan = detail === 'full' ? (await read.shots.version(t.shotId, t.planVersion))?.plan : undefined;
        compared.push({
          id: t.id,
          shotCode: shots.get(t.shotId)?.code ?? '',
          planVersion: t.planVersion,
          plan,
          provider: t.provider,
          model: t.model,
          seed: t.seed,
          settings: t.settings,
          prompt: t.prompt,
          negativePrompt: t.negativePrompt,
          request: t.request && { url: t.request.url, body: t.request.body },
          references: refs.filter((r) => r.takeId === t.id).map((r) => ({ assetId: r.assetId, name: names.get(r.assetId) ?? 'removed reference', version: r.assetVersion, role: r.role })),
        });
      }
      return compareTakes(compared, detail);
    },

    /**
     * The best take of a shot among those the member may see, and why; null when none stands out
     * yet. A viewer is told its state alone, not its rating or verdict (DESIGN.md §8).
     */
    async best(projectId: string, role: Role, shotId: string): Promise<{ takeId: string; why: string } | null> {
      const takes = (await read.takes.listForShot(shotId)).filter((t) => t.projectId === projectId && t.status === 'succeeded' && takeVisibleTo(role, t));
      const best = bestTake(takes.map((t) => ({ id: t.id, code: takeCode(t.number), number: t.number, review: t.review as ReviewState, rating: t.rating, verdict: t.verdict })));
      if (!best || readsTakeDetail(role)) return best;
      const take = takes.find((t) => t.id === best.takeId)!;
      return { takeId: best.takeId, why: take.review === 'approved' ? `${takeCode(take.number)} is the approved take` : `${takeCode(take.number)} is selected` };
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;

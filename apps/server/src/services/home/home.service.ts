/**
 * A member's home across their open projects: notes that mention them, new notes on takes they
 * made, rendered takes waiting for a decision (where they decide), their failed or refused
 * generations, and shots at risk from their references' rights (where they read plans). Each item
 * is filtered by the member's role in its project exactly as the take and note routes are, and
 * carries no prompt, seed or cost (those who manage spend also see budgets past 80 % and today's
 * spend). Read state is kept per item key, so an item that changes
 * meaning (a shot at risk for a new reason) comes back unread.
 */
import type { HomeFeed, HomeItem, HomeReadInput, Role } from '@backlot/contracts';
import { roleMay } from '../../domain/permissions/permissions.ts';
import { noteVisibleTo } from '../../domain/review/notes.rules.ts';
import type { AssetRecord } from '../../ports/asset-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { HomeNoteRow, HomeTakeRow } from '../../ports/home-store.ts';
import { formatAmount } from '../../domain/project/project.rules.ts';
import { ledgerBalance } from '../../domain/ledger/ledger.rules.ts';
import { dayStart } from '../../domain/ledger/spend-limits.rules.ts';
import { pastAlertLine, usedPercent } from '../../domain/ledger/spend-views.rules.ts';
import type { ProjectRecord, Store } from '../../ports/store.ts';
import { takeCode } from '../generate/generate.service.ts';
import { takeMediaUrl, takeVisibleTo } from '../generate/take-presenter.ts';

export interface HomeDeps {
  store: Store;
  clock: Clock;
  /** The rights of references, from their records and today's date. */
  riskOf: (assets: AssetRecord[]) => Promise<Map<string, { atRisk: boolean; reasons: string[] }>>;
}

/** How many items of each kind home looks at, and how many it shows. */
const PER_KIND = 50;
const SHOWN = 100;
/** How much of a note's words an item carries. */
const EXCERPT = 280;

type Project = ProjectRecord & { role: Role };
type Unread = Omit<HomeItem, 'read'>;

const excerpt = (body: string) => (body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body);

export function createHomeService(deps: HomeDeps) {
  const read = deps.store.read;

  function takeOf(p: Project, t: HomeTakeRow): NonNullable<HomeItem['take']> {
    return { id: t.takeId, code: takeCode(t.number), shotCode: t.shotCode, poster: t.posterSha256 ? takeMediaUrl(p.id, t.takeId, t.posterSha256) : null };
  }
  const projectOf = (p: Project) => ({ id: p.id, code: p.code, name: p.name });

  /** A note the member may see in that project: its take is one they see, and so is the note (a viewer: client-visible ones). */
  const noteSeen = (p: Project, r: HomeNoteRow) => takeVisibleTo(p.role, { review: r.take.review, outputHidden: r.take.outputHidden }) && noteVisibleTo(p.role, r.note);

  async function shotsAtRisk(p: Project): Promise<Unread[]> {
    const shots = (await read.shots.list(p.id)).filter((s) => s.status !== 'omitted');
    if (shots.length === 0) return [];
    const refs = await read.references.currentForShots(shots.map((s) => s.id));
    const assets = await read.assets.findMany(p.id, [...new Set(refs.map((r) => r.assetId))]);
    const risk = await deps.riskOf(assets);
    const byId = new Map(assets.map((a) => [a.id, a]));
    const items: Unread[] = [];
    for (const shot of shots) {
      const risky = [...new Set(refs.filter((r) => r.shotId === shot.id).map((r) => r.assetId))].map((id) => byId.get(id)).filter((a): a is AssetRecord => !!a && !!risk.get(a.id)?.atRisk);
      if (risky.length === 0) continue;
      const at = risky
        .map((a) => a.updatedAt)
        .sort()
        .at(-1)!;
      const reasons = [...new Set(risky.flatMap((a) => risk.get(a.id)!.reasons))];
      items.push({
        key: `risk:${shot.id}:${at}`,
        kind: 'shot_at_risk',
        at,
        title: `${shot.code} is at risk`,
        detail: reasons.join(' '),
        project: projectOf(p),
        shot: { id: shot.id, code: shot.code },
      });
    }
    return items;
  }

  /**
   * For those who manage a project's spend: a budget alert for the project and for each scene whose
   * budget is 80 % or more held or spent (the key names the band, 80 or 100 %, so passing the whole
   * budget comes back unread), and today's spend (settled since midnight UTC, and held now) when
   * there is any.
   */
  async function spendItems(p: Project, now: Date): Promise<Unread[]> {
    const items: Unread[] = [];
    const at = now.toISOString();
    const cur = p.currency;
    const alert = (scope: string, what: string, budget: number, held: number, spent: number) => {
      if (!pastAlertLine(budget, held + spent)) return;
      const band = held + spent >= budget ? 100 : 80;
      items.push({
        key: `budget:${p.id}:${scope}:${band}`,
        kind: 'budget_alert',
        at,
        title: `${what} budget is ${usedPercent(budget, held + spent)} % used`,
        detail: `${formatAmount(held + spent)} ${cur} of ${formatAmount(budget)} ${cur}: ${formatAmount(spent)} spent and ${formatAmount(held)} held for takes in flight.`,
        project: projectOf(p),
      });
    };
    const balance = ledgerBalance(p.budgetMicros, await read.ledger.totals(p.id));
    alert('project', `${p.code}'s`, p.budgetMicros, balance.heldMicros, balance.spentMicros);
    const budgets = await read.spendLimits.sceneBudgets(p.id);
    if (budgets.length) {
      const totals = new Map((await read.ledger.totalsByScene(p.id)).map((t) => [t.sceneId, t]));
      const numbers = new Map((await read.scenes.list(p.id)).map((s) => [s.id, s.number]));
      for (const b of budgets) {
        const t = totals.get(b.sceneId) ?? { reserved: 0, settled: 0, released: 0 };
        alert(b.sceneId, `Scene ${numbers.get(b.sceneId) ?? '?'}'s`, b.amountMicros, t.reserved - t.released, t.settled);
      }
    }
    const day = dayStart(now);
    const settled = await read.spend.settledSince(p.id, day);
    if (settled > 0 || balance.heldMicros > 0) {
      items.push({
        key: `spend-today:${p.id}:${day.slice(0, 10)}`,
        kind: 'spend_today',
        at,
        title: `Today's spend on ${p.code}: ${formatAmount(settled + balance.heldMicros)} ${cur}`,
        detail: `${formatAmount(settled)} ${cur} settled today (UTC) and ${formatAmount(balance.heldMicros)} ${cur} held for takes in flight.`,
        project: projectOf(p),
      });
    }
    return items;
  }

  /** Every item that concerns the member now, newest first, without read state. */
  async function items(accountId: string): Promise<Unread[]> {
    const projects = await read.projects.listForAccount(accountId, 'exclude');
    const byId = new Map(projects.map((p) => [p.id, p]));
    const ids = projects.map((p) => p.id);
    const out: Unread[] = [];

    const mentions = (await read.home.mentioning(accountId, ids, PER_KIND)).filter((r) => noteSeen(byId.get(r.note.projectId)!, r));
    for (const r of mentions) {
      const p = byId.get(r.note.projectId)!;
      const take = takeOf(p, r.take);
      out.push({
        key: `mention:${r.note.id}`,
        kind: 'mention',
        at: r.note.createdAt,
        title: `${r.note.authorName} mentioned you on ${take.shotCode} ${take.code}`,
        detail: excerpt(r.note.body),
        project: projectOf(p),
        take,
        note: { id: r.note.id, authorName: r.note.authorName, frame: r.note.frame },
      });
    }
    const mentioned = new Set(mentions.map((r) => r.note.id));
    for (const r of await read.home.onTakesBy(accountId, ids, PER_KIND)) {
      const p = byId.get(r.note.projectId)!;
      if (mentioned.has(r.note.id) || !noteSeen(p, r)) continue;
      const take = takeOf(p, r.take);
      const did = r.note.parentId ? 'replied on' : 'wrote a note on';
      out.push({
        key: `note:${r.note.id}`,
        kind: 'note_on_my_take',
        at: r.note.createdAt,
        title: `${r.note.authorName} ${did} your take ${take.shotCode} ${take.code}`,
        detail: excerpt(r.note.body),
        project: projectOf(p),
        take,
        note: { id: r.note.id, authorName: r.note.authorName, frame: r.note.frame },
      });
    }

    const generating = projects.filter((p) => roleMay(p.role, 'take.generate')).map((p) => p.id);
    for (const t of await read.home.failedTakesBy(accountId, generating, PER_KIND)) {
      const p = byId.get(t.projectId)!;
      const take = takeOf(p, t);
      const refused = t.error?.category === 'moderation';
      out.push({
        key: `failed:${t.takeId}`,
        kind: 'generation_failed',
        at: t.at,
        title: `${take.shotCode} ${take.code} ${refused ? 'was refused' : 'failed'}`,
        detail: t.error?.message ?? 'The generation did not finish.',
        project: projectOf(p),
        take,
      });
    }

    const deciding = projects.filter((p) => roleMay(p.role, 'review.decide')).map((p) => p.id);
    for (const t of await read.home.unreviewed(deciding, PER_KIND)) {
      const p = byId.get(t.projectId)!;
      const take = takeOf(p, t);
      out.push({
        key: `decide:${t.takeId}`,
        kind: 'awaiting_decision',
        at: t.at,
        title: `${take.shotCode} ${take.code} is waiting for a decision`,
        detail: 'Rendered and not reviewed yet.',
        project: projectOf(p),
        take,
      });
    }

    const signing = projects.filter((p) => roleMay(p.role, 'spend.manage')).map((p) => p.id);
    for (const t of await read.home.awaitingSignOff(signing, PER_KIND)) {
      const p = byId.get(t.projectId)!;
      const take = takeOf(p, t);
      out.push({
        key: `sign-off:${t.takeId}`,
        kind: 'awaiting_sign_off',
        at: t.requestedAt,
        title: `${t.requestedByName} asks for ${take.shotCode} ${take.code}: waiting for your sign-off`,
        detail: `This take is estimated at ${formatAmount(t.estimateMicros)} ${t.currency}; the request it is part of is over the project's sign-off threshold of ${p.generation.signOffAbove ?? '—'} ${t.currency}.`,
        project: projectOf(p),
        take,
      });
    }
    for (const t of await read.home.signOffsFor(accountId, generating, PER_KIND)) {
      const p = byId.get(t.projectId)!;
      const take = takeOf(p, t);
      const s = t.signOff!;
      out.push({
        key: `signed:${t.takeId}`,
        kind: 'sign_off_decided',
        at: s.at,
        title: s.decision === 'signed_off' ? `${s.byName} signed off ${take.shotCode} ${take.code}` : `${s.byName} refused to sign off ${take.shotCode} ${take.code}`,
        detail: s.decision === 'signed_off' ? `It is queued and will be generated.${s.reason ? ` ${s.reason}` : ''}` : `Why: ${s.reason ?? '—'}`,
        project: projectOf(p),
        take,
      });
    }
    for (const p of projects.filter((x) => roleMay(x.role, 'project.read'))) out.push(...(await shotsAtRisk(p)));
    const now = deps.clock.now();
    for (const p of projects.filter((x) => roleMay(x.role, 'spend.manage'))) out.push(...(await spendItems(p, now)));

    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key.localeCompare(b.key))).slice(0, SHOWN);
  }

  async function feed(accountId: string): Promise<HomeFeed> {
    const all = await items(accountId);
    const seen = await read.home.readKeys(
      accountId,
      all.map((i) => i.key),
    );
    const withRead = all.map((i): HomeItem => ({ ...i, read: seen.has(i.key) }));
    return { items: withRead, unread: withRead.filter((i) => !i.read).length };
  }

  return {
    feed,

    /** Marks items read (some by key, or all that home shows now); answers how many stay unread. */
    async markRead(accountId: string, input: Pick<HomeReadInput, 'keys' | 'all'>): Promise<{ unread: number }> {
      const keys = input.all ? (await items(accountId)).map((i) => i.key) : (input.keys ?? []);
      if (keys.length) await deps.store.transaction((tx) => tx.home.markRead(accountId, keys, deps.clock.now().toISOString()));
      return { unread: (await feed(accountId)).unread };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;

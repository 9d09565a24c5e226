/** Repository interface for the spend views: ledger sums grouped by what a take was, and the per-take export. */
import type { SpendGrouping } from '@backlot/contracts';

/** One group's sums, in micro-units; `key` names the provider, model (`provider/model`), member, scene, shot or day. */
export interface SpendGroupRow {
  key: string;
  /** The group's name as stored with it: the member's name, the shot's code; otherwise the key. */
  name: string;
  takes: number;
  estimated: number;
  /** Reserved − released now. */
  held: number;
  settled: number;
  /** Settled on takes whose review is rejected. */
  rejects: number;
}

/** An approved take's proxy length, with what it is grouped by. */
export interface ApprovedTakeRow {
  sceneId: string;
  provider: string;
  model: string;
  /** Frames of its proxy on the project's grid; null before ingest recorded them. */
  proxyFrames: number | null;
}

/** One take as the spend export writes it: what it was, and its ledger sums in micro-units. */
export interface SpendExportRow {
  takeId: string;
  sceneNumber: string;
  shotCode: string;
  number: number;
  provider: string;
  model: string;
  requestedByName: string;
  status: string;
  review: string;
  estimated: number;
  reserved: number;
  held: number;
  settled: number;
  priceSource: string | null;
  requestedAt: string;
  finishedAt: string | null;
}

export interface SpendRepository {
  /** Per group, over every take of the project: takes, estimates and the ledger's sums (one GROUP BY). */
  groupBy(projectId: string, by: SpendGrouping): Promise<SpendGroupRow[]>;
  /** The project's approved takes (at most one a shot) with their proxies' frames. */
  approvedTakes(projectId: string): Promise<ApprovedTakeRow[]>;
  /** Settlements written since a time, in micro-units. */
  settledSince(projectId: string, since: string): Promise<number>;
  /** A page of the per-take export in request order, after the take (requestedAt, id) when given. */
  exportPage(projectId: string, after: { requestedAt: string; takeId: string } | null, limit: number): Promise<SpendExportRow[]>;
}

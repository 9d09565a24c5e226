/** Repository interfaces for pre-production: scenes, shots, their plan versions, and script characters. */
import type { ShotPlan } from '@backlot/contracts';

export interface SceneRecord {
  id: string;
  projectId: string;
  number: string;
  heading: string;
  beat: string;
  excerpt: string;
  characters: string[];
  position: number;
  omittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** From a screenplay import, or added by hand; a re-import never omits a scene added by hand. Absent on insert: imported. */
  origin?: 'imported' | 'manual';
}

export type ShotStatus = 'planned' | 'locked' | 'in_progress' | 'approved' | 'omitted';

export interface ShotRecord {
  id: string;
  projectId: string;
  sceneId: string;
  code: string;
  position: number;
  status: ShotStatus;
  planVersion: number;
  lockedAt: string | null;
  lockedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A shot with its scene number and its current plan, as lists show it. */
export interface ShotView extends ShotRecord {
  sceneNumber: string;
  plan: ShotPlan;
}

export interface PlanVersionRecord {
  shotId: string;
  version: number;
  plan: ShotPlan;
  authorId: string | null;
  authorName: string;
  note: string | null;
  createdAt: string;
}

/** A window of a long list: `limit` items from `offset` (0 is the first). */
export interface PageWindow {
  limit: number;
  offset: number;
}

/** One page of a list, and how many items the whole list holds. */
export interface Page<T> {
  items: T[];
  total: number;
}

export type ScenePatch = Partial<Pick<SceneRecord, 'number' | 'heading' | 'beat' | 'excerpt' | 'characters' | 'position' | 'omittedAt' | 'updatedAt'>>;

export interface SceneRepository {
  /** In order, each with its count of shots that are not omitted. */
  list(projectId: string): Promise<(SceneRecord & { shotCount: number })[]>;
  /** One page of the same list. */
  page(projectId: string, window: PageWindow): Promise<Page<SceneRecord & { shotCount: number }>>;
  findById(projectId: string, id: string): Promise<SceneRecord | undefined>;
  findByNumber(projectId: string, number: string): Promise<SceneRecord | undefined>;
  insert(s: SceneRecord): Promise<void>;
  update(id: string, patch: ScenePatch): Promise<void>;
  /** Sets positions 0..n-1 in the order given. */
  setPositions(projectId: string, idsInOrder: string[]): Promise<void>;
  /** Shots of a scene that are not omitted. */
  countShots(sceneId: string): Promise<number>;
}

export type ShotPatch = Partial<Pick<ShotRecord, 'code' | 'position' | 'status' | 'planVersion' | 'lockedAt' | 'lockedBy' | 'updatedAt'>>;

export interface ShotRepository {
  /** Shots in scene order then shot order, with their current plans. */
  list(projectId: string, sceneId?: string): Promise<ShotView[]>;
  /** One page of the same list (one scene's with `sceneId`). */
  page(projectId: string, window: PageWindow & { sceneId?: string }): Promise<Page<ShotView>>;
  findById(projectId: string, id: string): Promise<ShotView | undefined>;
  findByCode(projectId: string, code: string): Promise<ShotRecord | undefined>;
  codes(projectId: string): Promise<Set<string>>;
  insert(s: ShotRecord): Promise<void>;
  update(id: string, patch: ShotPatch): Promise<void>;
  setPositions(sceneId: string, idsInOrder: string[]): Promise<void>;
  insertVersion(v: PlanVersionRecord): Promise<void>;
  version(shotId: string, version: number): Promise<PlanVersionRecord | undefined>;
  versions(shotId: string): Promise<PlanVersionRecord[]>;
}

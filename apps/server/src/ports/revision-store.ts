/** Repository interface for script revisions and locked scene numbering. */

/** Who locked a project's scene numbers, and when. */
export interface NumberingLockRecord {
  projectId: string;
  lockedBy: string | null;
  lockedByName: string;
  lockedAt: string;
}

/** One applied screenplay import. */
export interface RevisionRecord {
  id: string;
  projectId: string;
  number: number;
  colour: string;
  fileName: string | null;
  title: string | null;
  authorId: string | null;
  authorName: string;
  added: number;
  changed: number;
  omitted: number;
  createdAt: string;
}

export type SceneChangeKind = 'added' | 'changed' | 'omitted';

/** What one revision did to one scene. */
export interface SceneRevisionRecord {
  sceneId: string;
  revisionId: string;
  change: SceneChangeKind;
  parts: string[];
}

/** A scene's change with its revision's number, colour and date, as a scene lists them. */
export interface SceneRevisionView extends SceneRevisionRecord {
  revisionNumber: number;
  colour: string;
  createdAt: string;
  sceneNumber: string;
  heading: string;
}

export interface RevisionRepository {
  numberingLock(projectId: string): Promise<NumberingLockRecord | undefined>;
  /** Locks (a record) or unlocks (null) a project's scene numbers. */
  setNumberingLock(projectId: string, lock: NumberingLockRecord | null): Promise<void>;
  /** The project's revisions, first (white) first. */
  list(projectId: string): Promise<RevisionRecord[]>;
  /** The highest revision number of the project, 0 before the first import. */
  latestNumber(projectId: string): Promise<number>;
  insert(revision: RevisionRecord, changes: SceneRevisionRecord[]): Promise<void>;
  /** Every scene change of the project (of the scenes named, when given), oldest revision first. */
  sceneChanges(projectId: string, sceneIds?: string[]): Promise<SceneRevisionView[]>;
}

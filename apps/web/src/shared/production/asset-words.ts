/** References in the crew's words: kinds, rights sources, flags, clearance, roles on a plan and the views of a sheet. */
import type { AssetKind, ClearanceState, ReferenceRole } from '@backlot/contracts';

export const KIND_NAMES: Record<AssetKind, string> = {
  character: 'Character',
  wardrobe: 'Wardrobe',
  location: 'Location',
  prop: 'Prop',
  'frame-anchor': 'Frame anchor',
  'reference-video': 'Reference video',
  audio: 'Audio',
  style: 'Style',
};

/** What each kind holds, said when a reference is added. */
export const KIND_HINTS: Record<AssetKind, string> = {
  character: 'Pictures of a person or creature; a sheet can hold front, side and back views.',
  wardrobe: 'Pictures of a costume; a sheet can hold several views.',
  location: 'A picture or a clip of a place.',
  prop: 'A picture of an object.',
  'frame-anchor': 'A still that a shot starts or ends on.',
  'reference-video': 'A clip whose movement or timing a shot follows.',
  audio: 'Dialogue, music or sound a shot is cut to.',
  style: 'A picture or a clip of a look.',
};

export const SOURCE_NAMES = {
  original: 'Original (made by the production)',
  licensed: 'Licensed',
  stock: 'Stock',
  client: 'Supplied by the client',
  'public-domain': 'Public domain',
  generated: 'Generated',
} as const;

export const FLAG_NAMES = {
  copyrighted: 'Copyrighted material',
  likeness: "A real person's likeness",
  confidential: 'Client-confidential',
} as const;

export const CLEARANCE_NAMES: Record<ClearanceState, string> = {
  uncleared: 'not cleared',
  pending: 'clearance pending',
  cleared: 'cleared',
  restricted: 'restricted',
};

/** The colour of a clearance state; always shown with its name. */
export const CLEARANCE_TONES: Record<ClearanceState, 'muted' | 'warn' | 'ok' | 'danger'> = {
  uncleared: 'muted',
  pending: 'warn',
  cleared: 'ok',
  restricted: 'danger',
};

export const ROLE_NAMES: Record<ReferenceRole, string> = {
  character: 'Character',
  wardrobe: 'Wardrobe',
  location: 'Location',
  prop: 'Prop',
  'start-frame': 'Start frame',
  'end-frame': 'End frame',
  motion: 'Motion',
  audio: 'Audio',
  style: 'Style',
};

/** The role a reference of a kind usually plays on a plan. */
export function defaultRole(kind: AssetKind): ReferenceRole {
  switch (kind) {
    case 'frame-anchor':
      return 'start-frame';
    case 'reference-video':
      return 'motion';
    default:
      return kind;
  }
}

/** Kinds whose version may be a sheet of several named views. */
export const SHEET_KINDS: readonly AssetKind[] = ['character', 'wardrobe'];

/** View names offered for the files of a version ("main" when there is one file). */
export const VIEWS = ['main', 'front', 'side', 'back', 'three-quarter', 'close-up', 'detail'] as const;

/** The view a new file of a sheet takes by default, given the views already chosen. */
export function nextView(taken: readonly string[]): string {
  if (taken.length === 0) return 'main';
  return VIEWS.slice(1).find((v) => !taken.includes(v)) ?? `view-${taken.length + 1}`;
}

/** The version a member usually wants: the locked one, else the latest. */
export function preferredVersion(asset: { lockedVersion: number | null; currentVersion: number }): number {
  return asset.lockedVersion ?? asset.currentVersion;
}

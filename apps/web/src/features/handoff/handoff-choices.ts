/** What the member chooses for a handoff, as the query the preview and the download share. */
import type { HANDOFF_FCPXML_VERSIONS, HandoffQueryInput } from '@backlot/contracts';

export type FcpxmlVersion = (typeof HANDOFF_FCPXML_VERSIONS)[number];

export interface HandoffChoices {
  /** Scene ids; empty for the whole project. */
  scenes: string[];
  takes: 'approved' | 'selected';
  handles: number;
  formats: { otio: boolean; otioz: boolean; edl: boolean; fcpxml: boolean; mlt: boolean };
  fcpxmlVersion: FcpxmlVersion;
  proxies: boolean;
  override: boolean;
  reason: string;
}

export const DEFAULT_CHOICES: HandoffChoices = {
  scenes: [],
  takes: 'approved',
  handles: 0,
  formats: { otio: true, otioz: false, edl: true, fcpxml: true, mlt: true },
  fcpxmlVersion: '1.11',
  proxies: false,
  override: false,
  reason: '',
};

/** The choices as the API's query (strings, as a link carries them). */
export function handoffQuery(c: HandoffChoices): Record<string, string> {
  const formats = (Object.keys(c.formats) as (keyof HandoffChoices['formats'])[]).filter((f) => c.formats[f]);
  const q: Record<string, string> = { takes: c.takes, handles: String(c.handles), formats: formats.join(','), fcpxmlVersion: c.fcpxmlVersion, proxies: String(c.proxies) };
  if (c.scenes.length) q.scenes = c.scenes.join(',');
  if (c.override) {
    q.override = 'true';
    q.reason = c.reason;
  }
  return q;
}

/** The address of the package zip for these choices: a plain link, so the browser streams it to disk. */
export function zipHref(projectId: string, c: HandoffChoices): string {
  return `/api/v1/projects/${encodeURIComponent(projectId)}/handoff.zip?${new URLSearchParams(handoffQuery(c)).toString()}`;
}

/** The typed query for the preview call. */
export function previewQuery(c: HandoffChoices): HandoffQueryInput {
  return handoffQuery(c) as HandoffQueryInput;
}

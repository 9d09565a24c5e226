/** Where a member's browser fetches a project's stored files: originals by their SHA-256, to members only. */

export function mediaUrl(projectId: string, sha256: string): string {
  return `/api/v1/projects/${projectId}/media/${sha256}`;
}

/** The original as a download (recorded in the audit log). */
export function downloadUrl(projectId: string, sha256: string): string {
  return `${mediaUrl(projectId, sha256)}?download=1`;
}

/** Image types every current browser draws; others (TIFF) show their preview instead. */
const DRAWABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

export function browserDraws(mediaType: string): boolean {
  return DRAWABLE.has(mediaType);
}

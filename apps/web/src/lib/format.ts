/** How dates, frame rates, resolutions and hashes read on screen. */

const RATE_NAMES: Record<string, string> = {
  '24/1': '24',
  '24000/1001': '23.976',
  '25/1': '25',
  '30000/1001': '29.97',
  '30/1': '30',
  '48/1': '48',
  '50/1': '50',
  '60000/1001': '59.94',
  '60/1': '60',
};

/** "23.976 fps" for 24000/1001. */
export function rateLabel(rate: string): string {
  return `${RATE_NAMES[rate] ?? rate} fps`;
}

/** Drop-frame timecode exists only for 29.97 and 59.94; the same rule the server applies. */
export { dropFrameAllowedAt as dropFrameAllowed } from '@backlot/contracts';

export function timecodeLabel(mode: 'ndf' | 'df'): string {
  return mode === 'df' ? 'Drop-frame (DF)' : 'Non-drop-frame (NDF)';
}

export function resolutionLabel(r: { width: number; height: number }): string {
  return `${r.width}×${r.height}`;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "27 Nov 2025, 10:16" in the viewer's time zone. */
export function formatWhen(iso: string | null | undefined): string {
  return iso ? when.format(new Date(iso)) : '—';
}

export function formatDay(iso: string | null | undefined): string {
  return iso ? day.format(new Date(iso)) : '—';
}

/** The first characters of a hash, enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

/** A browser's user-agent string reduced to "Chrome on Linux". */
export function browserLabel(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : /node|undici|curl|backlot/i.test(userAgent)
            ? 'Command line'
            : 'Browser';
  const os = /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Linux/.test(userAgent) ? 'Linux' : '';
  return os ? `${browser} on ${os}` : browser;
}

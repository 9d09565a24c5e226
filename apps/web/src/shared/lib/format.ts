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
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Mac OS X/.test(userAgent)
      ? 'macOS'
      : /Android/.test(userAgent)
        ? 'Android'
        : /iPhone|iPad/.test(userAgent)
          ? 'iOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
}

/** A rational frame rate as numbers: 24000/1001 → { num: 24000, den: 1001 }. */
export function rateParts(rate: string): { num: number; den: number } {
  const [num, den = '1'] = rate.split('/');
  const n = Number(num);
  const d = Number(den);
  return Number.isFinite(n) && n > 0 && Number.isFinite(d) && d > 0 ? { num: n, den: d } : { num: 24, den: 1 };
}

/** The whole number of frames nearest to a duration in seconds at a rate (durations are stored as frames). */
export function secondsToFrames(seconds: number, rate: string): number {
  const { num, den } = rateParts(rate);
  return Math.round((seconds * num) / den);
}

/** Seconds a number of frames lasts at a rate; exact for 24000/1001 (96 frames → 4.004 s). */
export function framesToSeconds(frames: number, rate: string): number {
  const { num, den } = rateParts(rate);
  return (frames * den) / num;
}

/** "4.00 s" — two decimals, enough to tell 4.00 from 4.004 apart when it matters ("4.004 s"). */
export function secondsLabel(seconds: number): string {
  const two = seconds.toFixed(2);
  return Math.abs(Number(two) - seconds) > 0.0005 ? `${seconds.toFixed(3)} s` : `${two} s`;
}

/** "96 fr · 4.00 s", or "—" when no duration is set. */
export function durationLabel(frames: number | null | undefined, rate: string): string {
  if (!frames) return '—';
  return `${frames} fr · ${secondsLabel(framesToSeconds(frames, rate))}`;
}

/** "16:9" → { w: 16, h: 9 }; 16:9 when it cannot be read. */
export function aspectParts(aspect: string | null | undefined): { w: number; h: number } {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(aspect ?? '');
  return m && Number(m[1]) > 0 && Number(m[2]) > 0 ? { w: Number(m[1]), h: Number(m[2]) } : { w: 16, h: 9 };
}

/** "840 B", "4.7 KB", "12.3 MB", "1.20 GB" — sizes of files as a production person reads them. */
export function bytesLabel(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}

/** A media duration given in microseconds: "4.004 s", or "1:02.50" from a minute on. */
export function mediaDurationLabel(us: number | null | undefined): string {
  if (us === null || us === undefined) return '—';
  const seconds = us / 1e6;
  if (seconds < 60) return secondsLabel(seconds);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(2).padStart(5, '0')}`;
}

/** Today's date in the viewer's time zone as YYYY-MM-DD (the form dates travel in). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A YYYY-MM-DD date as "31 Jan 2020", read as a calendar day (no time zone shift). */
export function calendarDayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return day.format(new Date(y, m - 1, d));
}

/** Providers as people name them (the generate panel, provider keys, take pages). */
export const PROVIDER_NAMES: Record<string, string> = {
  previs: 'Previs (built in)',
  seedance: 'Seedance',
  runway: 'Runway',
  luma: 'Luma',
  kling: 'Kling',
  higgsfield: 'Higgsfield',
  fal: 'fal',
  replicate: 'Replicate',
  comfyui: 'ComfyUI',
};

export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

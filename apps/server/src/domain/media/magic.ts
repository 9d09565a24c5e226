/**
 * Magic bytes: what a file's first bytes say it is, before anything decodes it. Written from the
 * formats' own signatures so the rules stay readable and pure; a probe confirms every answer.
 */
import { MEDIA_FORMATS, type MediaContainer } from './media-formats.ts';
import type { MediaKind } from './media-info.ts';

/** How many leading bytes sniffing reads: enough for ftyp brand lists, EBML headers and a short ID3 tag. */
export const SNIFF_BYTES = 4100;

/** What the first bytes claim. `confirms` lists the containers a probe may report to agree with it. */
export interface MediaCandidate {
  kind: MediaKind;
  mediaType: string;
  container: MediaContainer;
  confirms: readonly MediaContainer[];
}

const ISO_BMFF: readonly MediaContainer[] = ['mp4', 'mov', '3gp', 'm4a'];
const MATROSKA: readonly MediaContainer[] = ['webm', 'mkv'];

function candidate(container: MediaContainer, confirms: readonly MediaContainer[] = [container]): MediaCandidate {
  const f = MEDIA_FORMATS[container];
  return { kind: f.kind, mediaType: f.mediaType, container, confirms };
}

function bytesAre(b: Uint8Array, at: number, expected: readonly number[]): boolean {
  if (b.length < at + expected.length) return false;
  return expected.every((x, i) => b[at + i] === x);
}

function asciiAt(b: Uint8Array, at: number, text: string): boolean {
  return bytesAre(
    b,
    at,
    [...text].map((c) => c.charCodeAt(0)),
  );
}

function readAscii(b: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...b.subarray(at, at + length));
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
}

/** The major and compatible brands of an ISO base media `ftyp` box. */
function ftypBrands(b: Uint8Array): { major: string; all: string[] } {
  const end = Math.min(u32be(b, 0) || 8, b.length);
  const all = [readAscii(b, 8, 4)];
  for (let at = 16; at + 4 <= end; at += 4) all.push(readAscii(b, at, 4));
  return { major: all[0], all };
}

const AVIF_BRANDS = ['avif', 'avis'];
const HEIC_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx'];

/** ISO base media (MP4, MOV, M4A, 3GP, HEIF, AVIF): the brands say which. Camera raw (CR3) is not media Backlot takes. */
function sniffFtyp(b: Uint8Array): MediaCandidate | null {
  const { major, all } = ftypBrands(b);
  if (major === 'crx ') return null;
  if (AVIF_BRANDS.includes(major)) return candidate('avif');
  if (HEIC_BRANDS.includes(major)) return candidate('heic');
  if (major === 'mif1' || major === 'msf1') {
    if (all.some((x) => AVIF_BRANDS.includes(x))) return candidate('avif');
    if (all.some((x) => HEIC_BRANDS.includes(x))) return candidate('heic');
    return candidate('heif', ['avif', 'heic', 'heif']);
  }
  if (major === 'qt  ') return candidate('mov', ISO_BMFF);
  if (['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B '].includes(major)) return candidate('m4a', ISO_BMFF);
  if (major.startsWith('3gp') || major.startsWith('3g2')) return candidate('3gp', ISO_BMFF);
  // isom, iso2…iso9, mp41, mp42, avc1, M4V, dash, MSNV, XAVC and the rest: the probe says more.
  return candidate('mp4', ISO_BMFF);
}

/** Matroska and WebM share the EBML header; its DocType element (0x4282) tells them apart. */
function sniffEbml(b: Uint8Array): MediaCandidate {
  const head = b.subarray(0, 64);
  for (let i = 4; i + 3 < head.length; i++) {
    if (head[i] !== 0x42 || head[i + 1] !== 0x82) continue;
    const size = head[i + 2] & 0x7f; // a one-byte EBML size: 0x80 | n
    const docType = readAscii(head, i + 3, size);
    if (docType === 'webm') return candidate('webm', MATROSKA);
    break;
  }
  return candidate('mkv', MATROSKA);
}

/** Ogg pages carry a codec header in their first packet: Theora is video, the rest sound. */
function sniffOgg(b: Uint8Array): MediaCandidate {
  const first = 27 + (b[26] ?? 0);
  const theora = bytesAre(b, first, [0x80]) && asciiAt(b, first + 1, 'theora');
  const ogg = candidate('ogg');
  return theora ? { ...ogg, kind: 'video', mediaType: 'video/ogg' } : ogg;
}

/** An MPEG audio frame header (layers II and III; layer I is long gone and its sync is what a UTF-16 BOM looks like). */
function isMpegAudioFrame(b: Uint8Array, at: number): boolean {
  if (b.length < at + 4 || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return false;
  const version = (b[at + 1] >> 3) & 3;
  const layer = (b[at + 1] >> 1) & 3;
  const bitrate = b[at + 2] >> 4;
  const sampleRate = (b[at + 2] >> 2) & 3;
  return version !== 1 && (layer === 1 || layer === 2) && bitrate !== 0xf && sampleRate !== 3;
}

/** An AAC ADTS header: sync 0xFFF, layer 00. */
function isAdts(b: Uint8Array, at: number): boolean {
  return b.length >= at + 2 && b[at] === 0xff && (b[at + 1] & 0xf6) === 0xf0;
}

/** What follows an ID3v2 tag, when the tag ends inside the sniffed bytes. A tag with cover art often does not. */
function sniffAfterId3(b: Uint8Array): MediaCandidate {
  const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
  const end = 10 + size + (b[5] & 0x10 ? 10 : 0);
  if (asciiAt(b, end, 'fLaC')) return candidate('flac');
  if (isAdts(b, end)) return candidate('aac');
  if (isMpegAudioFrame(b, end)) return candidate('mp3');
  return candidate('mp3', ['mp3', 'aac', 'flac']);
}

/**
 * The format a file's first bytes (up to SNIFF_BYTES) claim, among those Backlot takes, or null.
 * The name and the declared type play no part.
 */
export function sniffMedia(b: Uint8Array): MediaCandidate | null {
  if (bytesAre(b, 0, [0xff, 0xd8, 0xff])) return candidate('jpeg');
  if (bytesAre(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return candidate('png');
  if (asciiAt(b, 0, 'GIF87a') || asciiAt(b, 0, 'GIF89a')) return candidate('gif');
  if ((asciiAt(b, 0, 'II*\0') || asciiAt(b, 0, 'MM\0*') || asciiAt(b, 0, 'II+\0')) && !asciiAt(b, 8, 'CR')) return candidate('tiff');
  if (asciiAt(b, 0, 'RIFF') && asciiAt(b, 8, 'WEBP')) return candidate('webp');
  if (asciiAt(b, 0, 'RIFF') && asciiAt(b, 8, 'AVI ')) return candidate('avi');
  if ((asciiAt(b, 0, 'RIFF') || asciiAt(b, 0, 'RF64') || asciiAt(b, 0, 'BW64')) && asciiAt(b, 8, 'WAVE')) return candidate('wav');
  if (asciiAt(b, 4, 'ftyp')) return sniffFtyp(b);
  // QuickTime files older than the ftyp box open straight on a movie, data or padding atom.
  if (['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].some((atom) => asciiAt(b, 4, atom))) return candidate('mov', ISO_BMFF);
  if (bytesAre(b, 0, [0x1a, 0x45, 0xdf, 0xa3])) return sniffEbml(b);
  if (asciiAt(b, 0, 'fLaC')) return candidate('flac');
  if (asciiAt(b, 0, 'OggS')) return sniffOgg(b);
  if (asciiAt(b, 0, 'ID3') && b.length >= 10) return sniffAfterId3(b);
  if (isAdts(b, 0)) return candidate('aac');
  if (isMpegAudioFrame(b, 0)) return candidate('mp3');
  return null;
}

/** Signatures of files people upload by mistake, with what to call them. */
const LOOKALIKES: { test: (b: Uint8Array) => boolean; name: string }[] = [
  { test: (b) => asciiAt(b, 0, '%PDF-'), name: 'a PDF document' },
  { test: (b) => asciiAt(b, 0, 'PK\x03\x04') || asciiAt(b, 0, 'PK\x05\x06'), name: 'a ZIP archive (or an Office document)' },
  { test: (b) => bytesAre(b, 0, [0x1f, 0x8b]), name: 'a gzip archive' },
  { test: (b) => asciiAt(b, 0, 'Rar!\x1a\x07'), name: 'a RAR archive' },
  { test: (b) => bytesAre(b, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), name: 'a 7-Zip archive' },
  { test: (b) => asciiAt(b, 0, '\x7fELF') || (asciiAt(b, 0, 'MZ') && !looksLikeText(b)), name: 'a program' },
  { test: (b) => asciiAt(b, 0, '8BPS'), name: 'a Photoshop document' },
  { test: (b) => asciiAt(b, 0, 'BM') && bytesAre(b, 6, [0, 0, 0, 0]), name: 'a BMP image' },
  { test: (b) => asciiAt(b, 4, 'ftypcrx ') || (asciiAt(b, 0, 'II*\0') && asciiAt(b, 8, 'CR')), name: 'a Canon raw photo' },
  { test: (b) => asciiAt(b, 0, 'FLV'), name: 'a Flash video' },
  { test: (b) => bytesAre(b, 0, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]), name: 'a Windows Media file' },
  { test: (b) => bytesAre(b, 0, [0x00, 0x00, 0x01, 0xba]), name: 'an MPEG program stream (.mpg, .vob)' },
  { test: (b) => b[0] === 0x47 && b[188] === 0x47 && b[376] === 0x47 && !looksLikeText(b), name: 'an MPEG transport stream (.ts, .mts)' },
  { test: (b) => asciiAt(b, 0, 'FORM') && (asciiAt(b, 8, 'AIFF') || asciiAt(b, 8, 'AIFC')), name: 'an AIFF audio file' },
];

/** Mostly printable with no NUL: text, in UTF-8 or a single-byte code page. UTF-16 is told by its byte-order mark. */
function looksLikeText(b: Uint8Array): boolean {
  if (bytesAre(b, 0, [0xff, 0xfe]) || bytesAre(b, 0, [0xfe, 0xff])) return true;
  let control = 0;
  for (const x of b) {
    if (x === 0) return false;
    if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0x0c && x !== 0x1b) control++;
  }
  return control <= b.length / 100;
}

/** The start of a text file, lower-cased and without a UTF-8 byte-order mark or leading blanks. */
function textStart(b: Uint8Array): string {
  const from = bytesAre(b, 0, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  return readAscii(b, from, 512).trimStart().toLowerCase();
}

/** What an unaccepted file looks like, for the refusal ('text', 'a PDF document'…), or null when nothing is recognisable. */
export function describeContent(b: Uint8Array): string | null {
  if (b.length === 0) return 'an empty file';
  const lookalike = LOOKALIKES.find((l) => l.test(b));
  if (lookalike) return lookalike.name;
  if (!looksLikeText(b)) return null;
  const start = textStart(b);
  if (start.startsWith('<svg') || (start.startsWith('<?xml') && start.includes('<svg'))) return 'an SVG drawing';
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'a web page (HTML)';
  if (start.startsWith('#extm3u')) return 'a playlist (M3U)';
  if (start.startsWith('{') || start.startsWith('[')) return 'JSON text';
  return 'text';
}

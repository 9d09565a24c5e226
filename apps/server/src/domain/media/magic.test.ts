import { describe, expect, it } from 'vitest';
import { describeContent, sniffMedia } from './magic.ts';

/** Bytes from text (each character one byte) and byte lists. */
function bytes(...parts: (string | number[])[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
/** An ftyp box with a major brand and compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => bytes(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 2, 0], compatible.join(''));
/** An ID3v2.3 tag of `size` bytes of frames, followed by `then`. */
const id3 = (size: number, then: number[]) => bytes('ID3', [3, 0, 0], [(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f], new Array(size).fill(0), then);
const MP3_FRAME = [0xff, 0xfb, 0x90, 0x64];
const ADTS_FRAME = [0xff, 0xf1, 0x50, 0x80];
/** The first bytes of the WebM and MKV files ffmpeg 5.1 writes. */
const EBML = (docType: string) =>
  bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x80 | docType.length], docType);
/** An Ogg page whose first packet starts with `codecHeader`. */
const ogg = (codecHeader: number[]) => bytes('OggS', [0, 2], new Array(20).fill(0), [1, 30], codecHeader);

describe('sniffing accepted formats', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image', 'image/jpeg', 'jpeg'],
    ['PNG', bytes([0x89], 'PNG\r\n', [0x1a], '\n', [0, 0, 0, 13], 'IHDR'), 'image', 'image/png', 'png'],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'image', 'image/gif', 'gif'],
    ['TIFF, little-endian', bytes('II*\0', [8, 0, 0, 0]), 'image', 'image/tiff', 'tiff'],
    ['TIFF, big-endian', bytes('MM\0*', [0, 0, 0, 8]), 'image', 'image/tiff', 'tiff'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image', 'image/webp', 'webp'],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'image', 'image/avif', 'avif'],
    ['AVIF under a mif1 brand', ftyp('mif1', 'avif', 'miaf'), 'image', 'image/avif', 'avif'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'image', 'image/heic', 'heic'],
    ['HEIC under a mif1 brand', ftyp('mif1', 'mif1', 'heic'), 'image', 'image/heic', 'heic'],
    ['HEIF of unknown compression', ftyp('mif1', 'mif1'), 'image', 'image/heif', 'heif'],
    ['MP4 (isom)', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video', 'video/mp4', 'mp4'],
    ['MP4 (mp42)', ftyp('mp42', 'mp42', 'isom'), 'video', 'video/mp4', 'mp4'],
    ['MOV', ftyp('qt  ', 'qt  '), 'video', 'video/quicktime', 'mov'],
    ['MOV from before ftyp', bytes(u32(8), 'wide', u32(100), 'mdat'), 'video', 'video/quicktime', 'mov'],
    ['3GP', ftyp('3gp4', 'isom', '3gp4'), 'video', 'video/3gpp', '3gp'],
    ['M4A', ftyp('M4A ', 'M4A ', 'isom'), 'audio', 'audio/mp4', 'm4a'],
    ['WebM', EBML('webm'), 'video', 'video/webm', 'webm'],
    ['Matroska', EBML('matroska'), 'video', 'video/x-matroska', 'mkv'],
    ['EBML without a DocType in reach', bytes([0x1a, 0x45, 0xdf, 0xa3], new Array(80).fill(0)), 'video', 'video/x-matroska', 'mkv'],
    ['AVI', bytes('RIFF', [0, 1, 0, 0], 'AVI LIST'), 'video', 'video/x-msvideo', 'avi'],
    ['WAV', bytes('RIFF', [0x24, 0x77, 1, 0], 'WAVEfmt '), 'audio', 'audio/wav', 'wav'],
    ['RF64 WAV', bytes('RF64', [0xff, 0xff, 0xff, 0xff], 'WAVEds64'), 'audio', 'audio/wav', 'wav'],
    ['FLAC', bytes('fLaC', [0, 0, 0, 34]), 'audio', 'audio/flac', 'flac'],
    ['Ogg Vorbis', ogg([1, ...bytes('vorbis')]), 'audio', 'audio/ogg', 'ogg'],
    ['Ogg Opus', ogg([...bytes('OpusHead')]), 'audio', 'audio/ogg', 'ogg'],
    ['Ogg Theora', ogg([0x80, ...bytes('theora')]), 'video', 'video/ogg', 'ogg'],
    ['MP3 behind an ID3 tag', id3(64, MP3_FRAME), 'audio', 'audio/mpeg', 'mp3'],
    ['MP3 frame', bytes(MP3_FRAME), 'audio', 'audio/mpeg', 'mp3'],
    ['MPEG-2 layer III frame', bytes([0xff, 0xf3, 0x84, 0xc4]), 'audio', 'audio/mpeg', 'mp3'],
    ['AAC ADTS', bytes(ADTS_FRAME), 'audio', 'audio/aac', 'aac'],
    ['AAC behind an ID3 tag', id3(32, ADTS_FRAME), 'audio', 'audio/aac', 'aac'],
    ['FLAC behind an ID3 tag', id3(32, [...bytes('fLaC')]), 'audio', 'audio/flac', 'flac'],
  ])('%s', (_, head, kind, mediaType, container) => {
    expect(sniffMedia(head)).toMatchObject({ kind, mediaType, container });
  });

  it('lets a probe decide what an ID3 tag longer than the sniffed bytes hides', () => {
    const head = id3(5000, MP3_FRAME).subarray(0, 4100);
    expect(sniffMedia(head)).toEqual({ kind: 'audio', mediaType: 'audio/mpeg', container: 'mp3', confirms: ['mp3', 'aac', 'flac'] });
  });

  it('accepts any ISO base media container from the probe of an MP4, and either Matroska flavour for a WebM', () => {
    expect(sniffMedia(ftyp('isom'))?.confirms).toEqual(['mp4', 'mov', '3gp', 'm4a']);
    expect(sniffMedia(EBML('webm'))?.confirms).toEqual(['webm', 'mkv']);
    expect(sniffMedia(bytes('fLaC'))?.confirms).toEqual(['flac']);
  });
});

describe('sniffing what Backlot does not take', () => {
  it.each([
    ['nothing', bytes()],
    ['text', bytes('Scene 12. INT. KITCHEN - NIGHT\n')],
    ['UTF-16 text (its BOM is an MPEG layer I sync)', bytes([0xff, 0xfe], 'H\0i\0')],
    ['a Canon CR3 raw photo', ftyp('crx ', 'crx ', 'isom')],
    ['a Canon CR2 raw photo', bytes('II*\0', [0x10, 0, 0, 0], 'CR', [2, 0])],
    ['a RIFF file of another kind', bytes('RIFF', [4, 0, 0, 0], 'CDXA')],
    ['an MPEG header with a bad bit rate', bytes([0xff, 0xfb, 0xf0, 0x64])],
    ['a PDF', bytes('%PDF-1.7\n')],
    ['three bytes', bytes([0xff, 0xd8])],
  ])('%s', (_, head) => {
    expect(sniffMedia(head)).toBeNull();
  });
});

describe('naming what an unaccepted file looks like', () => {
  const ts = new Uint8Array(188 * 3);
  ts[0] = ts[188] = ts[376] = 0x47;
  ts[1] = 0x40;

  it.each([
    ['empty', bytes(), 'an empty file'],
    ['notes', bytes('Hello, this is not a picture.\r\nSecond line\n'), 'text'],
    ['a UTF-8 script', bytes([0xef, 0xbb, 0xbf], 'FADE IN:\n', [0xc3, 0xa9]), 'text'],
    ['UTF-16 text', bytes([0xff, 0xfe], 'H\0i\0'), 'text'],
    ['a word that starts like a program', bytes('MZ is a postcode prefix.\n'), 'text'],
    ['JSON', bytes('  {"shots": []}'), 'JSON text'],
    ['HTML', bytes('<!DOCTYPE html><html>'), 'a web page (HTML)'],
    ['SVG', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'), 'an SVG drawing'],
    ['a playlist', bytes('#EXTM3U\n#EXT-X-VERSION:3\n'), 'a playlist (M3U)'],
    ['PDF', bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3]), 'a PDF document'],
    ['ZIP', bytes('PK', [3, 4, 20, 0, 0, 0]), 'a ZIP archive (or an Office document)'],
    ['gzip', bytes([0x1f, 0x8b, 8, 0]), 'a gzip archive'],
    ['ELF', bytes([0x7f], 'ELF', [2, 1, 1, 0]), 'a program'],
    ['a Windows program', bytes('MZ', [0x90, 0, 3, 0, 0, 0]), 'a program'],
    ['BMP', bytes('BM', [0x36, 0x10, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0]), 'a BMP image'],
    ['CR3', ftyp('crx ', 'crx '), 'a Canon raw photo'],
    ['an MPEG transport stream', ts, 'an MPEG transport stream (.ts, .mts)'],
    ['AIFF', bytes('FORM', [0, 0, 1, 0], 'AIFFCOMM'), 'an AIFF audio file'],
    ['unknown binary', bytes([0x00, 0x01, 0x02, 0x03, 0xfe, 0x00]), null],
  ])('%s looks like %j', (_, head, name) => {
    expect(describeContent(head)).toBe(name);
  });
});

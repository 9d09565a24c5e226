import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { asBase64, asDataUri, fillPictures, parseBlobMarker, pictureRef } from './stored-pictures.ts';

const SHA = 'a'.repeat(64);
/** A blob store holding one picture: the bytes "PNG!". */
const blobs = { get: async (sha256: string) => (sha256 === SHA ? Readable.from([Buffer.from('PN'), Buffer.from('G!')]) : Promise.reject(new Error(`no blob ${sha256}`))) };

describe('stored pictures in provider requests', () => {
  it('names a stored picture by marker, an address as itself and given bytes as a data URI', () => {
    expect(pictureRef({ kind: 'blob', sha256: SHA, mediaType: 'image/png' })).toBe(`backlot-blob:${SHA}:image/png`);
    expect(pictureRef({ kind: 'url', url: 'https://example.com/a.png' })).toBe('https://example.com/a.png');
    expect(pictureRef({ kind: 'bytes', bytes: Buffer.from('PNG!'), mediaType: 'image/png' })).toBe('data:image/png;base64,UE5HIQ==');
  });

  it('reads the marker stored before media types were kept, and today’s', () => {
    expect(parseBlobMarker(`backlot-blob:${SHA}`)).toEqual({ sha256: SHA, mediaType: undefined });
    expect(parseBlobMarker(`backlot-blob:${SHA}:image/jpeg`)).toEqual({ sha256: SHA, mediaType: 'image/jpeg' });
  });

  it('fills every marker at any depth and leaves everything else as it was', async () => {
    const body = { prompt: 'backlot is not a marker', images: [{ uri: `backlot-blob:${SHA}:image/png` }], first: `backlot-blob:${SHA}`, n: 2, none: null };
    expect(await fillPictures(body, blobs, asDataUri)).toEqual({
      prompt: 'backlot is not a marker',
      images: [{ uri: 'data:image/png;base64,UE5HIQ==' }],
      first: 'data:application/octet-stream;base64,UE5HIQ==',
      n: 2,
      none: null,
    });
    expect(await fillPictures([`backlot-blob:${SHA}`], blobs, asBase64)).toEqual(['UE5HIQ==']);
  });
});

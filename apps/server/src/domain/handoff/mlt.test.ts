import { describe, expect, it } from 'vitest';
import { readXml } from './fcpxml-tree.ts';
import { R23976, threeClips } from './handoff-samples.ts';
import { writeMlt } from './mlt-writer.ts';

describe('MLT writer', () => {
  const text = writeMlt(threeClips(R23976, 'ndf', 86400));

  it('is well-formed XML with a profile at the project rate and size', () => {
    expect(readXml(text, 'MLT').name).toBe('mlt');
    expect(text).toMatch(/<profile [^>]*width="320" height="180" [^>]*display_aspect_num="16" display_aspect_den="9" frame_rate_num="24000" frame_rate_den="1001"/);
  });

  it('writes one producer per media with a relative resource, and entries with inclusive out points', () => {
    expect(text).toContain('<property name="resource">media/PROJ_SC001_SH010_TK002.mp4</property>');
    expect(text).toContain('<producer id="producer0" in="0" out="47">');
    expect(text).toContain('<entry producer="producer0" in="4" out="39"/>');
    expect(text).toContain('<entry producer="producer1" in="0" out="59"/>');
    expect(text).toContain('<entry producer="producer2" in="5" out="28"/>');
    expect(text).toContain('<tractor id="tractor0" title="PROJ scene 1 approved" in="0" out="119">');
  });

  it('writes notes as Kdenlive clip markers (media frame) and Shotcut timeline markers (record frame)', () => {
    expect(text).toContain('<property name="kdenlive:markers">[{&quot;pos&quot;:10,&quot;comment&quot;:&quot;Ana: Tighter on the door&quot;,&quot;type&quot;:8}]</property>');
    const shotcut = [...text.matchAll(/<property name="text">([^<]*)<\/property>\s*<property name="start">(\d+)<\/property>\s*<property name="end">(\d+)<\/property>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(shotcut).toEqual([
      ['Ana: Tighter on the door', '6', '6'],
      ['Client: Love this', '95', '95'],
      ['Bo: Fixed flicker', '96', '98'],
    ]);
  });

  it('sets the document root only when asked', () => {
    expect(text).not.toContain(' root=');
    expect(writeMlt(threeClips(R23976, 'ndf', 0), { mediaRoot: '/srv/handoff/PROJ' })).toContain(' root="/srv/handoff/PROJ"');
  });
});

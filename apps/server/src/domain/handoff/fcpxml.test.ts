import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFcpxmlCut } from './fcpxml-reader.ts';
import { writeFcpxml } from './fcpxml-writer.ts';
import { R24, R23976, threeClips } from './handoff-samples.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(import.meta.dirname, '../../../../../../shared/fixtures');
const samplesDir = join(FIXTURES, 'fcpxml', 'samples');

describe('FCPXML writer', () => {
  const text = writeFcpxml(threeClips(R23976, 'ndf', 86400), { version: '1.10' });

  it("writes the chosen version, the format's frame duration and each asset's media-rep", () => {
    expect(text).toContain('<fcpxml version="1.10">');
    expect(text).toContain('<format id="f1" frameDuration="1001/24000s" width="320" height="180"/>');
    expect(text).toContain('<media-rep kind="original-media" src="media/PROJ_SC001_SH010_TK002.mp4"/>');
  });

  it('says which assets have sound: hasAudio and one audio source where the take has sound, none where it is silent', () => {
    const t = threeClips(R23976, 'ndf', 86400);
    t.clips[1] = { ...t.clips[1], media: { ...t.clips[1].media, hasAudio: true } };
    const written = writeFcpxml(t, { version: '1.10' });
    const assets = written.match(/<asset [^>]*>/g) ?? [];
    expect(assets).toHaveLength(3);
    expect(assets[0]).toContain('hasAudio="0"');
    expect(assets[0]).not.toContain('audioSources');
    expect(assets[1]).toContain('hasAudio="1"');
    expect(assets[1]).toContain('audioSources="1"');
  });

  it('writes every time as a whole number of frame durations (typed by hand)', () => {
    // 01:00:00:00 at 23.976 is frame 86400 = 86400·1001/24000 s; SH010 starts at its frame 4 for 36 frames.
    expect(text).toContain('tcStart="86486400/24000s"');
    expect(text).toContain('<asset-clip ref="a1" offset="86486400/24000s" name="PROJ_SC001_SH010_TK002" start="4004/24000s" duration="36036/24000s" tcFormat="NDF">');
    expect(text).toContain('<asset-clip ref="a2" offset="86522436/24000s" name="PROJ_SC001_SH020_TK001" start="0s" duration="60060/24000s" tcFormat="NDF">');
    for (const time of text.matchAll(/(?:offset|start|duration|tcStart|frameDuration)="([^"]+)"/g)) {
      expect(time[1]).toMatch(/^(0s|\d+\/24000s)$/);
      if (time[1] !== '0s') expect(Number(time[1].split('/')[0]) % 1001).toBe(0);
    }
  });

  it('writes notes as markers with their text; a note to-do, a resolved note completed; a chapter marker per scene', () => {
    expect(text).toContain('<marker start="10010/24000s" duration="1001/24000s" value="Ana: Tighter on the door" completed="0" note="note by Ana (note-1)"/>');
    expect(text).toContain('<marker start="5005/24000s" duration="3003/24000s" value="Bo: Fixed flicker" completed="1" note="resolved by Bo (note-4)"/>');
    expect(text.match(/<chapter-marker /g)).toHaveLength(1);
    expect(text).not.toContain('Handle note');
  });

  it('refuses a version it does not offer', () => {
    expect(() => writeFcpxml(threeClips(R24, 'ndf', 0), { version: '1.14' as '1.13' })).toThrow(/1\.9, 1\.10, 1\.11, 1\.12, 1\.13; got "1\.14"/);
  });

  it('reads back what it wrote', () => {
    const cut = readFcpxmlCut(text);
    expect(cut.rate).toEqual({ num: 24000, den: 1001 });
    expect(cut.clips.map((c) => [c.name, c.sourceIn, c.sourceOut, c.recordIn, c.takeId, c.mediaName])).toEqual([
      ['PROJ_SC001_SH010_TK002', 4, 40, 0, 'take-sh010-tk002', 'PROJ_SC001_SH010_TK002.mp4'],
      ['PROJ_SC001_SH020_TK001', 0, 60, 36, 'take-sh020-tk001', 'PROJ_SC001_SH020_TK001.mp4'],
      ['PROJ_SC001_SH030_TK003', 5, 29, 96, 'take-sh030-tk003', 'PROJ_SC001_SH030_TK003.mp4'],
    ]);
    expect(cut.notApplied).toEqual([]);
  });
});

describe('FCPXML reader', () => {
  const cutXml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE fcpxml>
<fcpxml version="1.11">
  <resources>
    <format id="r1" frameDuration="100/2400s" width="1920" height="1080"/>
    <asset id="r2" name="A" start="0s" duration="10s" hasVideo="1" format="r1"><media-rep kind="original-media" src="file:///Volumes/x/PROJ_SC001_SH020_TK001.mp4"/></asset>
    <asset id="r3" name="B" start="3600s" duration="10s" hasVideo="1" format="r1"><media-rep kind="original-media" src="file:///Volumes/x/PROJ_SC001_SH010_TK004.mp4"/></asset>
  </resources>
  <library><event name="e"><project name="Editor cut">
    <sequence format="r1" duration="5s" tcStart="3600s" tcFormat="NDF">
      <spine>
        <asset-clip ref="r2" offset="3600s" name="PROJ_SC001_SH020_TK001" start="1s" duration="2s">
          <audio lane="-1" offset="1s" ref="r2" duration="1s" name="music"/>
        </asset-clip>
        <transition name="Cross Dissolve" offset="3601s" duration="1s"/>
        <gap name="Gap" offset="3602s" duration="12/24s"/>
        <asset-clip ref="r3" offset="86460/24s" name="PROJ_SC001_SH010_TK004" start="3601s" duration="36/24s">
          <timeMap><timept time="0s" value="0s" interp="linear"/></timeMap>
        </asset-clip>
      </spine>
    </sequence>
  </project></event></library>
</fcpxml>`;

  it('reads clips with source frames from the asset start, record frames from the sequence start, and names what it does not apply', () => {
    const cut = readFcpxmlCut(cutXml);
    expect(cut.rate).toEqual({ num: 24, den: 1 });
    expect(cut.name).toBe('Editor cut');
    expect(cut.clips.map((c) => [c.name, c.sourceIn, c.sourceOut, c.recordIn, c.mediaName])).toEqual([
      ['PROJ_SC001_SH020_TK001', 24, 72, 0, 'PROJ_SC001_SH020_TK001.mp4'],
      ['PROJ_SC001_SH010_TK004', 24, 60, 60, 'PROJ_SC001_SH010_TK004.mp4'],
    ]);
    expect(cut.notApplied.map((n) => n.kind)).toEqual(['audio_track', 'transition', 'gap', 'retime']);
  });

  it('refuses an element it cannot place, naming it, and malformed XML, naming the line', () => {
    expect(() => readFcpxmlCut(cutXml.replace('<gap name="Gap" offset="3602s" duration="12/24s"/>', '<hologram offset="3602s"/>'))).toThrow(/spine item 3 <hologram>/);
    expect(() => readFcpxmlCut('<fcpxml version="1.9"><resources></fcpxml>')).toThrow(/not well-formed XML at line 1/);
    expect(() => readFcpxmlCut('<xmeml version="5"/>')).toThrow(/<xmeml>/);
  });

  it("reads the sample projects: the spine's clips, with the compound clips, lanes and gaps reported", () => {
    for (const name of ['fcpx_example.fcpxml', 'fcpx_project.fcpxml']) {
      const cut = readFcpxmlCut(readFileSync(join(samplesDir, name), 'utf8'));
      expect(cut.rate).toEqual({ num: 30, den: 1 });
      expect(cut.clips.map((c) => c.name)).toEqual(['IMG_0715', 'IMG_0233', 'IMG_0687', 'IMG_0268']);
      expect(cut.notApplied.some((n) => n.kind === 'transition')).toBe(true);
    }
  });

  it('refuses the sample that holds clips but no project, saying so', () => {
    expect(() => readFcpxmlCut(readFileSync(join(samplesDir, 'fcpx_clips.fcpxml'), 'utf8'))).toThrow('it holds no <project>');
  });
});

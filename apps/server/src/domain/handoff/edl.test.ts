import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { readEdl } from './edl-reader.ts';
import { writeEdl } from './edl-writer.ts';
import { R24, R25, R2997, R23976, threeClips } from './handoff-samples.ts';

const FIXTURES = process.env.BACKLOT_FIXTURES_DIR ?? resolve(import.meta.dirname, '../../../../../../shared/fixtures');
const otioDir = join(FIXTURES, 'otio');

/** The structural rules any CMX 3600 EDL Backlot writes must keep, checked on the re-read text. */
function checkRules(text: string, rate: typeof R24) {
  const doc = readEdl(text, rate);
  const df = doc.fcm === 'df';
  doc.events.forEach((e, i) => {
    expect(e.number).toBe(i + 1);
    expect(text).toContain(`\n${String(i + 1).padStart(3, '0')}  `);
    expect(e.reel).toMatch(/^[A-Za-z0-9_]{1,8}$/);
    for (const tc of e.timecodes) expect(tc[8]).toBe(df ? ';' : ':');
    expect(e.transition).toBe('C');
    expect(e.sourceOut - e.sourceIn).toBe(e.recordOut - e.recordIn);
    if (i > 0) expect(e.recordIn).toBe(doc.events[i - 1].recordOut);
  });
  return doc;
}

describe('EDL writer', () => {
  it('writes title, FCM, numbered cut events with clip names and locators at 23.976 (timecodes typed by hand)', () => {
    const text = writeEdl(threeClips(R23976, 'ndf', 86400), { style: 'standard' });
    expect(text.split('\n')).toEqual([
      'TITLE: PROJ scene 1 approved',
      'FCM: NON-DROP FRAME',
      '',
      '001  S010T2   V     C        00:00:00:04 00:00:01:16 01:00:00:00 01:00:01:12',
      '* FROM CLIP NAME: PROJ_SC001_SH010_TK002',
      '* LOC: 01:00:00:06 RED     Ana: Tighter on the door',
      '',
      '002  S020T1   V     C        00:00:00:00 00:00:02:12 01:00:01:12 01:00:04:00',
      '* FROM CLIP NAME: PROJ_SC001_SH020_TK001',
      '* LOC: 01:00:03:23 PURPLE  Client: Love this',
      '',
      '003  S030T3   V     C        00:00:00:05 00:00:01:05 01:00:04:00 01:00:05:00',
      '* FROM CLIP NAME: PROJ_SC001_SH030_TK003',
      '* LOC: 01:00:04:00 GREEN   Bo: Fixed flicker',
      '',
    ]);
    checkRules(text, R23976);
  });

  it('marks a clip with sound AA/V (two audio channels and video), and a silent one V; both read back as picture', () => {
    const t = threeClips(R24, 'ndf', 0);
    t.clips[1] = { ...t.clips[1], media: { ...t.clips[1].media, hasAudio: true } };
    const text = writeEdl(t, { style: 'standard' });
    expect(text.split('\n').filter((l) => /^\d{3} {2}/.test(l))).toEqual([
      '001  S010T2   V     C        00:00:00:04 00:00:01:16 00:00:00:00 00:00:01:12',
      '002  S020T1   AA/V  C        00:00:00:00 00:00:02:12 00:00:01:12 00:00:04:00',
      '003  S030T3   V     C        00:00:00:05 00:00:01:05 00:00:04:00 00:00:05:00',
    ]);
    expect(checkRules(text, R24).events.map((e) => e.channels)).toEqual(['V', 'AA/V', 'V']);
  });

  it('premiere style leaves out the clip-name lines and keeps the locators', () => {
    const text = writeEdl(threeClips(R24, 'ndf', 0), { style: 'premiere' });
    expect(text).not.toContain('FROM CLIP NAME');
    expect(text).toContain('* LOC: 00:00:00:06 RED     Ana: Tighter on the door');
    expect(checkRules(text, R24).events.map((e) => e.clipName)).toEqual([null, null, null]);
  });

  it('drop-frame: FCM says DROP FRAME and every timecode writes ";" — across the minute where labels skip', () => {
    // Record starts at 00:00:59;00 = frame 1770; 36 frames later is frame 1806 = 00:01:00;08 (;00 and ;01 skipped).
    const text = writeEdl(threeClips(R2997, 'df', 1770), { style: 'standard' });
    expect(text).toContain('FCM: DROP FRAME');
    expect(text).toContain('001  S010T2   V     C        00:00:00;04 00:00:01;10 00:00:59;00 00:01:00;08');
    expect(text).toContain('002  S020T1   V     C        00:00:00;00 00:00:02;00 00:01:00;08 00:01:02;08');
    const doc = checkRules(text, R2997);
    expect(doc.fcm).toBe('df');
    expect(doc.events[1].recordIn).toBe(1806);
  });

  it('refuses drop-frame at 25, a long reel and a shared reel, naming each field', () => {
    const t = threeClips(R25, 'df', 0);
    t.clips[1].reel = 'TOOLONGREEL';
    t.clips[2].reel = t.clips[0].reel;
    let error: unknown;
    try {
      writeEdl(t, { style: 'standard' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const fields = (error as DomainError).problems?.map((p) => p.field);
    expect(fields).toEqual(['timecode', 'clips.1.reel', 'clips.2.reel']);
    expect((error as DomainError).code).toBe('handoff.timeline_invalid');
  });
});

describe('EDL reader', () => {
  const samples = readdirSync(otioDir).filter((f) => f.endsWith('.edl'));
  it('finds the sample EDLs', () => expect(samples.length).toBeGreaterThanOrEqual(6));
  for (const name of samples) {
    it(`reads ${name}`, () => {
      const doc = readEdl(readFileSync(join(otioDir, name), 'utf8'), name === '25fps.edl' ? R25 : R24);
      expect(doc.events.length).toBeGreaterThan(0);
      for (const e of doc.events) expect(e.recordOut).toBeGreaterThanOrEqual(e.recordIn);
    });
  }

  it('reads the details of the screening sample: names, locators, source files', () => {
    const doc = readEdl(readFileSync(join(otioDir, 'screening_example.edl'), 'utf8'), R24);
    expect(doc.title).toBe('Example_Screening.01');
    expect(doc.events.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(doc.events[3].clipName).toBe('ZZ100_504C (LAY1)');
    expect(doc.events[3].locators.map((l) => [l.timecode, l.colour, l.text])).toEqual([
      ['01:00:01:14', 'RED', 'ANIM FIX NEEDED'],
      ['01:00:02:14', 'PINK', 'ANIM FIX NEEDED'],
    ]);
    expect(doc.events[8].comments).toContain('AVX2 EFFECT, RESIZE');
    expect(doc.events[0].sourceFile).toBe('ZZ100_501.LAY3.01');
  });

  it('reads the dissolve as a D event of 10 frames', () => {
    const doc = readEdl(readFileSync(join(otioDir, 'dissolve_test.edl'), 'utf8'), R24);
    const d = doc.events.find((e) => e.transition === 'D');
    expect(d?.transitionFrames).toBe(10);
    expect(d?.toClipName).toBe('clip_B');
  });

  it('refuses a line it cannot place, naming the line', () => {
    expect(() => readEdl('TITLE: x\n001  AX V C 01:00:00:00 01:00:01:00 00:00:00:00 00:00:01:00\nGARBAGE here', R24)).toThrow(/line 3.*GARBAGE here/);
    expect(() => readEdl('TITLE: x\n001  AX V C 01:00:00:00 01:00:01:30 00:00:00:00 00:00:01:00', R24)).toThrow(/line 2.*frames run 00 to 23/);
  });
});

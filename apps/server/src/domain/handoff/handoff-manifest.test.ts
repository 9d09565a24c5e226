import { describe, expect, it } from 'vitest';
import { manifestCsv, manifestJson, type Manifest } from './handoff-manifest.ts';

const manifest: Manifest = {
  project: { code: 'PROJ', name: 'Night Shift', rate: '24000/1001', timecode: 'ndf' },
  handoff: { name: 'PROJ scene 12 approved', scope: 'scenes 12', takes: 'approved', handles: 0, madeAt: '2026-12-06T10:00:00.000Z', madeBy: 'Eddie', override: null },
  clips: [
    {
      clip: 'PROJ_SC012_SH030_TK004',
      reel: '012030T4',
      scene: '12',
      shot: 'SC012_SH030',
      take: 'TK004',
      takeId: 't4',
      shotId: 's30',
      review: 'approved',
      provider: 'seedance',
      model: 'seedance-1-pro',
      external: false,
      settings: { resolution: '1080p' },
      seed: 42,
      prompt: '=HYPERLINK("x") Mara, "quiet"',
      negativePrompt: null,
      planVersion: 3,
      references: [{ asset: 'MARA', assetId: 'a1', kind: 'character', version: 2, role: 'character', files: [{ view: 'main', sha256: 'ab'.repeat(32) }] }],
      outputTerms: 'generated for this production by seedance seedance-1-pro, requested by Dora',
      approvedBy: 'Dora',
      approvedAt: '2026-12-05T09:00:00.000Z',
      cost: { currency: 'EUR', actual: '1.25', estimate: '1.50' },
      sourceIn: 4,
      sourceOut: 16,
      frames: 12,
      original: { path: 'media/PROJ_SC012_SH030_TK004.mp4', sha256: 'cd'.repeat(32), bytes: 1000 },
      proxy: { path: 'proxies/PROJ_SC012_SH030_TK004.mp4', sha256: 'ef'.repeat(32), bytes: 500 },
      timelineMedia: 'media/PROJ_SC012_SH030_TK004.mp4',
      conformed: null,
      markers: 2,
    },
  ],
};

describe('the handoff manifest', () => {
  it('writes one CSV line per clip after the header, cells quoted and formulas defused', () => {
    const lines = manifestCsv(manifest).split('\r\n');
    expect(lines[0]).toBe(
      'clip,reel,scene,shot,take,review,provider,model,external,seed,prompt,negative_prompt,settings,plan_version,references,output_terms,approved_by,approved_at,currency,cost_actual,cost_estimate,source_in,source_out,frames,original,original_sha256,proxy,proxy_sha256,timeline_media,markers,take_id,shot_id',
    );
    expect(lines[1]).toBe(
      `PROJ_SC012_SH030_TK004,012030T4,12,SC012_SH030,TK004,approved,seedance,seedance-1-pro,no,42,"'=HYPERLINK(""x"") Mara, ""quiet""",,"{""resolution"":""1080p""}",3,` +
        `MARA v2 character [main ${'ab'.repeat(32)}],"generated for this production by seedance seedance-1-pro, requested by Dora",Dora,2026-12-05T09:00:00.000Z,EUR,1.25,1.50,4,16,12,` +
        `media/PROJ_SC012_SH030_TK004.mp4,${'cd'.repeat(32)},proxies/PROJ_SC012_SH030_TK004.mp4,${'ef'.repeat(32)},media/PROJ_SC012_SH030_TK004.mp4,2,t4,s30`,
    );
    expect(lines[2]).toBe('');
    expect(lines).toHaveLength(3);
  });

  it('leaves the cost out for those who may not read it', () => {
    const line = manifestCsv({ ...manifest, clips: [{ ...manifest.clips[0], cost: null }] }).split('\r\n')[1];
    expect(line).toContain(',Dora,2026-12-05T09:00:00.000Z,,,,4,16,12,');
  });

  it('writes the JSON as it is, indented, with a newline last', () => {
    const text = manifestJson(manifest);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(manifest);
  });
});

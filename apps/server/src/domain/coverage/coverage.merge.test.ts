/** The assistant's answer is used only when it is a shot list; otherwise Backlot's drafts stand with a notice. */
import { describe, expect, it } from 'vitest';
import { acceptAssistantDrafts, assistantFailed } from './coverage.merge.ts';
import { draftCoverage } from './coverage.rules.ts';

const fallback = draftCoverage({ number: '3', heading: 'INT. GARAGE - DAY', beat: '', excerpt: 'BRICK\nGo.\n\nSTEEL\nGoing.', characters: [] });

describe('accepting an assistant answer', () => {
  it('takes a valid shot list as the assistant’s, filling plan defaults', () => {
    const raw = { drafts: [{ label: 'Master — INT. GARAGE - DAY', reason: 'safety', plan: { job: 'Cover it all.', camera: { size: 'WS' } } }] };
    const outcome = acceptAssistantDrafts(raw, fallback);
    expect(outcome).toMatchObject({ source: 'assistant', notice: null });
    expect(outcome.drafts[0].plan.camera).toEqual({ size: 'WS', angle: null, height: null, movement: null, lensFeel: null, pace: null });
    expect(outcome.drafts[0].plan.reviewCriteria).toEqual([]);
  });

  it.each([
    [null, /not a shot list \(expected object, received null\)/],
    ['master, singles', /not a shot list \(expected object, received string\)/],
    [{ shots: [] }, /not a shot list \(drafts: /],
    [{ drafts: [] }, /not a shot list \(drafts: .*>=1/],
    [{ drafts: Array.from({ length: 41 }, () => fallback[0]) }, /not a shot list \(drafts: .*<=40/],
    [{ drafts: [{ label: 'x', reason: 'y', plan: { camera: { size: 'GIANT' } } }] }, /\(drafts\.0\.plan\.camera\.size: Invalid option/],
    [{ drafts: [{ label: 'x', reason: 'y', plan: { targetFrames: 2.5, aspect: 'wide' } }] }, /\(drafts\.0\.plan\.targetFrames: .*, and 1 more problem\)/],
  ])('falls back on %j', (raw, notice) => {
    const outcome = acceptAssistantDrafts(raw, fallback);
    expect(outcome.source).toBe('rules');
    expect(outcome.drafts).toBe(fallback);
    expect(outcome.notice).toMatch(notice);
    expect(outcome.notice).toMatch(/; these are Backlot's own drafts\.$/);
  });

  it('says why when the assistant could not be asked', () => {
    expect(assistantFailed('no answer within 20000 ms', fallback)).toEqual({
      source: 'rules',
      notice: "The shot-list assistant could not draft this scene (no answer within 20000 ms); these are Backlot's own drafts.",
      drafts: fallback,
    });
  });
});

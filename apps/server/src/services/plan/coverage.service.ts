/** Coverage drafts for a scene: Backlot's rules, or a shot-list assistant when asked, falling back to the rules with a notice. */
import type { CoverageDraft } from '@backlot/contracts';
import { acceptAssistantDrafts, assistantFailed, fallBackToRules, type CoverageOutcome } from '../../domain/coverage/coverage.merge.ts';
import { draftCoverage } from '../../domain/coverage/coverage.rules.ts';
import { fail } from '../../domain/errors.ts';
import type { CoverageAssistant } from '../../ports/coverage-assistant.ts';
import type { Store } from '../../ports/store.ts';

export interface CoverageDeps {
  store: Store;
  assistant: CoverageAssistant;
}

export function createCoverageService(deps: CoverageDeps) {
  return {
    /** Suggestions only: nothing is saved until a draft is accepted as a shot. */
    async draft(projectId: string, sceneId: string, useAssistant: boolean): Promise<CoverageOutcome> {
      const scene = (await deps.store.read.scenes.findById(projectId, sceneId)) ?? fail('scene.not_found', 'No such scene in this project.');
      const input = { number: scene.number, heading: scene.heading, beat: scene.beat, excerpt: scene.excerpt, characters: scene.characters };
      const rules: CoverageDraft[] = draftCoverage(input);
      if (!useAssistant) return { source: 'rules', notice: null, drafts: rules };
      if (!deps.assistant.configured) return fallBackToRules('is not set up on this server (BACKLOT_ASSISTANT_URL)', rules);
      try {
        return acceptAssistantDrafts(await deps.assistant.draft(input), rules);
      } catch (err) {
        return assistantFailed(err instanceof Error ? err.message : String(err), rules);
      }
    },
  };
}

export type CoverageService = ReturnType<typeof createCoverageService>;

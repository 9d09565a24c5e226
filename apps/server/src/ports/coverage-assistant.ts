/** Shot-list assistant port: drafts coverage for a scene with a language model. `configured` is false when no endpoint is set. */
import type { CoverageScene } from '../domain/coverage/coverage.rules.ts';

export interface CoverageAssistant {
  readonly configured: boolean;
  /** The model's answer, parsed from JSON but not yet validated (see acceptAssistantDrafts). Throws when the endpoint fails. */
  draft(scene: CoverageScene): Promise<unknown>;
}

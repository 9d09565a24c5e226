/** Accepts a shot-list assistant's answer only when it is a valid shot list; otherwise Backlot's own drafts stand, with a notice why. */
import { CoverageDraft } from '@backlot/contracts';
import { z } from 'zod';

/** What the coverage route answers: whose drafts these are, and why, when the assistant's were not used. */
export interface CoverageOutcome {
  source: 'rules' | 'assistant';
  notice: string | null;
  drafts: CoverageDraft[];
}

/** The shape an assistant must answer: one to forty drafts, each a complete CoverageDraft. */
export const AssistantAnswer = z.object({ drafts: z.array(CoverageDraft).min(1).max(40) });

/** Backlot's own drafts, with a notice that says what went wrong with the assistant ("timed out after 20 s"). */
export function fallBackToRules(problem: string, fallback: CoverageDraft[]): CoverageOutcome {
  return { source: 'rules', notice: `The shot-list assistant ${problem}; these are Backlot's own drafts.`, drafts: fallback };
}

/** One schema problem in plain words, with the path at fault: "drafts.0.plan.camera.size: Invalid option …". */
function describeIssues(error: z.ZodError): string {
  const [first] = error.issues;
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? `, and ${error.issues.length - 1} more ${error.issues.length === 2 ? 'problem' : 'problems'}` : '';
  return `${where}${first.message.replace(/^Invalid input: /, '')}${more}`;
}

/** Takes the assistant's parsed answer if it is a shot list Backlot can use; otherwise the fallback with a notice naming the problem. */
export function acceptAssistantDrafts(raw: unknown, fallback: CoverageDraft[]): CoverageOutcome {
  const parsed = AssistantAnswer.safeParse(raw);
  if (!parsed.success) return fallBackToRules(`answered something that is not a shot list (${describeIssues(parsed.error)})`, fallback);
  return { source: 'assistant', notice: null, drafts: parsed.data.drafts };
}

/** Backlot's own drafts when the assistant could not be asked or did not answer; `message` says what happened. */
export function assistantFailed(message: string, fallback: CoverageDraft[]): CoverageOutcome {
  return fallBackToRules(`could not draft this scene (${message})`, fallback);
}

/** What a take is made of, around its picture: the sections below it (continuity, prompt, adaptations, the exact request) and the facts beside it. */
import type { Take } from '@backlot/contracts';
import type { ReactNode } from 'react';
import { Section } from '../../shared/ui/page.tsx';
import { isTerminal } from '../../shared/production/take-words.ts';
import { ContinuityTable } from './continuity-table.tsx';
import { AdaptationList, RequestView } from './request-view.tsx';
import { TakeCost, TakeFacts, TakeReferences, TakeTimings } from './take-facts.tsx';

/** Below the picture: the continuity checks, the prompt, what the model could not honour and the exact request. */
export function TakeSections({ take }: { take: Take }) {
  return (
    <>
      {take.continuity && (
        <Section title="Continuity" id="continuity-title">
          <ContinuityTable results={take.continuity} finished={isTerminal(take.status)} />
        </Section>
      )}
      {take.prompt !== undefined && (
        <Section title="Prompt" id="prompt-title">
          <pre className="prompt">{take.prompt || '—'}</pre>
        </Section>
      )}
      {take.adaptations && (
        <Section title="What the model cannot honour" id="adaptations-title">
          <AdaptationList adaptations={take.adaptations} />
        </Section>
      )}
      {take.request && <RequestView request={take.request} open label="The exact request" />}
    </>
  );
}

/** Beside the picture: the take's facts, then its cost (the page may show it its own way), timings and the references it used, where it has them. */
export function TakeSideFacts({ projectId, take, children, cost }: { projectId: string; take: Take; children?: ReactNode; cost?: ReactNode }) {
  return (
    <>
      <TakeFacts projectId={projectId} take={take} />
      {children}
      {take.cost && (
        <div>
          <h2 className="side-panel-title">Cost</h2>
          {cost ?? <TakeCost take={take} />}
        </div>
      )}
      {take.timings && (
        <div>
          <h2 className="side-panel-title">Timings</h2>
          <TakeTimings take={take} />
        </div>
      )}
      {take.references && (
        <div>
          <h2 className="side-panel-title">References used</h2>
          <TakeReferences projectId={projectId} take={take} />
        </div>
      )}
    </>
  );
}

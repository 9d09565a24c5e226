/** A shot's takes column (the triage bar over the grid, or what to do when there are none) and the page's dialogs (cancel, import, an approval refused). */
import type { Shot, Take } from '@backlot/contracts';
import type { ReactNode, RefObject } from 'react';
import { useProject } from '../../../shared/project/project-context.ts';
import { EmptyState } from '../../../shared/ui/empty-state.tsx';
import { LoadError, Loading } from '../../../shared/ui/page.tsx';
import { ApprovalRefusedDialog } from '../../../features/review/approval-refused.dialog.tsx';
import { TriageBar } from '../../../features/review/triage-bar.tsx';
import type { Triage } from '../../../features/review/use-triage.ts';
import { CancelTakeDialog } from '../../../features/takes/cancel-take.dialog.tsx';
import { ImportTakeDialog } from '../../../features/takes/import-take.dialog.tsx';
import { TakeGrid } from '../../../features/takes/take-grid.tsx';
import type { ShotTakes } from '../../../features/takes/use-shot-takes.ts';

export interface TakesColumnProps {
  shotCode: string;
  takes: ShotTakes;
  triage: Triage;
  grid: RefObject<HTMLUListElement | null>;
  mayGenerate: boolean;
  mayDecide: boolean;
  mayReadPlan: boolean;
  generateButton: ReactNode;
  onCancel: (take: Take) => void;
  onRegenerate: (take: Take) => void;
  onCompare: () => void;
}

/** The triage bar over the grid of takes, or what to do while the shot has none. */
export function TakesColumn({ shotCode, takes, triage, grid, mayGenerate, mayDecide, mayReadPlan, generateButton, onCancel, onRegenerate, onCompare }: TakesColumnProps) {
  const { project } = useProject();
  const list = takes.data?.takes ?? [];
  return (
    <div className="takes-main">
      {list.length > 0 && <TriageBar triage={triage} takes={list} mayDecide={mayDecide} mayApprove={mayDecide} planKey={mayReadPlan} onCompare={onCompare} />}
      {takes.error && !takes.data ? <LoadError error={takes.error} retry={takes.reload} /> : null}
      {!takes.data && !takes.error && <Loading what="Loading the takes" />}
      {takes.data && list.length === 0 && (
        <EmptyState title="No takes yet" action={generateButton}>
          Takes of {shotCode} are generated from its plan, or imported from outside. {mayGenerate ? 'Generate the first ones: previs is free and quick.' : 'Members who generate make them here.'}
        </EmptyState>
      )}
      {list.length > 0 && (
        <TakeGrid ref={grid} projectId={project.id} takes={list} onCancel={mayGenerate ? onCancel : undefined} onRegenerate={mayGenerate ? onRegenerate : undefined} triage={triage} />
      )}
    </div>
  );
}

export interface ShotTakesDialogsProps {
  shot: Shot | undefined;
  takes: ShotTakes;
  triage: Triage;
  canceling: Take | undefined;
  importing: boolean;
  onClose: () => void;
}

/** The dialogs of a shot's takes: cancel a take, import one, and an approval refused for a reference at risk. */
export function ShotTakesDialogs({ shot, takes, triage, canceling, importing, onClose }: ShotTakesDialogsProps) {
  const { project, mayChange } = useProject();
  return (
    <>
      {canceling && <CancelTakeDialog projectId={project.id} take={canceling} onClose={onClose} onCanceled={(t) => takes.put(t)} />}
      {triage.refusal && (
        <ApprovalRefusedDialog
          refusal={triage.refusal}
          pending={triage.pending}
          onClose={triage.dismiss}
          onOverride={mayChange('review.override') ? (reason) => void triage.decide('approved', { ids: [triage.refusal!.take.id], override: true, reason }) : undefined}
        />
      )}
      {importing && shot && <ImportTakeDialog shotId={shot.id} shotCode={shot.code} onClose={onClose} onImported={(t) => takes.put(t)} />}
    </>
  );
}

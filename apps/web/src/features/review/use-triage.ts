/**
 * Triage of a shot's takes: which takes are picked (ctrl-click, shift-click, shift+arrows), which
 * one has the focus, and the decisions R/M/S/A applied to them. An approval the server refuses
 * because a reference is at risk is kept, so the page can name the asset and offer an override.
 */
import type { ReviewState, Take } from '@backlot/contracts';
import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { touchedByDecision } from '../../shared/api/keys.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useProject } from '../../shared/project/project-context.ts';
import type { TakePicking } from '../../shared/production/take-pick.ts';
import { isAtRiskRefusal } from '../../shared/production/review-words.ts';
import { effective, NOTHING_PICKED, pickRun, toggle, togglePick, type Picked } from './selection.ts';

export type Decision = Exclude<ReviewState, 'unreviewed'>;

export interface ApprovalRefusal {
  take: Take;
  message: string;
}

export interface Triage {
  /** Ids a decision applies to, in grid order. */
  targets: string[];
  /** Whether more than the focused take is picked. */
  picking: boolean;
  focusedId: string | undefined;
  isPicked: (id: string) => boolean;
  /** Wired to each card. */
  card: TakePicking;
  /** Runs an arrow key's move of the focus; with shift the move extends the pick, without it the pick ends. */
  move: (shift: boolean, go: () => void) => void;
  clear: () => void;
  decide: (state: Decision, options?: { reason?: string; override?: boolean; ids?: string[] }) => Promise<void>;
  pending: boolean;
  /** What the last decision could not do, in words. */
  problem: string | undefined;
  refusal: ApprovalRefusal | undefined;
  dismiss: () => void;
}

export function useTriage(takes: Take[], onChanged: (...changed: Take[]) => void): Triage {
  const { project } = useProject();
  const projectId = project.id;
  const queries = useQueryClient();
  const [picked, setPicked] = useState<Picked>(NOTHING_PICKED);
  const [focusedId, setFocusedId] = useState<string>();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [refusal, setRefusal] = useState<ApprovalRefusal>();
  // Set by an arrow key just before it moves the focus: extend the pick (shift) or start afresh.
  const moving = useRef<'extend' | 'move' | undefined>(undefined);
  const order = takes.map((t) => t.id);
  const targets = effective(picked, focusedId, order);

  const onFocus = (take: Take) => {
    const how = moving.current;
    moving.current = undefined;
    if (how === 'extend') setPicked((p) => pickRun(p.ids.length ? p : { ids: [], anchor: focusedId }, focusedId, take.id, order));
    else if (how === 'move') setPicked(NOTHING_PICKED);
    setFocusedId(take.id);
  };

  const decide = useCallback(
    async (state: Decision, options: { reason?: string; override?: boolean; ids?: string[] } = {}) => {
      const ids = options.ids ?? targets;
      if (!ids.length) {
        // Say why nothing happened rather than doing nothing.
        setProblem('No take is focused or picked: move to one with the arrows (or j/k), or tick its pick box, then decide.');
        return;
      }
      if (state === 'approved' && ids.length !== 1) {
        setProblem('Approve one take at a time: a shot has one approved take.');
        return;
      }
      setPending(true);
      setProblem(undefined);
      const failed: string[] = [];
      for (const takeId of ids) {
        const take = takes.find((t) => t.id === takeId);
        try {
          const body = { state, ...(options.reason ? { reason: options.reason } : {}), ...(options.override ? { override: true } : {}) };
          const changed = await api.setReview({ params: { projectId, takeId }, body });
          onChanged(changed);
          for (const queryKey of touchedByDecision(projectId, changed)) void queries.invalidateQueries({ queryKey });
          if (state === 'approved') setRefusal(undefined);
        } catch (err) {
          if (state === 'approved' && take && isAtRiskRefusal(err)) setRefusal({ take, message: messageOf(err) });
          else failed.push(`${take?.code ?? 'A take'}: ${messageOf(err)}`);
        }
      }
      setPending(false);
      if (failed.length) setProblem(failed.join(' '));
    },
    [projectId, takes, targets, onChanged, queries],
  );

  return {
    targets,
    picking: picked.ids.length > 0,
    focusedId,
    isPicked: (id) => picked.ids.includes(id),
    card: {
      onFocus,
      onMouseDown: (event) => {
        // A modified click picks; keep the focus (and so the anchor) where it was.
        if (event.shiftKey || event.ctrlKey || event.metaKey) event.preventDefault();
      },
      onClick: (take, event) => {
        if (event.shiftKey) setPicked((p) => pickRun(p, focusedId, take.id, order));
        else if (event.ctrlKey || event.metaKey) setPicked((p) => toggle(p, focusedId, take.id, order));
        else return false;
        event.preventDefault();
        return true;
      },
      onPick: (take) => setPicked((p) => togglePick(p, take.id, order)),
    },
    move: (shift, go) => {
      moving.current = shift ? 'extend' : 'move';
      go(); // focus() fires the card's focus event synchronously
      moving.current = undefined;
    },
    clear: () => setPicked(NOTHING_PICKED),
    decide,
    pending,
    problem,
    refusal,
    dismiss: () => {
      setProblem(undefined);
      setRefusal(undefined);
    },
  };
}

/**
 * Who presents, as the session's header says it: you, someone else (and whether you are looking
 * privately, with the way back), or nobody; and the Present, Add takes and Close buttons for those
 * who run the session.
 */
import type { DailiesDetail, PresenterState } from '@backlot/contracts';
import { Button } from '../../shared/ui/button.tsx';
import { CloseSession } from './session-actions.tsx';

export function PresentingStatus(props: {
  projectId: string;
  detail: DailiesDetail;
  presenter: PresenterState | null | undefined;
  iPresent: boolean;
  following: boolean;
  canRun: boolean;
  onPresent: () => void;
  onSnapBack: () => void;
  onAdd: () => void;
}) {
  const { presenter, iPresent, following, canRun } = props;
  return (
    <div className="dailies-presenting" aria-live="polite">
      {presenter ? (
        iPresent ? (
          <span className="tag" data-presenting="me">
            You are presenting
          </span>
        ) : (
          <span data-presenter={presenter.presenter.name}>
            <strong>{presenter.presenter.name}</strong> presents{!following && <span className="muted"> · you are looking privately</span>}
          </span>
        )
      ) : (
        <span className="muted">Nobody presents</span>
      )}
      {!following && presenter && !iPresent && (
        <Button small onClick={props.onSnapBack}>
          Back to {presenter.presenter.name} (B)
        </Button>
      )}
      {canRun && !iPresent && (
        <Button small variant="primary" onClick={props.onPresent}>
          Present
        </Button>
      )}
      {canRun && (
        <Button small onClick={props.onAdd}>
          Add takes
        </Button>
      )}
      {canRun && <CloseSession projectId={props.projectId} detail={props.detail} />}
    </div>
  );
}

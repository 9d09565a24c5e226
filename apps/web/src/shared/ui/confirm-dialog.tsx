/** Asks once before a change that removes or closes something, naming what will change. */
import type { ReactNode } from 'react';
import { messageOf } from '../lib/errors.ts';
import { useAction } from '../lib/use-action.ts';
import { Banner } from './banner.tsx';
import { Button } from './button.tsx';
import { Dialog } from './dialog.tsx';

export interface ConfirmProps {
  title: string;
  /** What will change, in the crew's words. */
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, danger, onConfirm, onClose }: ConfirmProps) {
  const action = useAction(async () => {
    await onConfirm();
    onClose();
  });
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant={danger ? 'danger' : 'primary'} pending={action.pending} onClick={() => void action.run()}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="confirm-text">{children}</div>
      {action.error ? <Banner tone="error">{messageOf(action.error)}</Banner> : null}
    </Dialog>
  );
}

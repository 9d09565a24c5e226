/** Issues a one-time password reset link for an account and shows it to copy (and says whether it was mailed). */
import type { Account } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { OneTimeSecret } from '../../shared/ui/one-time-secret.tsx';

export function ResetLinkDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const issue = useAction(() => api.issueResetLink({ params: { id: account.id } }));
  const [link, setLink] = useState<Awaited<ReturnType<typeof api.issueResetLink>>>();

  return (
    <Dialog
      title={`Password reset for ${account.name}`}
      onClose={onClose}
      wide
      footer={
        link ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="primary"
              pending={issue.pending}
              onClick={async () => {
                const made = await issue.run();
                if (made) setLink(made);
              }}
            >
              Issue reset link
            </Button>
          </>
        )
      }
    >
      {!link && <p>A one-time link lets {account.email} choose a new password. Their current password keeps working until they use it.</p>}
      {issue.error ? <Banner tone="error">{messageOf(issue.error)}</Banner> : null}
      {link && (
        <>
          <OneTimeSecret label="Reset link" value={link.url} copyLabel="Copy link" />
          <Banner tone={link.emailed ? 'ok' : 'info'}>
            {link.emailed ? `Mailed to ${account.email}.` : `This Backlot does not send mail: send the link to ${account.email} yourself.`} It works once, until {formatWhen(link.expiresAt)}.
          </Banner>
        </>
      )}
    </Dialog>
  );
}

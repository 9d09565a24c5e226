/**
 * Sharing the session with people who have no account: each guest review link with its label,
 * expiry, passcode and guests; a new one (how long it works, an optional passcode) shown once to
 * copy; revoking one asks once and puts its guests out at once.
 */
import type { ReviewLink } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { Dialog } from '../../shared/ui/dialog.tsx';
import { Field, Form, FormActions, FormError, Input, Select } from '../../shared/ui/form.tsx';
import { OneTimeSecret } from '../../shared/ui/one-time-secret.tsx';

const EXPIRIES: { hours: number; label: string }[] = [
  { hours: 24, label: 'a day' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: 'a week' },
  { hours: 720, label: '30 days' },
];

export function ShareLinks({ projectId, sessionId }: { projectId: string; sessionId: string }) {
  const links = useLoad(keys.dailies.links(projectId, sessionId), () => api.listReviewLinks({ params: { projectId, sessionId } }));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ReviewLink>();
  const revoke = useAction((l: ReviewLink) => api.revokeReviewLink({ params: { projectId, sessionId, linkId: l.id } }), { invalidates: [keys.dailies.links(projectId, sessionId)] });
  const now = new Date().toISOString();
  return (
    <section className="dailies-links" aria-label="Guest review links">
      <h2 className="side-panel-title">Guest links</h2>
      <ul className="dailies-link-list">
        {(links.data?.links ?? []).map((l) => {
          const state = l.revokedAt ? 'revoked' : l.expiresAt <= now ? 'expired' : `until ${formatWhen(l.expiresAt)}`;
          return (
            <li key={l.id} data-link={l.label}>
              <strong>{l.label}</strong>{' '}
              <span className="muted small">
                {state}
                {l.hasPasscode ? ' · passcode' : ''} · {l.guests} {l.guests === 1 ? 'guest' : 'guests'}
              </span>
              {!l.revokedAt && l.expiresAt > now && (
                <Button small variant="ghost" onClick={() => setRevoking(l)}>
                  Revoke
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <Button small onClick={() => setCreating(true)}>
        Share with a guest…
      </Button>
      {creating && <NewLinkDialog projectId={projectId} sessionId={sessionId} onClose={() => setCreating(false)} />}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.label}”?`}
          confirmLabel="Revoke link"
          danger
          onClose={() => setRevoking(undefined)}
          onConfirm={async () => {
            await revoke.run(revoking);
          }}
        >
          The link stops working now and its {revoking.guests} {revoking.guests === 1 ? 'guest is' : 'guests are'} put out at once. Their notes stay.
        </ConfirmDialog>
      )}
    </section>
  );
}

function NewLinkDialog({ projectId, sessionId, onClose }: { projectId: string; sessionId: string; onClose: () => void }) {
  const [label, setLabel] = useState('Client');
  const [hours, setHours] = useState(72);
  const [passcode, setPasscode] = useState('');
  const create = useAction(() => api.createReviewLink({ params: { projectId, sessionId }, body: { label, expiresInHours: hours, ...(passcode ? { passcode } : {}) } }), {
    invalidates: [keys.dailies.links(projectId, sessionId)],
  });
  const [made, setMade] = useState<{ url: string; label: string }>();
  if (made) {
    return (
      <Dialog
        title={`Link for ${made.label}`}
        onClose={onClose}
        footer={
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <OneTimeSecret label="Review link" value={made.url} copyLabel="Copy link" />
        <p className="muted">Guests give their name{passcode ? ' and the passcode' : ''}, then see the session's takes as a viewer does and leave notes. Backlot shows the link only now.</p>
      </Dialog>
    );
  }
  return (
    <Dialog title="Share the session with a guest" onClose={onClose}>
      <Form
        label="New guest link"
        error={create.error}
        onSubmit={async () => {
          const r = await create.run();
          if (r) setMade({ url: new URL(r.path, window.location.origin).toString(), label: r.link.label });
        }}
      >
        <Field label="Label" name="label" hint="To tell links apart, e.g. the client's name.">
          <Input value={label} onChange={(e) => setLabel(e.target.value)} autoFocus />
        </Field>
        <Field label="Works for" name="expiresInHours">
          <Select value={String(hours)} onChange={(e) => setHours(Number(e.target.value))}>
            {EXPIRIES.map((x) => (
              <option key={x.hours} value={x.hours}>
                {x.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Passcode (optional)" name="passcode" hint="6 characters or more; send it apart from the link.">
          <Input type="text" value={passcode} onChange={(e) => setPasscode(e.target.value)} autoComplete="off" />
        </Field>
        <FormError />
        <FormActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.pending}>
            Create link
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}

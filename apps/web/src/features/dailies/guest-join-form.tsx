/** A guest's way into a review link: their name (their notes go under it) and the passcode when the link has one; what refused them, if anything. */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';

export function GuestJoinForm({ token, onJoined, refused }: { token: string; onJoined: () => void; refused: unknown }) {
  const [name, setName] = useState('');
  const [passcode, setPasscode] = useState('');
  const join = useAction(() => api.joinReviewLink({ body: { token, name, ...(passcode ? { passcode } : {}) } }));
  return (
    <div className="auth-card">
      <h1 className="page-title">Review dailies</h1>
      <p className="muted">You were sent a link to review takes. Give your name: your notes go under it.</p>
      {refused ? <Banner tone="error">{messageOf(refused)}</Banner> : null}
      <Form
        label="Join the review"
        error={join.error}
        onSubmit={async () => {
          if (await join.run()) onJoined();
        }}
      >
        <Field label="Your name" name="name">
          <Input value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="name" />
        </Field>
        <Field label="Passcode" name="passcode" hint="Only if you were given one with the link.">
          <Input type="password" value={passcode} onChange={(e) => setPasscode(e.target.value)} autoComplete="off" />
        </Field>
        <FormError />
        <FormActions>
          <Button type="submit" variant="primary" pending={join.pending}>
            Open the review
          </Button>
        </FormActions>
      </Form>
    </div>
  );
}

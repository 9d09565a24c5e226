/** Changes your password; your other sessions end, this one stays, and your API tokens are revoked too when you ask. */
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';

/** `onChanged` is told whether the API tokens were revoked, so the page can show the list as it is now. */
export function PasswordForm({ onChanged }: { onChanged?: (tokensRevoked: boolean) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [revokeTokens, setRevokeTokens] = useState(false);
  const [done, setDone] = useState<'kept' | 'revoked' | null>(null);
  const change = useAction(() => api.changePassword({ body: { currentPassword: current, newPassword: next, revokeTokens } }));
  return (
    <Form
      label="Change password"
      error={change.error}
      onSubmit={async () => {
        setDone(null);
        if (!(await change.run())) return;
        setCurrent('');
        setNext('');
        setRevokeTokens(false);
        setDone(revokeTokens ? 'revoked' : 'kept');
        onChanged?.(revokeTokens);
      }}
    >
      <div className="field-row">
        <Field label="Current password" name="currentPassword">
          <Input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </Field>
        <Field label="New password" name="newPassword" hint="At least 10 characters. Your other sessions end.">
          <Input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </Field>
      </div>
      <label className="toggle">
        <input type="checkbox" name="revokeTokens" checked={revokeTokens} onChange={(e) => setRevokeTokens(e.target.checked)} />
        Also revoke my API tokens (scripts using them stop working)
      </label>
      <FormError />
      {done === 'kept' && <Banner tone="ok">Password changed. Your other sessions have ended; your API tokens still work.</Banner>}
      {done === 'revoked' && <Banner tone="ok">Password changed. Your other sessions have ended and your API tokens are revoked.</Banner>}
      <FormActions>
        <Button type="submit" pending={change.pending}>
          Change password
        </Button>
      </FormActions>
    </Form>
  );
}

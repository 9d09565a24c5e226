/** Changes your password; your other sessions end, this one stays. */
import { useState } from 'react';
import { api } from '../../app/client.ts';
import { useAction } from '../../lib/use-action.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../ui/form.tsx';

export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const change = useAction(() => api.changePassword({ body: { currentPassword: current, newPassword: next } }));
  return (
    <Form
      label="Change password"
      error={change.error}
      onSubmit={async () => {
        setDone(false);
        if (!(await change.run())) return;
        setCurrent('');
        setNext('');
        setDone(true);
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
      <FormError />
      {done && <Banner tone="ok">Password changed. Your other sessions have ended.</Banner>}
      <FormActions>
        <Button type="submit" pending={change.pending}>
          Change password
        </Button>
      </FormActions>
    </Form>
  );
}

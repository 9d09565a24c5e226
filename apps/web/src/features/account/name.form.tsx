/** Changes the name other members see on your notes, decisions and audit events. */
import { useState } from 'react';
import { useAuth, useMe } from '../../shared/session/auth.tsx';
import { api } from '../../shared/api/client.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormActions, FormError, Input } from '../../shared/ui/form.tsx';

export function NameForm() {
  const me = useMe();
  const auth = useAuth();
  const [name, setName] = useState(me.account.name);
  const [done, setDone] = useState(false);
  const save = useAction(() => api.updateMe({ body: { name } }));
  return (
    <Form
      label="Your name"
      error={save.error}
      onSubmit={async () => {
        setDone(false);
        const updated = await save.run();
        if (!updated) return;
        auth.signedIn(updated);
        setDone(true);
      }}
    >
      <Field label="Name" name="name" hint="Shown to other members on decisions, notes and in the audit log.">
        <Input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <FormError />
      {done && <Banner tone="ok">Name saved.</Banner>}
      <FormActions>
        <Button type="submit" pending={save.pending} disabled={name.trim() === me.account.name}>
          Save name
        </Button>
      </FormActions>
    </Form>
  );
}

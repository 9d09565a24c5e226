/** Every account of the instance: create, disable or enable, make admin, and issue a reset link to copy. */
import type { Account } from '@backlot/contracts';
import { useState } from 'react';
import { useMe } from '../../shared/session/auth.tsx';
import { api } from '../../shared/api/client.ts';
import { formatDay } from '../../shared/lib/format.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { Tag } from '../../shared/ui/tag.tsx';
import { CreateAccountDialog } from './create-account.dialog.tsx';
import { ResetLinkDialog } from './reset-link.dialog.tsx';

type Asking = { kind: 'disable' | 'enable' | 'admin' | 'unadmin' | 'reset'; account: Account };

const QUESTIONS: Record<Exclude<Asking['kind'], 'reset'>, { title: (a: Account) => string; label: string; text: (a: Account) => string; danger?: boolean }> = {
  disable: {
    title: (a) => `Disable ${a.name}?`,
    label: 'Disable account',
    danger: true,
    text: (a) => `${a.email} is signed out everywhere and cannot sign in or use API tokens until enabled again. Project memberships are kept.`,
  },
  enable: { title: (a) => `Enable ${a.name}?`, label: 'Enable account', text: (a) => `${a.email} can sign in again.` },
  admin: {
    title: (a) => `Make ${a.name} an instance admin?`,
    label: 'Make admin',
    text: (a) => `${a.email} can then manage every account, reset passwords and change instance settings.`,
  },
  unadmin: { title: (a) => `Remove ${a.name}'s admin rights?`, label: 'Remove admin', danger: true, text: (a) => `${a.email} keeps their account and projects.` },
};

export function AccountsPage() {
  const me = useMe();
  const accounts = useLoad(keys.admin.accounts, () => api.listAccounts());
  const [creating, setCreating] = useState(false);
  const [asking, setAsking] = useState<Asking>();

  const replace = (a: Account) => accounts.setData((d) => ({ accounts: (d?.accounts ?? []).map((x) => (x.id === a.id ? a : x)) }));
  const apply = async ({ kind, account }: Asking) => {
    const body = kind === 'disable' ? { disabled: true } : kind === 'enable' ? { disabled: false } : { isAdmin: kind === 'admin' };
    replace(await api.updateAccount({ params: { id: account.id }, body }));
  };
  const question = asking && asking.kind !== 'reset' ? QUESTIONS[asking.kind] : undefined;

  return (
    <Section
      title="Accounts"
      actions={
        <Button variant="primary" onClick={() => setCreating(true)}>
          Create account
        </Button>
      }
    >
      {accounts.error ? <LoadError error={accounts.error} retry={accounts.reload} /> : null}
      {!accounts.data && !accounts.error && <Loading what="Loading accounts" />}
      {accounts.data && (
        <Table label="Accounts" head={['Name', 'Email', 'Status', 'Created', '']}>
          {accounts.data.accounts.map((a) => (
            <tr key={a.id} className={a.disabled ? 'row-closed' : undefined}>
              <td>
                {a.name} {a.id === me.account.id && <Tag tone="muted">you</Tag>}
              </td>
              <td>{a.email}</td>
              <td>
                {a.disabled ? <Tag tone="danger">disabled</Tag> : <Tag tone="ok">active</Tag>} {a.isAdmin && <Tag>admin</Tag>}
              </td>
              <td>{formatDay(a.createdAt)}</td>
              <td className="cell-actions">
                <Button small variant="ghost" onClick={() => setAsking({ kind: 'reset', account: a })} aria-label={`Reset link for ${a.name}`}>
                  Reset link
                </Button>
                <Button small variant="ghost" onClick={() => setAsking({ kind: a.isAdmin ? 'unadmin' : 'admin', account: a })}>
                  {a.isAdmin ? 'Remove admin' : 'Make admin'}
                </Button>
                <Button small variant="ghost" onClick={() => setAsking({ kind: a.disabled ? 'enable' : 'disable', account: a })} aria-label={`${a.disabled ? 'Enable' : 'Disable'} ${a.name}`}>
                  {a.disabled ? 'Enable' : 'Disable'}
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {creating && <CreateAccountDialog onClose={() => setCreating(false)} onCreated={(a) => accounts.setData((d) => ({ accounts: [...(d?.accounts ?? []), a] }))} />}
      {asking?.kind === 'reset' && <ResetLinkDialog account={asking.account} onClose={() => setAsking(undefined)} />}
      {asking && question && (
        <ConfirmDialog title={question.title(asking.account)} confirmLabel={question.label} danger={question.danger} onClose={() => setAsking(undefined)} onConfirm={() => apply(asking)}>
          {question.text(asking.account)}
        </ConfirmDialog>
      )}
    </Section>
  );
}

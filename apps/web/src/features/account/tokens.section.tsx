/** Your API tokens for the command line and scripts: create one (its secret is shown once) and revoke. */
import type { ApiToken } from '@backlot/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { formatDay, formatWhen } from '../../shared/lib/format.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Button } from '../../shared/ui/button.tsx';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog.tsx';
import { EmptyState } from '../../shared/ui/empty-state.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { CreateTokenDialog } from './create-token.dialog.tsx';

export function TokensSection() {
  const tokens = useLoad(keys.account.tokens, () => api.listTokens());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken>();
  const queries = useQueryClient();
  const createButton = <Button onClick={() => setCreating(true)}>Create token</Button>;

  return (
    <Section title="API tokens" actions={tokens.data && tokens.data.tokens.length > 0 ? createButton : undefined}>
      {tokens.error ? <LoadError error={tokens.error} retry={tokens.reload} /> : null}
      {!tokens.data && !tokens.error && <Loading what="Loading tokens" />}
      {tokens.data && tokens.data.tokens.length === 0 && (
        <EmptyState title="No API tokens" action={createButton}>
          A token lets the Backlot command line or a script act as you. Create one per machine or script, and revoke it when it is no longer used.
        </EmptyState>
      )}
      {tokens.data && tokens.data.tokens.length > 0 && (
        <Table label="API tokens" head={['Name', 'Token', 'Created', 'Last used', 'Expires', '']}>
          {tokens.data.tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td className="mono muted">{t.prefix}…</td>
              <td>{formatDay(t.createdAt)}</td>
              <td>{t.lastUsedAt ? formatWhen(t.lastUsedAt) : 'never'}</td>
              <td>{t.expiresAt ? formatDay(t.expiresAt) : 'never'}</td>
              <td className="cell-actions">
                <Button small variant="ghost" aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {creating && <CreateTokenDialog onClose={() => setCreating(false)} />}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke token"
          danger
          onClose={() => setRevoking(undefined)}
          onConfirm={async () => {
            await api.revokeToken({ params: { id: revoking.id } });
            await queries.invalidateQueries({ queryKey: keys.account.tokens });
          }}
        >
          Anything using this token (the command line, a script) stops working at once.
        </ConfirmDialog>
      )}
    </Section>
  );
}

/** The browsers and devices signed in to your account; sign any of them out. */
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api/client.ts';
import { messageOf } from '../../shared/lib/errors.ts';
import { browserLabel, formatWhen } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { keys } from '../../shared/api/keys.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { LoadError, Loading, Section } from '../../shared/ui/page.tsx';
import { Table } from '../../shared/ui/table.tsx';
import { Tag } from '../../shared/ui/tag.tsx';

export function SessionsSection() {
  const navigate = useNavigate();
  const sessions = useLoad(keys.account.sessions, () => api.listSessions());
  const revoke = useAction((id: string) => api.revokeSession({ params: { id } }));

  return (
    <Section title="Where you are signed in">
      {sessions.error ? <LoadError error={sessions.error} retry={sessions.reload} /> : null}
      {revoke.error ? <Banner tone="error">{messageOf(revoke.error)}</Banner> : null}
      {!sessions.data && !sessions.error && <Loading what="Loading sessions" />}
      {sessions.data && (
        <Table label="Sessions" head={['Browser', 'Signed in', 'Last seen', 'Ends', '']}>
          {sessions.data.sessions.map((s) => (
            <tr key={s.id}>
              <td title={s.userAgent ?? undefined}>
                {browserLabel(s.userAgent)} {s.current && <Tag tone="ok">this browser</Tag>}
              </td>
              <td>{formatWhen(s.createdAt)}</td>
              <td>{formatWhen(s.lastSeenAt)}</td>
              <td>{formatWhen(s.expiresAt)}</td>
              <td className="cell-actions">
                {s.current ? (
                  <Button small variant="ghost" onClick={() => navigate('/sign-out')}>
                    Sign out
                  </Button>
                ) : (
                  <Button
                    small
                    variant="ghost"
                    aria-label={`Sign out ${browserLabel(s.userAgent)} since ${formatWhen(s.createdAt)}`}
                    onClick={async () => {
                      if (await revoke.run(s.id)) sessions.setData((d) => ({ sessions: (d?.sessions ?? []).filter((x) => x.id !== s.id) }));
                    }}
                  >
                    Sign out
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

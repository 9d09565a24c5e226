/**
 * Spend caps: per member or per role (a member's own cap wins over their role's), per UTC day or
 * over the project. Those who manage spend add or change one (the same subject and period replace
 * the cap there) and remove one; the rest read them. Errors show on the field the server names.
 */
import type { BudgetOverview, Role, SpendCap } from '@backlot/contracts';
import { useState } from 'react';
import { api } from '../../shared/api/client.ts';
import { keys } from '../../shared/api/keys.ts';
import { formatWhen } from '../../shared/lib/format.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { useLoad } from '../../shared/lib/use-load.ts';
import { Button } from '../../shared/ui/button.tsx';
import { Field, Form, FormError, Input, Select } from '../../shared/ui/form.tsx';

/** Roles that generate, and so spend (DESIGN.md §8). */
const SPENDING_ROLES: Role[] = ['owner', 'producer', 'director'];
const ROLE_PLURAL: Record<string, string> = { owner: 'owners', producer: 'producers', director: 'directors', editor: 'editors', viewer: 'viewers' };
const PERIOD_WORDS = { day: 'per day (UTC)', project: 'over the project' } as const;

/** Whom a cap binds, in words: "Each director", "Dana Director". */
export function capSubject(cap: SpendCap): string {
  return cap.subject.kind === 'role' ? `Each of the ${ROLE_PLURAL[cap.subject.role] ?? cap.subject.role}` : cap.subject.name;
}

function capInput(cap: SpendCap, amount: string | null) {
  return cap.subject.kind === 'role' ? { role: cap.subject.role, period: cap.period, amount } : { accountId: cap.subject.accountId, period: cap.period, amount };
}

export function SpendCaps({ projectId, overview, mayManage }: { projectId: string; overview: BudgetOverview; mayManage: boolean }) {
  const cur = overview.currency;
  const remove = useAction((cap: SpendCap) => api.setSpendCap({ params: { projectId }, body: capInput(cap, null) }), { invalidates: [keys.spend.all(projectId)] });
  return (
    <>
      {overview.caps.length === 0 ? (
        <p className="muted">No spend caps: members spend up to the project’s and scenes’ budgets.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Spend caps">
            <thead>
              <tr>
                <th scope="col">Applies to</th>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Cap ({cur})
                </th>
                <th scope="col">Set by</th>
                {mayManage && <th scope="col" className="cell-actions" />}
              </tr>
            </thead>
            <tbody>
              {overview.caps.map((c) => {
                const name = `${capSubject(c)} ${PERIOD_WORDS[c.period]}`;
                return (
                  <tr key={`${c.subject.kind}:${c.subject.kind === 'role' ? c.subject.role : c.subject.accountId}:${c.period}`} aria-label={name}>
                    <td>
                      {capSubject(c)}
                      {c.subject.kind === 'member' && <span className="faint"> (own cap, wins over the role’s)</span>}
                    </td>
                    <td>{PERIOD_WORDS[c.period]}</td>
                    <td className="num mono">{c.amount}</td>
                    <td className="muted">
                      {c.setBy} · {formatWhen(c.setAt)}
                    </td>
                    {mayManage && (
                      <td className="cell-actions">
                        <Button small variant="ghost" aria-label={`Remove the cap: ${name}`} pending={remove.pending} onClick={() => void remove.run(c)}>
                          Remove
                        </Button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {mayManage && <CapForm projectId={projectId} currency={cur} />}
    </>
  );
}

function CapForm({ projectId, currency }: { projectId: string; currency: string }) {
  const members = useLoad(keys.members.list(projectId), () => api.listMembers({ params: { projectId } }));
  const [subject, setSubject] = useState('role:director');
  const [period, setPeriod] = useState<'day' | 'project'>('day');
  const [amount, setAmount] = useState('');
  const [kind, id] = subject.split(':') as ['role' | 'member', string];
  const save = useAction(
    () => api.setSpendCap({ params: { projectId }, body: kind === 'role' ? { role: id as Role, period, amount: amount.trim() } : { accountId: id, period, amount: amount.trim() } }),
    { invalidates: [keys.spend.all(projectId)] },
  );
  const spenders = (members.data?.members ?? []).filter((m) => SPENDING_ROLES.includes(m.role));
  return (
    <Form label="Set a spend cap" className="form form-inline cap-form" error={save.error} onSubmit={async () => void ((await save.run()) && setAmount(''))}>
      <Field label="Applies to" name={kind === 'role' ? 'role' : 'accountId'}>
        <Select value={subject} onChange={(e) => setSubject(e.target.value)}>
          <optgroup label="Every member of a role">
            {SPENDING_ROLES.map((r) => (
              <option key={r} value={`role:${r}`}>
                Each of the {ROLE_PLURAL[r]}
              </option>
            ))}
          </optgroup>
          <optgroup label="One member">
            {spenders.map((m) => (
              <option key={m.accountId} value={`member:${m.accountId}`}>
                {m.name} ({m.role})
              </option>
            ))}
          </optgroup>
        </Select>
      </Field>
      <Field label="Period" name="period">
        <Select value={period} onChange={(e) => setPeriod(e.target.value as 'day' | 'project')}>
          <option value="day">Per day (UTC)</option>
          <option value="project">Over the project</option>
        </Select>
      </Field>
      <Field label={`Cap (${currency})`} name="amount" className="field-narrow">
        <Input mono inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="e.g. 50.00" />
      </Field>
      <Button type="submit" variant="primary" pending={save.pending}>
        Set cap
      </Button>
      <FormError />
    </Form>
  );
}

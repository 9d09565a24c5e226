/** A member's saved searches of a project's takes: stored as their query, listed and deleted by their owner alone. */
import { TakeFilterQuery, type Role, type TakeFilter, type TakeFilterInput } from '@backlot/contracts';
import { fail } from '../../domain/errors.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store } from '../../ports/store.ts';
import type { TakeFilterRecord } from '../../ports/take-store.ts';
import { takeFilterFor } from './takes.service.ts';

/** A saved search as its owner reads it (a query saved under rules since changed keeps only what still parses). */
function present(r: TakeFilterRecord): TakeFilter {
  const parsed = TakeFilterQuery.safeParse(r.query);
  return { id: r.id, name: r.name, query: parsed.success ? parsed.data : {}, createdAt: r.createdAt };
}

export function createTakeFiltersService(deps: { store: Store; clock: Clock; ids: Ids }) {
  return {
    async list(projectId: string, accountId: string): Promise<TakeFilter[]> {
      return (await deps.store.read.takeFilters.listFor(projectId, accountId)).map(present);
    },

    /** Saves a search the member may run (the same checks as the grid's); a name they already use is refused. */
    async save(projectId: string, accountId: string, role: Role, input: TakeFilterInput): Promise<TakeFilter> {
      takeFilterFor(role, input.query, 'query.');
      const query = Object.fromEntries(Object.entries(input.query).filter(([, v]) => v !== undefined));
      const record: TakeFilterRecord = { id: deps.ids.next(), projectId, accountId, name: input.name, query, createdAt: deps.clock.now().toISOString() };
      await deps.store.transaction((tx) => tx.takeFilters.insert(record));
      return present(record);
    },

    async delete(projectId: string, accountId: string, id: string): Promise<void> {
      const gone = await deps.store.transaction((tx) => tx.takeFilters.delete(projectId, accountId, id));
      if (!gone) fail('take_filter.not_found', 'You have no saved search by this id in this project.');
    },
  };
}

export type TakeFiltersService = ReturnType<typeof createTakeFiltersService>;

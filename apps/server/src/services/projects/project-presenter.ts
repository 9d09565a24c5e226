/** The wire shape of a project for one member: the budget only for those who may read spend. */
import type { Project, Role } from '@backlot/contracts';
import { actionsFor, roleMay } from '../../domain/permissions/permissions.ts';
import { aspectOf, formatAmount, formatRate } from '../../domain/project/project.rules.ts';
import type { ProjectRecord } from '../../ports/store.ts';

export function presentProject(p: ProjectRecord, role: Role): Project {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    frameRate: formatRate({ num: p.fpsNum, den: p.fpsDen }),
    timecodeMode: p.timecodeMode,
    resolution: { width: p.width, height: p.height },
    aspect: aspectOf(p.width, p.height),
    currency: p.currency,
    budget: roleMay(role, 'spend.read') ? formatAmount(p.budgetMicros) : undefined,
    generation: p.generation,
    review: p.review,
    closed: p.closedAt !== null,
    closedAt: p.closedAt,
    createdAt: p.createdAt,
    myRole: role,
  };
}

export function presentProjectDetail(p: ProjectRecord, role: Role) {
  return { project: presentProject(p, role), permissions: actionsFor(role, { closed: p.closedAt !== null }) };
}

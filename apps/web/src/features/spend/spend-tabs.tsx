/** The tabs of a project's Spend section: the overview, budgets and caps, and the price catalog. */
import { NavLink } from 'react-router-dom';

export function SpendTabs({ projectId }: { projectId: string }) {
  const base = `/projects/${projectId}/spend`;
  return (
    <nav className="tabs" aria-label="Spend">
      <NavLink to={base} end>
        Overview
      </NavLink>
      <NavLink to={`${base}/budgets`}>Budgets and caps</NavLink>
      <NavLink to={`${base}/prices`}>Prices</NavLink>
    </nav>
  );
}

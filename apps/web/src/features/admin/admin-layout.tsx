/** The instance admin's pages: accounts, instance settings, the instance audit log. */
import { NavLink, Outlet } from 'react-router-dom';
import { useDocumentTitle } from '../../shared/lib/use-document-title.ts';
import { PageHeader } from '../../shared/ui/page.tsx';

export function AdminLayout() {
  useDocumentTitle('Administration');
  return (
    <div className="page">
      <PageHeader title="Administration" sub="This Backlot instance: its accounts, who may create projects, and the record of sign-ins and account changes." />
      <nav className="tabs" aria-label="Administration">
        <NavLink to="/admin/accounts">Accounts</NavLink>
        <NavLink to="/admin/settings">Settings</NavLink>
        <NavLink to="/admin/keys">Provider keys</NavLink>
        <NavLink to="/admin/audit">Audit</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}

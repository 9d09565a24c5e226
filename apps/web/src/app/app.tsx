/** The web UI: the cache of server state, who is signed in, the keyboard shortcuts, and which page answers which address. */
import { InstanceKeysPage } from '../features/keys/instance-keys.page.tsx';
import { ProjectKeysPage } from '../features/keys/project-keys.page.tsx';
import { ComfyWorkflowsPage } from '../features/comfyui/workflows.page.tsx';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AccountPage } from '../features/account/account.page.tsx';
import { AccountsPage } from '../features/admin/accounts.page.tsx';
import { AdminLayout } from '../features/admin/admin-layout.tsx';
import { InstanceAuditPage } from './pages/instance-audit.page.tsx';
import { InstanceSettingsPage } from '../features/admin/instance-settings.page.tsx';
import { AssetPage } from '../features/assets/asset.page.tsx';
import { AssetsPage } from '../features/assets/assets.page.tsx';
import { ProjectAuditPage } from '../features/audit/project-audit.page.tsx';
import { ForgotPasswordPage } from '../features/auth/forgot-password.page.tsx';
import { ResetPasswordPage } from '../features/auth/reset-password.page.tsx';
import { SignInPage } from '../features/auth/sign-in.page.tsx';
import { SignOutPage } from '../features/auth/sign-out.page.tsx';
import { HomePage } from './pages/home.page.tsx';
import { InvitationPage } from '../features/members/invitation-accept.page.tsx';
import { MembersPage } from '../features/members/members.page.tsx';
import { PlanEditorPage } from './pages/plan-editor.page.tsx';
import { ProjectHome } from '../features/projects/project-home.tsx';
import { HandoffPage } from './pages/handoff.page.tsx';
import { PLACEHOLDERS, ProjectPlaceholderPage } from '../features/projects/project-placeholder.page.tsx';
import { ProjectSettingsPage } from '../features/projects/project-settings.page.tsx';
import { RetentionPage } from '../features/retention/retention.page.tsx';
import { ProjectShell } from '../features/projects/project-shell.tsx';
import { ProjectsPage } from './pages/projects.page.tsx';
import { ScenesPage } from '../features/plan/scenes.page.tsx';
import { RevisionsPage } from '../features/plan/revisions.page.tsx';
import { SetupPage } from '../features/setup/setup.page.tsx';
import { ShotsPage } from '../features/plan/shots.page.tsx';
import { StoryboardPage } from '../features/plan/storyboard.page.tsx';
import { ComparePage } from '../features/review/compare.page.tsx';
import { DailiesListPage } from '../features/dailies/dailies-list.page.tsx';
import { DailiesSessionPage } from './pages/dailies/session.page.tsx';
import { GuestReviewPage } from './pages/dailies/guest-review.page.tsx';
import { ContinuityPage } from '../features/review/continuity.page.tsx';
import { ProjectTakesPage } from '../features/takes/project-takes.page.tsx';
import { SpendPage } from '../features/spend/spend.page.tsx';
import { BudgetsPage } from '../features/spend/budgets.page.tsx';
import { PricesPage } from '../features/spend/prices.page.tsx';
import { ShotTakesPage } from './pages/shot-takes/shot-takes.page.tsx';
import { TakePage } from './pages/take/take.page.tsx';
import { createQueryClient } from '../shared/api/query-client.ts';
import { AuthProvider } from '../shared/session/auth.tsx';
import { AfterSetup, NotFoundPage, RequireAccount, RequireAdmin, SetupOnly, SignedOutOnly } from './guards.tsx';
import { AppShell } from './shell.tsx';
import { ShortcutsProvider } from '../shared/shortcuts/shortcuts.tsx';

export function App() {
  const [queries] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queries}>
      <BrowserRouter>
        <AuthProvider>
          <ShortcutsProvider>
            <Routes>
              <Route element={<SetupOnly />}>
                <Route path="/setup" element={<SetupPage />} />
              </Route>
              <Route element={<SignedOutOnly />}>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              </Route>
              <Route element={<AfterSetup />}>
                <Route path="/review/:token" element={<GuestReviewPage />} />
                <Route path="/reset-password" element={<ResetPasswordPage />} />
                <Route path="/invite" element={<InvitationPage />} />
                <Route path="/sign-out" element={<SignOutPage />} />
              </Route>
              <Route element={<RequireAccount />}>
                <Route element={<AppShell />}>
                  <Route index element={<Navigate to="/projects" replace />} />
                  <Route path="/home" element={<HomePage />} />
                  <Route path="/projects" element={<ProjectsPage />} />
                  <Route path="/projects/:projectId" element={<ProjectShell />}>
                    <Route index element={<ProjectHome />} />
                    <Route path="scenes" element={<ScenesPage />} />
                    <Route path="scenes/:sceneId/storyboard" element={<StoryboardPage />} />
                    <Route path="scenes/:sceneId/continuity" element={<ContinuityPage />} />
                    <Route path="revisions" element={<RevisionsPage />} />
                    <Route path="shots" element={<ShotsPage />} />
                    <Route path="shots/:shotId" element={<PlanEditorPage />} />
                    <Route path="shots/:shotId/takes" element={<ShotTakesPage />} />
                    <Route path="takes" element={<ProjectTakesPage />} />
                    <Route path="takes/:takeId" element={<TakePage />} />
                    <Route path="compare" element={<ComparePage />} />
                    <Route path="assets" element={<AssetsPage />} />
                    <Route path="assets/:assetId" element={<AssetPage />} />
                    {PLACEHOLDERS.filter((p) => p.path !== 'takes' && p.path !== 'dailies').map((p) => (
                      <Route key={p.path} path={p.path} element={<ProjectPlaceholderPage area={p.path} />} />
                    ))}
                    <Route path="dailies" element={<DailiesListPage />} />
                    <Route path="dailies/:sessionId" element={<DailiesSessionPage />} />
                    <Route path="spend" element={<SpendPage />} />
                    <Route path="spend/budgets" element={<BudgetsPage />} />
                    <Route path="spend/prices" element={<PricesPage />} />
                    <Route path="audit" element={<ProjectAuditPage />} />
                    <Route path="handoff" element={<HandoffPage />} />
                    <Route path="settings" element={<ProjectSettingsPage />} />
                    <Route path="settings/members" element={<MembersPage />} />
                    <Route path="settings/keys" element={<ProjectKeysPage />} />
                    <Route path="settings/comfyui" element={<ComfyWorkflowsPage />} />
                    <Route path="settings/retention" element={<RetentionPage />} />
                  </Route>
                  <Route path="/account" element={<AccountPage />} />
                  <Route path="/admin" element={<RequireAdmin />}>
                    <Route element={<AdminLayout />}>
                      <Route index element={<Navigate to="accounts" replace />} />
                      <Route path="accounts" element={<AccountsPage />} />
                      <Route path="settings" element={<InstanceSettingsPage />} />
                      <Route path="keys" element={<InstanceKeysPage />} />
                      <Route path="audit" element={<InstanceAuditPage />} />
                    </Route>
                  </Route>
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Route>
            </Routes>
          </ShortcutsProvider>
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}

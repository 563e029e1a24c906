/** The app: providers, the AntD locale that follows the toggle, the login guard and lazy routes. */
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { AppProvider, useApp } from './app-context.tsx';
import { AppShell } from './app-shell.tsx';
import { menuFor, type MenuKey } from './role-home.ts';
import { NotFound } from '../features/common/not-found.tsx';

const LoginPage = lazy(() => import('../features/login/login-page.tsx').then((m) => ({ default: m.LoginPage })));
const HomePage = lazy(() => import('../features/home/home-page.tsx').then((m) => ({ default: m.HomePage })));
const OrganisationsPage = lazy(() => import('../features/admin/organisations-page.tsx').then((m) => ({ default: m.OrganisationsPage })));
const OrganisationUsersPage = lazy(() => import('../features/admin/organisation-users-page.tsx').then((m) => ({ default: m.OrganisationUsersPage })));
const TokensPage = lazy(() => import('../features/admin/tokens-page.tsx').then((m) => ({ default: m.TokensPage })));
const AuditPage = lazy(() => import('../features/audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const JobsPage = lazy(() => import('../features/jobs/jobs-page.tsx').then((m) => ({ default: m.JobsPage })));
const InboxPage = lazy(() => import('../features/notifications/inbox-page.tsx').then((m) => ({ default: m.InboxPage })));
const WebhooksPage = lazy(() => import('../features/webhooks/webhooks-page.tsx').then((m) => ({ default: m.WebhooksPage })));
const ConsentsPage = lazy(() => import('../features/consents/consents-page.tsx').then((m) => ({ default: m.ConsentsPage })));
const CarbonAccountPage = lazy(() => import('../features/carbon-account/carbon-account-page.tsx').then((m) => ({ default: m.CarbonAccountPage })));
const WhatIfPage = lazy(() => import('../features/carbon-account/what-if-page.tsx').then((m) => ({ default: m.WhatIfPage })));
const EnterprisesPage = lazy(() => import('../features/enterprises/enterprises-page.tsx').then((m) => ({ default: m.EnterprisesPage })));
const EnterpriseDetailPage = lazy(() => import('../features/enterprises/enterprise-detail-page.tsx').then((m) => ({ default: m.EnterpriseDetailPage })));
const EnterpriseReportPage = lazy(() => import('../features/carbon-account/enterprise-report-page.tsx').then((m) => ({ default: m.EnterpriseReportPage })));
const LabelsPage = lazy(() => import('../features/labels/labels-page.tsx').then((m) => ({ default: m.LabelsPage })));
const CarbonDashboardPage = lazy(() => import('../features/carbon-dashboard/carbon-dashboard-page.tsx').then((m) => ({ default: m.CarbonDashboardPage })));
const ReferencePage = lazy(() => import('../features/reference/reference-page.tsx').then((m) => ({ default: m.ReferencePage })));
const ReferenceRecordPage = lazy(() => import('../features/reference/reference-record-page.tsx').then((m) => ({ default: m.ReferenceRecordPage })));
const SupervisionPage = lazy(() => import('../features/supervision/supervision-page.tsx').then((m) => ({ default: m.SupervisionPage })));
const SupervisionTaskPage = lazy(() => import('../features/supervision/supervision-task-page.tsx').then((m) => ({ default: m.SupervisionTaskPage })));
const RecalculationPage = lazy(() => import('../features/reference/recalculation-page.tsx').then((m) => ({ default: m.RecalculationPage })));

function Loading() {
  const { t } = useApp();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
      <div style={{ marginTop: 12 }}>{t('loading')}</div>
    </div>
  );
}

function RequireLogin({ children }: { children: ReactNode }) {
  const { me } = useApp();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <AppShell>{children}</AppShell>;
}

/** A page only the roles whose menu has it may open; others get the not-found state. */
function Allowed({ menu, children }: { menu: MenuKey; children: ReactNode }) {
  const { me } = useApp();
  if (!me || !menuFor(me).includes(menu)) return <NotFound />;
  return <>{children}</>;
}

function AppRoutes() {
  const guarded = (node: ReactNode) => <RequireLogin>{node}</RequireLogin>;
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/" element={<Navigate to="/home" replace />} />
        <Route path="/home" element={guarded(<HomePage />)} />
        <Route
          path="/organisations"
          element={guarded(
            <Allowed menu="organisations">
              <OrganisationsPage />
            </Allowed>,
          )}
        />
        <Route
          path="/organisations/:id/users"
          element={guarded(
            <Allowed menu="organisations">
              <OrganisationUsersPage />
            </Allowed>,
          )}
        />
        <Route
          path="/tokens"
          element={guarded(
            <Allowed menu="tokens">
              <TokensPage />
            </Allowed>,
          )}
        />
        <Route
          path="/audit"
          element={guarded(
            <Allowed menu="audit">
              <AuditPage />
            </Allowed>,
          )}
        />
        <Route
          path="/jobs"
          element={guarded(
            <Allowed menu="jobs">
              <JobsPage />
            </Allowed>,
          )}
        />
        <Route
          path="/consents"
          element={guarded(
            <Allowed menu="consents">
              <ConsentsPage />
            </Allowed>,
          )}
        />
        <Route
          path="/webhooks"
          element={guarded(
            <Allowed menu="webhooks">
              <WebhooksPage />
            </Allowed>,
          )}
        />
        <Route
          path="/carbon-account"
          element={guarded(
            <Allowed menu="carbonAccount">
              <CarbonAccountPage />
            </Allowed>,
          )}
        />
        <Route
          path="/enterprises"
          element={guarded(
            <Allowed menu="enterprises">
              <EnterprisesPage />
            </Allowed>,
          )}
        />
        {/* Not behind a menu: banks open an enterprise under its consent; the API decides who sees what. */}
        <Route path="/enterprises/:id" element={guarded(<EnterpriseDetailPage />)} />
        <Route path="/enterprises/:id/report" element={guarded(<EnterpriseReportPage />)} />
        <Route path="/enterprises/:id/what-if" element={guarded(<WhatIfPage />)} />
        <Route
          path="/carbon-account/what-if"
          element={guarded(
            <Allowed menu="carbonAccount">
              <WhatIfPage />
            </Allowed>,
          )}
        />
        <Route
          path="/labels"
          element={guarded(
            <Allowed menu="labels">
              <LabelsPage />
            </Allowed>,
          )}
        />
        <Route
          path="/labels/objections"
          element={guarded(
            <Allowed menu="labels">
              <LabelsPage />
            </Allowed>,
          )}
        />
        <Route
          path="/carbon-dashboard"
          element={guarded(
            <Allowed menu="carbonDashboard">
              <CarbonDashboardPage />
            </Allowed>,
          )}
        />
        <Route
          path="/reference"
          element={guarded(
            <Allowed menu="reference">
              <ReferencePage />
            </Allowed>,
          )}
        />
        <Route
          path="/reference/records/:kind/:id"
          element={guarded(
            <Allowed menu="reference">
              <ReferenceRecordPage />
            </Allowed>,
          )}
        />
        <Route
          path="/reference/recalculations/:id"
          element={guarded(
            <Allowed menu="reference">
              <RecalculationPage />
            </Allowed>,
          )}
        />
        <Route
          path="/supervision"
          element={guarded(
            <Allowed menu="supervision">
              <SupervisionPage />
            </Allowed>,
          )}
        />
        <Route
          path="/supervision/tasks/:code"
          element={guarded(
            <Allowed menu="supervision">
              <SupervisionTaskPage />
            </Allowed>,
          )}
        />
        <Route path="/inbox" element={guarded(<InboxPage />)} />
        <Route path="*" element={guarded(<NotFound />)} />
      </Routes>
    </Suspense>
  );
}

function Localised() {
  const { language } = useApp();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f7a4d' } }}>
      <AntApp>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <AppProvider>
      <Localised />
    </AppProvider>
  );
}

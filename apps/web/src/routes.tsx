import { lazy, ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Role, homeOf, useSession } from './session';
import { Shell } from './Shell';
import { SignIn } from './pages/SignIn';
import { Loading, PageHeading, Refused } from './ui';

// Every page but sign-in is its own chunk, so a phone downloads only what it opens.
const Dashboard = lazy(() => import('./pages/coordinator/Dashboard'));
const Intakes = lazy(() => import('./pages/coordinator/Intakes'));
const Programmes = lazy(() => import('./pages/coordinator/Programmes'));
const NewCohort = lazy(() => import('./pages/coordinator/NewCohort'));
const CohortSetup = lazy(() => import('./pages/coordinator/CohortSetup'));
const IntakePage = lazy(() => import('./pages/coordinator/IntakePage'));
const People = lazy(() => import('./pages/coordinator/People'));
const PersonPage = lazy(() => import('./pages/coordinator/PersonPage'));
const Placements = lazy(() => import('./pages/coordinator/Placements'));
const NewPlacement = lazy(() => import('./pages/coordinator/placements/NewPlacement'));
const PlacementPage = lazy(() => import('./pages/coordinator/placements/PlacementPage'));
const HostPage = lazy(() => import('./pages/coordinator/placements/HostPage'));
const PaidRoles = lazy(() => import('./pages/coordinator/placements/PaidRoles'));
const JobOutcomes = lazy(() => import('./pages/coordinator/JobOutcomes'));
const Reports = lazy(() => import('./pages/coordinator/Reports'));
const Cohorts = lazy(() => import('./pages/trainer/Cohorts'));
const CohortPage = lazy(() => import('./pages/trainer/CohortPage'));
const RegisterPage = lazy(() => import('./pages/trainer/RegisterPage'));
const AtRisk = lazy(() => import('./pages/trainer/AtRisk'));
const MyPages = lazy(() => import('./pages/mentor/MyPages'));
const MyActivity = lazy(() => import('./pages/mentor/MyActivity'));
const MyExpenses = lazy(() => import('./pages/mentor/MyExpenses'));
const Approvals = lazy(() => import('./pages/coordinator/Approvals'));
const Payments = lazy(() => import('./pages/coordinator/Payments'));
const ChecksDue = lazy(() => import('./pages/coordinator/ChecksDue'));
const Messages = lazy(() => import('./pages/coordinator/Messages'));
const ApplyPage = lazy(() => import('./pages/ApplyPage'));
const SignUp = lazy(() => import('./pages/SignUp'));
const VerifySignUp = lazy(() => import('./pages/VerifySignUp'));
const EnterApplication = lazy(() => import('./pages/coordinator/EnterApplication'));
const ImportApplicants = lazy(() => import('./pages/coordinator/ImportApplicants'));
const ReferralPartners = lazy(() => import('./pages/coordinator/ReferralPartners'));
const AdminMembers = lazy(() => import('./pages/admin/Members').then((m) => ({ default: m.Members })));
const AdminInvitations = lazy(() => import('./pages/admin/Members').then((m) => ({ default: m.Invitations })));
const AdminSettings = lazy(() => import('./pages/admin/Settings').then((m) => ({ default: m.Settings })));
const AdminCensus = lazy(() => import('./pages/admin/Areas').then((m) => ({ default: m.CensusDatasets })));
const AdminLocalities = lazy(() => import('./pages/admin/Areas').then((m) => ({ default: m.Localities })));
const AdminAuditLog = lazy(() => import('./pages/admin/Records').then((m) => ({ default: m.AuditLog })));
const AdminDeliveries = lazy(() => import('./pages/admin/Records').then((m) => ({ default: m.FailedDeliveries })));

const MANAGERS: Role[] = ['admin', 'coordinator'];
const TEACHING: Role[] = ['admin', 'coordinator', 'trainer'];

/**
 * The menu and the routes come from one list, so a page a role cannot open is never offered to it.
 * Pages with `menu: 'admin'` go in the administration menu, under the main one.
 */
export const PAGES: Array<{ path: string; label?: string; roles: Role[]; element: ReactNode; menu?: 'admin' }> = [
  { path: '/dashboard', label: 'Dashboard', roles: MANAGERS, element: <Dashboard /> },
  // Reached from the Intakes page (set-up is occasional, so it does not take a place in the menu).
  { path: '/programmes', roles: MANAGERS, element: <Programmes /> },
  { path: '/intakes', label: 'Intakes', roles: MANAGERS, element: <Intakes /> },
  { path: '/intakes/:id', roles: MANAGERS, element: <IntakePage /> },
  // Reached from an intake's page and the Intakes page (the front door: phone and paper entry, imports, partners).
  { path: '/intakes/:id/applicants/new', roles: MANAGERS, element: <EnterApplication /> },
  { path: '/intakes/:id/import', roles: MANAGERS, element: <ImportApplicants /> },
  { path: '/referral-partners', roles: MANAGERS, element: <ReferralPartners /> },
  { path: '/people', label: 'People', roles: MANAGERS, element: <People /> },
  { path: '/people/:id', roles: MANAGERS, element: <PersonPage /> },
  { path: '/cohorts', label: 'Cohorts', roles: MANAGERS, element: <Cohorts /> },
  { path: '/my-cohorts', label: 'My cohorts', roles: ['trainer'], element: <Cohorts /> },
  { path: '/cohorts/new', roles: MANAGERS, element: <NewCohort /> },
  { path: '/cohorts/:id', roles: TEACHING, element: <CohortPage /> },
  { path: '/cohorts/:id/setup', roles: MANAGERS, element: <CohortSetup /> },
  { path: '/sessions/:id/register', roles: TEACHING, element: <RegisterPage /> },
  { path: '/at-risk', label: 'At risk', roles: TEACHING, element: <AtRisk /> },
  { path: '/placements', label: 'Placements and hosts', roles: MANAGERS, element: <Placements /> },
  // Reached from the placements page, a person's page and a host's opportunities.
  { path: '/placements/new', roles: MANAGERS, element: <NewPlacement /> },
  { path: '/placements/:id', roles: MANAGERS, element: <PlacementPage /> },
  { path: '/hosts/:id', roles: MANAGERS, element: <HostPage /> },
  { path: '/paid-roles', roles: MANAGERS, element: <PaidRoles /> },
  { path: '/job-outcomes', label: 'Job outcomes', roles: MANAGERS, element: <JobOutcomes /> },
  { path: '/reports', label: 'Reports', roles: MANAGERS, element: <Reports /> },
  { path: '/approvals', label: 'Approvals', roles: MANAGERS, element: <Approvals /> },
  { path: '/payments', label: 'Payments', roles: MANAGERS, element: <Payments /> },
  { path: '/checks-due', label: 'Checks due', roles: MANAGERS, element: <ChecksDue /> },
  { path: '/messages', label: 'Messages', roles: MANAGERS, element: <Messages /> },
  { path: '/me', label: 'My sessions', roles: ['mentor'], element: <MyPages section="sessions" /> },
  { path: '/me/activity', label: 'My activity', roles: ['mentor'], element: <MyActivity /> },
  { path: '/me/expenses', label: 'My expenses', roles: ['mentor'], element: <MyExpenses /> },
  { path: '/me/placement', label: 'My placement', roles: ['mentor'], element: <MyPages section="placement" /> },
  { path: '/me/progression', label: 'My progression', roles: ['mentor'], element: <MyPages section="progression" /> },
  { path: '/me/details', label: 'My details', roles: ['mentor'], element: <MyPages section="details" /> },
  { path: '/me/data', label: 'My data', roles: ['mentor'], element: <MyPages section="data" /> },
  { path: '/admin/members', label: 'Members', roles: ['admin'], menu: 'admin', element: <AdminMembers /> },
  { path: '/admin/invitations', label: 'Invitations', roles: ['admin'], menu: 'admin', element: <AdminInvitations /> },
  { path: '/admin/organisation', label: 'Settings', roles: ['admin'], menu: 'admin', element: <AdminSettings /> },
  { path: '/admin/census', label: 'Census datasets', roles: ['admin'], menu: 'admin', element: <AdminCensus /> },
  { path: '/admin/localities', label: 'Localities', roles: ['admin'], menu: 'admin', element: <AdminLocalities /> },
  { path: '/admin/audit-log', label: 'Audit log', roles: ['admin'], menu: 'admin', element: <AdminAuditLog /> },
  { path: '/admin/deliveries', label: 'Failed deliveries', roles: ['admin'], menu: 'admin', element: <AdminDeliveries /> },
];

function Guarded({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { role } = useSession();
  if (!roles.includes(role)) return <Refused />;
  return <Suspense fallback={<Loading what="Opening the page" />}>{children}</Suspense>;
}

function Home() {
  const { role } = useSession();
  return <Navigate to={homeOf(role)} replace />;
}

function NotFound() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>There is no page at this address. Use the menu to find what you need.</p>
    </>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignIn />} />
      <Route
        path="/sign-up"
        element={
          <Suspense fallback={<Loading what="Opening the form" />}>
            <SignUp />
          </Suspense>
        }
      />
      <Route
        path="/verify-sign-up"
        element={
          <Suspense fallback={<Loading what="Opening the page" />}>
            <VerifySignUp />
          </Suspense>
        }
      />
      <Route
        path="/apply/:slug"
        element={
          <Suspense fallback={<Loading what="Opening the form" />}>
            <ApplyPage />
          </Suspense>
        }
      />
      <Route element={<Shell />}>
        <Route index element={<Home />} />
        {PAGES.map((page) => (
          <Route key={page.path} path={page.path} element={<Guarded roles={page.roles}>{page.element}</Guarded>} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

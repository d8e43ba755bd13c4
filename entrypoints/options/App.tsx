import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { displayName, keyOf } from '@/lib/domain';
import { onRegisterChanged } from '@/lib/messaging/client';
import type { Route } from '@/lib/views/route';
import { EmptyRegister } from '@/components/empty-register';
import { loadDashboardData, useDashboardData } from './data-store';
import { useRoute } from './use-route';
import { ConsultationPage } from './pages/consultation-page';
import { ImportPage } from './pages/import-page';
import { PersonPage } from './pages/person-page';
import { ReadinessPage } from './pages/readiness-page';
import { RegisterPage } from './pages/register-page';
import { SettingsPage } from './pages/settings-page';
import { TeamsPage } from './pages/teams-page';

const NAV = [
  { page: 'register', href: '#/register', label: 'Register' },
  { page: 'readiness', href: '#/readiness', label: 'Readiness' },
  { page: 'teams', href: '#/teams', label: 'Teams' },
  { page: 'consultation', href: '#/consultation', label: 'Consultation' },
  { page: 'import', href: '#/import', label: 'Import' },
  { page: 'settings', href: '#/settings', label: 'Settings' },
] as const;

const TITLES: Record<Route['page'], string> = {
  register: 'Staff register',
  person: 'Person',
  readiness: 'Transfer readiness',
  teams: 'Teams',
  consultation: 'Consultation lists',
  import: 'Import staff data',
  settings: 'Settings',
  'not-found': 'Page not found',
};

/** Pages that only make sense with people in the register; the others still work when it is empty. */
const NEEDS_PEOPLE: ReadonlySet<Route['page']> = new Set(['register', 'person', 'readiness', 'teams']);

function PageFor({ route }: { route: Route }) {
  switch (route.page) {
    case 'register':
      return <RegisterPage params={route.params} />;
    case 'person':
      return <PersonPage personKey={route.key} />;
    case 'readiness':
      return <ReadinessPage />;
    case 'teams':
      return <TeamsPage params={route.params} />;
    case 'consultation':
      return <ConsultationPage />;
    case 'import':
      return <ImportPage />;
    case 'settings':
      return <SettingsPage />;
    case 'not-found':
      return (
        <>
          <h1 className="tl-heading-l">Page not found</h1>
          <p>
            There is no page at this address. Go to the <a href="#/register">staff register</a>.
          </p>
        </>
      );
  }
}

export function App() {
  const route = useRoute();
  const { status, error, empty, progress } = useDashboardData(
    useShallow((s) => ({
      status: s.status,
      error: s.error,
      empty: s.records.length === 0 && s.damaged.length === 0,
      progress: s.progress,
    })),
  );
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    void loadDashboardData();
    return onRegisterChanged(() => void loadDashboardData());
  }, []);

  const personKey = route.page === 'person' ? route.key : undefined;
  const personName = useDashboardData((s) => {
    if (!personKey) return undefined;
    const r = s.records.find((x) => keyOf(x) === personKey);
    return r ? displayName(r) : undefined;
  });
  const title = personName ?? TITLES[route.page];
  const routeId = route.page === 'person' ? `person:${route.key}` : route.page;
  /** A message that outlives the panel that caused it (the demo data loaded), shown until the next navigation. */
  const [notice, setNotice] = useState<{ text: string; routeId: string }>();
  const onDemoLoaded = (people: number) =>
    setNotice({
      text: `Loaded ${people.toLocaleString('en-GB')} fictional people. You can remove them all from the Settings page.`,
      routeId,
    });
  useEffect(() => {
    document.title = `${title} – Transition Lens`;
  }, [title]);
  // After a navigation (not when data arriving changes the title), move focus to the new page's main content
  // so screen readers announce it; on the first page the skip link stays the first Tab stop.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }, [routeId]);

  const current = route.page === 'person' ? 'register' : route.page;

  let content;
  // The register view shows people as they load; pages that count or export everyone wait for the whole register.
  if (status === 'loading' || (progress && route.page !== 'register')) {
    content = (
      <>
        <h1 className="tl-heading-l">{title}</h1>
        <p className="tl-body" role="status">
          Loading the register…
          {progress
            ? ` ${progress.loaded.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')} people so far.`
            : null}
        </p>
      </>
    );
  } else if (status === 'error' && NEEDS_PEOPLE.has(route.page)) {
    content = (
      <div className="tl-error-summary" role="alert">
        <h1 className="tl-heading-l">The register could not be loaded</h1>
        <p>{error}</p>
        <button type="button" className="tl-button" onClick={() => void loadDashboardData()}>
          Try again
        </button>
      </div>
    );
  } else if (empty && NEEDS_PEOPLE.has(route.page)) {
    content = (
      <>
        <h1 className="tl-heading-l">{title}</h1>
        <EmptyRegister onLoaded={onDemoLoaded} />
      </>
    );
  } else {
    content = (
      <>
        {empty && status === 'ready' ? <EmptyRegister onLoaded={onDemoLoaded} /> : null}
        <PageFor route={route} />
      </>
    );
  }

  return (
    <>
      <a href="#main-content" className="tl-skip-link" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="tl-header">
        <div className="tl-width-container tl-header__inner">
          <a href="#/register" className="tl-header__title">
            Transition Lens
          </a>
          <span className="tl-header__tag">Shared Digital staff transition – dashboard</span>
        </div>
      </header>
      <nav className="tl-nav" aria-label="Dashboard">
        <ul className="tl-width-container tl-nav__list">
          {NAV.map((item) => (
            <li key={item.page}>
              <a className="tl-nav__link" href={item.href} aria-current={item.page === current ? 'page' : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main-content" ref={mainRef} tabIndex={-1} className="tl-width-container tl-main">
        <div role="status">{notice?.routeId === routeId ? <p className="tl-notice">{notice.text}</p> : null}</div>
        {content}
      </main>
      <footer className="tl-footer">
        <div className="tl-width-container">
          <p>
            Staff data stays on this computer. Transition Lens helps you follow TUPE, Section 113 and LGPS steps; it
            does not give legal advice.
          </p>
        </div>
      </footer>
    </>
  );
}

/** The skip link targets an element id, which would change the hash route: move focus by hand instead. */
function skipToMain(e: React.MouseEvent) {
  e.preventDefault();
  document.getElementById('main-content')?.focus();
}

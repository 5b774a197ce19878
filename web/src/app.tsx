// The app shell: login gate, top bar (screens, language, user), and the current screen.
import { useEffect } from 'preact/hooks';
import { api } from './api/client.ts';
import { LanguageSwitch } from './components/language-switch.tsx';
import { ProblemMessage } from './components/problem-message.tsx';
import { AuditScreen } from './screens/audit/audit-screen.tsx';
import { CheckinScreen } from './screens/checkin/checkin-screen.tsx';
import { InstructionsScreen } from './screens/instructions/instructions-screen.tsx';
import { LiveScreen } from './screens/live/live-screen.tsx';
import { LoginScreen } from './screens/login.tsx';
import { MapScreen } from './screens/map/map-screen.tsx';
import { PlanScreen } from './screens/plan/plan-screen.tsx';
import { PrintScreen } from './screens/print/print-screen.tsx';
import { ReconciliationScreen } from './screens/reconciliation/reconciliation-screen.tsx';
import { RegistryScreen } from './screens/registry/registry-screen.tsx';
import { SituationScreen } from './screens/situation/situation-screen.tsx';
import { clearOperation, loadOperation, loadProblem, scenario } from './state/data.ts';
import { t } from './state/language.ts';
import { hrefOf, location, type Screen } from './state/router.ts';
import { session, signOutLocally } from './state/session.ts';

const NAV: readonly Screen[] = [
  'map',
  'registry',
  'situation',
  'instructions',
  'checkin',
  'live',
  'plan',
  'print',
  'reconciliation',
];
/** The roles the policy lets read the instructions (instruction.read): the others are not shown the tab. */
const READS_INSTRUCTIONS: ReadonlySet<string> = new Set(['administrator', 'coordinator', 'field_officer']);
/** A liaison: the cases shared with its government and the counts-only figures of its pledge. */
const CASES_ONLY_NAV: readonly Screen[] = ['registry', 'reconciliation'];

export function App() {
  const s = session.value;
  useEffect(() => {
    if (s) void loadOperation();
    else clearOperation();
  }, [s?.token]);
  if (!s) return <LoginScreen />;
  // A role that may not read the situation (a government liaison) sees only the cases shared with it, and the
  // counts-only reconciliation figures of its country's pledge.
  const casesOnly = scenario.value === null && loadProblem.value?.code === 'forbidden';
  // The audit log is the administrator's: other roles are denied it by the policy, so they are not shown the tab.
  const staffNav = READS_INSTRUCTIONS.has(s.user.role) ? NAV : NAV.filter((screen) => screen !== 'instructions');
  const nav = casesOnly ? CASES_ONLY_NAV : s.user.role === 'administrator' ? [...staffNav, 'audit' as const] : staffNav;
  const current = casesOnly && location.value.screen !== 'reconciliation' ? 'registry' : location.value.screen;
  return (
    <div class="shell">
      <header class="topbar no-print">
        <strong class="brand">{t('app.title')}</strong>
        <nav aria-label={t('app.title')}>
          {nav.map((screen) => (
            <a key={screen} href={hrefOf(screen)} aria-current={screen === current ? 'page' : undefined}>
              {t(`nav.${screen}`)}
            </a>
          ))}
        </nav>
        <span class="spacer" />
        <LanguageSwitch />
        <span class="who">
          {t('app.signedInAs', {
            username: s.user.username,
            role: t(`role.${s.user.role}`, { defaultValue: s.user.role }),
          })}
        </span>
        <button type="button" onClick={logout}>
          {t('app.logout')}
        </button>
      </header>
      <main class={`screen screen-${current}`}>
        {loadProblem.value && !casesOnly ? <ProblemMessage problem={loadProblem.value} /> : null}
        {scenario.value || casesOnly ? <CurrentScreen screen={current} /> : <p class="muted">{t('app.loading')}</p>}
      </main>
    </div>
  );
}

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'map':
      return <MapScreen />;
    case 'registry':
      return <RegistryScreen />;
    case 'situation':
      return <SituationScreen />;
    case 'checkin':
      return <CheckinScreen />;
    case 'live':
      return <LiveScreen />;
    case 'plan':
      return <PlanScreen />;
    case 'print':
      return <PrintScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'reconciliation':
      return <ReconciliationScreen />;
    case 'instructions':
      return <InstructionsScreen />;
  }
}

async function logout(): Promise<void> {
  await api('/api/logout', { method: 'POST' });
  signOutLocally();
}

// Login: user name and password, then the TOTP code when the API answers `totp-required`; a first-login password change.
import { useState } from 'preact/hooks';
import { api, type Problem } from '../api/client.ts';
import type { LoginResponse } from '../api/types.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { t } from '../state/language.ts';
import { signIn } from '../state/session.ts';

export function LoginScreen() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState<LoginResponse | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const body = { username, password, ...(needsTotp && totp ? { totp: totp.replace(/\s/g, '') } : {}) };
    const result = await api<LoginResponse>('/api/login', { method: 'POST', body });
    setBusy(false);
    if (result.ok) {
      if (result.value.must_change_password) setPending(result.value);
      else signIn({ token: result.value.token, expiresAt: result.value.expires_at, user: result.value.user });
      return;
    }
    if (result.problem.code === 'totp-required') setNeedsTotp(true);
    // The first `totp-required` is a prompt, not an error; show it only once a code was sent.
    if (result.problem.code !== 'totp-required' || needsTotp) setProblem(result.problem);
  };

  if (pending) return <PasswordChange login={pending} oldPassword={password} />;
  return (
    <div class="login">
      <div class="login-lang">
        <LanguageSwitch />
      </div>
      <form class="card" onSubmit={submit} data-testid="login-form">
        <h1>{t('app.title')}</h1>
        <h2>{t('login.title')}</h2>
        <p class="muted">{t('login.intro')}</p>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            required
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        {needsTotp ? (
          <label>
            {t('login.totp')}
            <input
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]{6,10}"
              dir="ltr"
              value={totp}
              onInput={(e) => setTotp(e.currentTarget.value)}
              required
            />
            <small class="muted">{t('login.totpHint')}</small>
          </label>
        ) : null}
        {problem ? <ProblemMessage problem={problem} /> : null}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}

/** After a one-time password the API requires a new one; it ends the session, so we sign in again with it. */
function PasswordChange({ login, oldPassword }: { login: LoginResponse; oldPassword: string }) {
  const [next, setNext] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const changed = await api('/api/password', {
      method: 'POST',
      token: login.token,
      body: { current_password: oldPassword, new_password: next },
    });
    if (!changed.ok) return setProblem(changed.problem);
    const again = await api<LoginResponse>('/api/login', {
      method: 'POST',
      body: { username: login.user.username, password: next },
    });
    if (!again.ok) return setProblem(again.problem);
    signIn({ token: again.value.token, expiresAt: again.value.expires_at, user: again.value.user });
  };
  return (
    <div class="login">
      <form class="card" onSubmit={submit}>
        <h2>{t('login.mustChange')}</h2>
        <label>
          {t('login.newPassword')}
          <input
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
            required
          />
        </label>
        {problem ? <ProblemMessage problem={problem} /> : null}
        <button type="submit" class="primary">
          {t('login.change')}
        </button>
      </form>
    </div>
  );
}

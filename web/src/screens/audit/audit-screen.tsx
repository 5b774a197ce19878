// Audit (administrators): who read or wrote what, when and from where; and a check that the hash chain is unbroken.
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../../api/client.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entity_id?: string | null;
  readonly client?: string | null;
  readonly purpose?: string | null;
}

type Verification =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly break: { seq: number; reason: string } };

export function AuditScreen() {
  const [entries, setEntries] = useState<readonly AuditEntry[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [verification, setVerification] = useState<Verification | null>(null);

  useEffect(() => {
    void (async () => {
      const r = await api<{ entries: AuditEntry[] }>('/api/audit?limit=200');
      if (r.ok) setEntries(r.value.entries);
      else setProblem(r.problem);
    })();
  }, []);

  const verify = async () => {
    const r = await api<Verification>('/api/audit/verify', { method: 'POST' });
    if (r.ok) setVerification(r.value);
    else setProblem(r.problem);
  };

  return (
    <div class="audit" data-testid="audit-screen">
      <h2>{t('audit.title')}</h2>
      <p class="muted">{t('audit.intro')}</p>
      <p>
        <button type="button" class="primary" onClick={() => void verify()} data-testid="audit-verify">
          {t('audit.verify')}
        </button>{' '}
        {verification ? (
          <strong data-testid="audit-verdict" class={verification.ok ? 'ok' : 'bad'}>
            {verification.ok
              ? t('audit.intact', { rows: fmt.number(verification.rows) })
              : t('audit.broken', { seq: fmt.number(verification.break.seq), reason: verification.break.reason })}
          </strong>
        ) : null}
      </p>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {entries ? (
        <table data-testid="audit-entries">
          <thead>
            <tr>
              <th>{t('audit.seq')}</th>
              <th>{t('audit.at')}</th>
              <th>{t('audit.actor')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.entity')}</th>
              <th>{t('audit.client')}</th>
              <th>{t('audit.purpose')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td>{fmt.number(e.seq)}</td>
                <td>{fmt.dateTime(e.at)}</td>
                <td dir="auto">{e.actor}</td>
                <td>{e.action}</td>
                <td dir="auto">
                  {e.entity}
                  {e.entity_id ? ` ${e.entity_id}` : ''}
                </td>
                <td>{e.client ?? ''}</td>
                <td dir="auto">{e.purpose ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

// Resettlement allocation: status, objective and gap, households per country against quota with the reasons for
// each placement, and who is not placed and why. From the plan, or GET /api/allocation when the server offers it.
import { useEffect, useState } from 'preact/hooks';
import { serverHas } from '../../api/capabilities.ts';
import { api } from '../../api/client.ts';
import type { Allocation, AllocationReason } from '../../api/types.ts';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

export function reasonText(r: AllocationReason | string): string {
  if (typeof r === 'string') return r;
  return r.message ?? r.kind ?? JSON.stringify(r);
}

export function AllocationSection({ allocation }: { allocation: Allocation | undefined }) {
  const [fetched, setFetched] = useState<Allocation | null>(null);
  useEffect(() => {
    if (allocation) return;
    void (async () => {
      if (!(await serverHas('/api/allocation'))) return;
      const r = await api<Allocation>('/api/allocation');
      if (r.ok) setFetched(r.value);
    })();
  }, [allocation]);
  const a = allocation ?? fetched;
  if (!a?.assignments)
    return (
      <section class="card">
        <h3>{t('plan.allocation')}</h3>
        <p class="muted">{t('plan.noAllocation')}</p>
      </section>
    );
  type CountryLine = NonNullable<Allocation['by_country']>[number];
  const countries: readonly CountryLine[] =
    a.by_country ?? [...new Set(a.assignments.map((x) => x.country))].map((country) => ({ country }));
  return (
    <section class="card" data-testid="allocation">
      <h3>{t('plan.allocation')}</h3>
      <dl class="facts">
        <dt>{t('plan.status')}</dt>
        <dd>{a.status ? t(`plan.solverStatus.${a.status}`, { defaultValue: a.status }) : ''}</dd>
        <dt>{t('plan.objective')}</dt>
        <dd>{a.objective === undefined ? '' : fmt.number(a.objective)}</dd>
        <dt>{t('plan.bound')}</dt>
        <dd>{a.bound === undefined ? '' : fmt.number(a.bound)}</dd>
        <dt>{t('plan.gap')}</dt>
        <dd>{a.gap === undefined ? '' : fmt.percent(a.gap)}</dd>
      </dl>
      {countries.map((c) => {
        const placed = a.assignments!.filter((x) => x.country === c.country);
        return (
          <details key={c.country} data-country={c.country}>
            <summary>
              {t(`country.${c.country}`, { defaultValue: c.country })} —{' '}
              {t('plan.countryLine', {
                households: fmt.number(c.households ?? placed.length),
                persons: fmt.number(c.persons ?? placed.reduce((n, x) => n + (x.persons ?? 0), 0)),
                quota: c.quota_persons === undefined ? '–' : fmt.number(c.quota_persons),
              })}
            </summary>
            <table>
              <thead>
                <tr>
                  <th>{t('plan.households')}</th>
                  <th>{t('plan.persons')}</th>
                  <th>{t('registry.score')}</th>
                  <th>{t('plan.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {placed.map((x) => (
                  <tr key={x.household}>
                    <td dir="ltr">{x.household}</td>
                    <td>{x.persons === undefined ? '' : fmt.number(x.persons)}</td>
                    <td>{x.score === undefined ? '' : fmt.number(x.score)}</td>
                    <td dir="auto">{(x.reasons ?? []).map(reasonText).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        );
      })}
      {a.unplaced?.length ? (
        <>
          <h4>
            {t('plan.unplaced')} ({fmt.number(a.unplaced.length)})
          </h4>
          <ul data-testid="unplaced">
            {a.unplaced.map((u) => (
              <li key={u.household}>
                <span dir="ltr">{u.household}</span>: <span dir="auto">{reasonText(u.reason)}</span>
                {u.details?.length ? (
                  <span class="muted">
                    {' '}
                    (<bdi>{u.details.map(reasonText).join('; ')}</bdi>)
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

// Resettlement allocation when the plan has one: households per country with the reasons, and who is not placed.
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

interface Assignment {
  readonly household?: string;
  readonly household_id?: string;
  readonly country: string;
  readonly score?: number;
  readonly reasons?: readonly unknown[];
}

function reasonText(r: unknown): string {
  if (typeof r === 'string') return r;
  const o = r as { text?: string; reason?: string; kind?: string; detail?: string };
  return o.text ?? o.reason ?? o.detail ?? o.kind ?? JSON.stringify(r);
}

export function AllocationSection({ allocation }: { allocation: unknown }) {
  const a = allocation as { assignments?: Assignment[]; unplaced?: { household: string; reason: unknown }[] } | null;
  if (!a?.assignments)
    return (
      <section class="card">
        <h3>{t('plan.allocation')}</h3>
        <p class="muted">{t('plan.noAllocation')}</p>
      </section>
    );
  const byCountry = new Map<string, Assignment[]>();
  for (const x of a.assignments) byCountry.set(x.country, [...(byCountry.get(x.country) ?? []), x]);
  return (
    <section class="card" data-testid="allocation">
      <h3>{t('plan.allocation')}</h3>
      {[...byCountry].map(([country, list]) => (
        <details key={country}>
          <summary>
            {t(`country.${country}`, { defaultValue: country })} — {fmt.number(list.length)}
          </summary>
          <table>
            <thead>
              <tr>
                <th>{t('plan.households')}</th>
                <th>{t('registry.score')}</th>
                <th>{t('plan.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((x) => (
                <tr key={x.household ?? x.household_id}>
                  <td dir="ltr">{x.household ?? x.household_id}</td>
                  <td>{x.score === undefined ? '' : fmt.number(x.score, 2)}</td>
                  <td dir="auto">{(x.reasons ?? []).map(reasonText).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
      {a.unplaced?.length ? (
        <>
          <h4>{t('plan.unplaced')}</h4>
          <ul>
            {a.unplaced.map((u) => (
              <li key={u.household}>
                <span dir="ltr">{u.household}</span>: <span dir="auto">{reasonText(u.reason)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

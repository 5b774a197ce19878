// People search: one box for Latin or Arabic spellings (GET /api/people?q=), results in a table.
import { signal } from '@preact/signals';
import { api, type Problem } from '../../api/client.ts';
import type { PersonRecord } from '../../api/types.ts';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { fmt } from '../../state/format.ts';
import { t } from '../../state/language.ts';

const query = signal('');
const results = signal<readonly PersonRecord[] | null>(null);
const problem = signal<Problem | null>(null);

async function search(event: Event): Promise<void> {
  event.preventDefault();
  const q = query.value.trim();
  if (!q) return;
  const found = await api<{ people: PersonRecord[] }>(`/api/people?q=${encodeURIComponent(q)}&limit=50`);
  problem.value = found.ok ? null : found.problem;
  results.value = found.ok ? found.value.people : null;
}

export function latinName(p: PersonRecord): string {
  return [p.given_name, p.father_name, p.family_name].filter(Boolean).join(' ');
}

export function PeopleSearch({ onOpen }: { onOpen: (h: { caseId: string | undefined; householdId: string }) => void }) {
  const people = results.value;
  return (
    <section class="card">
      <form class="search" onSubmit={search}>
        <label>
          {t('registry.search')}
          <input
            type="search"
            name="q"
            dir="auto"
            data-testid="people-search"
            value={query.value}
            onInput={(e) => (query.value = e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary">
          {t('registry.searchButton')}
        </button>
      </form>
      {problem.value ? <ProblemMessage problem={problem.value} /> : null}
      {people === null ? null : people.length === 0 ? (
        <p class="muted">{t('registry.noResults')}</p>
      ) : (
        <>
          <p class="muted">{t('registry.results', { n: fmt.number(people.length), count: people.length })}</p>
          <table data-testid="people-results">
            <thead>
              <tr>
                <th>{t('registry.col.name')}</th>
                <th>{t('registry.col.nameArabic')}</th>
                <th>{t('registry.col.sex')}</th>
                <th>{t('registry.col.birthDate')}</th>
                <th>{t('registry.col.household')}</th>
                <th>{t('registry.col.location')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr
                  key={p.person_id}
                  class="selectable"
                  tabIndex={0}
                  onClick={() => p.household_id && onOpen({ caseId: p.case_id, householdId: p.household_id })}
                >
                  <td dir="auto">{latinName(p)}</td>
                  <td dir="rtl" lang="ar">
                    {p.name_arabic ?? ''}
                  </td>
                  <td>{p.sex ? t(`sex.${p.sex.toLowerCase()}`, { defaultValue: p.sex }) : ''}</td>
                  <td>{p.birth_date ? fmt.date(p.birth_date) : ''}</td>
                  <td dir="ltr">{p.household_id ?? ''}</td>
                  <td dir="auto">{p.location ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

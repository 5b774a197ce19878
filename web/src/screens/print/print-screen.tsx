// Manifests: per assembly point and per convoy leaving it; each opens a printable list (print stylesheet → PDF).
import { plan, scenario } from '../../state/data.ts';
import { fmt, localName } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { hrefOf, location } from '../../state/router.ts';
import { CountryList } from './country-list.tsx';
import { Manifest } from './manifest.tsx';
import { convoyKey } from './manifest-data.ts';

export function PrintScreen() {
  const [ap, key] = location.value.rest;
  const convoys = plan.value?.schedule?.convoys ?? [];
  if (ap === 'country' && key) return <CountryList country={key} />;
  if (ap) return <Manifest assemblyPoint={ap} convoy={key ? convoys.find((c) => convoyKey(c) === key) : undefined} />;
  const s = scenario.value!;
  const households = plan.value?.routing?.households ?? [];
  return (
    <section class="card">
      <h2>{t('print.title')}</h2>
      <p>{t('print.choose')}</p>
      <ul data-testid="manifest-list">
        {s.places
          .filter((p) => p.kind === 'assembly_point')
          .map((p) => {
            const n = households.filter((h) => h.assembly_point === p.place_id).length;
            const leaving = convoys.filter((c) => c.assembly_point === p.place_id);
            return (
              <li key={p.place_id}>
                <a href={hrefOf('print', p.place_id)} data-testid={`manifest-${p.place_id}`}>
                  {localName(p)}
                </a>{' '}
                <span class="muted">— {t('map.households', { n: fmt.number(n), count: n })}</span>
                {leaving.length ? (
                  <ul class="convoy-links">
                    {leaving.map((c) => (
                      <li key={convoyKey(c)}>
                        <a href={hrefOf('print', p.place_id, convoyKey(c))} data-testid="convoy-manifest">
                          {t('print.convoyLink', {
                            vehicle: c.vehicle,
                            trip: fmt.number(c.trip),
                            leaves: c.leaves_at ? fmt.dateTime(c.leaves_at) : '',
                            persons: fmt.number(c.persons ?? 0),
                          })}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
      </ul>
      <CountryLinks />
    </section>
  );
}

/** Links to the printable resettlement list of each receiving country in the plan's allocation. */
function CountryLinks() {
  const byCountry = plan.value?.allocation?.by_country ?? [];
  if (byCountry.length === 0) return null;
  return (
    <>
      <h3>{t('print.countries')}</h3>
      <ul data-testid="country-lists">
        {byCountry.map((c) => (
          <li key={c.country}>
            <a href={hrefOf('print', 'country', c.country)}>{t(`country.${c.country}`, { defaultValue: c.country })}</a>{' '}
            <span class="muted">
              —{' '}
              {t('plan.countryLine', {
                households: fmt.number(c.households ?? 0),
                persons: fmt.number(c.persons ?? 0),
                quota: c.quota_persons === undefined ? '–' : fmt.number(c.quota_persons),
              })}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

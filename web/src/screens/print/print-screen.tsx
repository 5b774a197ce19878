// Manifests: choose an assembly point, then a printable list of its households (print stylesheet → PDF).
import { plan, scenario } from '../../state/data.ts';
import { fmt, localName } from '../../state/format.ts';
import { t } from '../../state/language.ts';
import { hrefOf, location } from '../../state/router.ts';
import { Manifest } from './manifest.tsx';

export function PrintScreen() {
  const ap = location.value.rest[0];
  if (ap) return <Manifest assemblyPoint={ap} />;
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
            return (
              <li key={p.place_id}>
                <a href={hrefOf('print', p.place_id)} data-testid={`manifest-${p.place_id}`}>
                  {localName(p)}
                </a>{' '}
                <span class="muted">— {t('map.households', { n: fmt.number(n), count: n })}</span>
              </li>
            );
          })}
      </ul>
    </section>
  );
}

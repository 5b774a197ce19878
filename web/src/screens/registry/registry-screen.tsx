// Registry: find people by a Latin or Arabic spelling, open their household, import a list, review duplicates.
import { signal } from '@preact/signals';
import { scenario } from '../../state/data.ts';
import { t } from '../../state/language.ts';
import { CasesList } from './cases-list.tsx';
import { DedupeReview } from './dedupe-review.tsx';
import { HouseholdDetail } from './household-detail.tsx';
import { ImportPanel } from './import-panel.tsx';
import { PeopleSearch } from './people-search.tsx';

/** The open household (its case id and household id), kept while the user moves between screens. */
export const openHousehold = signal<{ caseId: string | undefined; householdId: string } | null>(null);

export function RegistryScreen() {
  return (
    <div class="registry">
      <h2>{t('registry.title')}</h2>
      <div class="columns">
        <div>
          <PeopleSearch onOpen={(h) => (openHousehold.value = h)} />
          <CasesList open={scenario.value === null} onOpen={(h) => (openHousehold.value = h)} />
        </div>
        <div>
          {openHousehold.value ? (
            <HouseholdDetail household={openHousehold.value} onClose={() => (openHousehold.value = null)} />
          ) : null}
          {scenario.value ? (
            <>
              <ImportPanel />
              <DedupeReview />
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}

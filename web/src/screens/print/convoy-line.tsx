// One line describing a convoy: vehicle and trip, boarding and departure, the exit and when its people are through.
import type { Convoy } from '../../api/types.ts';
import { scenario } from '../../state/data.ts';
import { fmt, localName } from '../../state/format.ts';
import { t } from '../../state/language.ts';

export function ConvoyLine({ convoy }: { convoy: Convoy }) {
  const exit = scenario.value?.exits.find((e) => e.id === convoy.exit);
  return (
    <p class="convoy-line" data-testid="convoy-line">
      {t('print.convoy', {
        vehicle: convoy.vehicle,
        trip: fmt.number(convoy.trip),
        boards: convoy.boards_at ? fmt.dateTime(convoy.boards_at) : '',
        leaves: convoy.leaves_at ? fmt.dateTime(convoy.leaves_at) : '',
        exit: exit ? localName(exit) : convoy.exit,
        out: convoy.out_by ? fmt.dateTime(convoy.out_by) : '',
        persons: fmt.number(convoy.persons ?? 0),
        seats: fmt.number(convoy.seats ?? 0),
      })}
    </p>
  );
}

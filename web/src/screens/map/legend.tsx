// The map legend: what colours, paleness, rings and dashes mean.
import { t } from '../../state/language.ts';
import { COLOURS } from './map-style.ts';

const ITEMS: readonly { key: string; style: Record<string, string> }[] = [
  { key: 'legendCheckpointOpen', style: { background: COLOURS.open, borderRadius: '50%' } },
  { key: 'legendCheckpointClosed', style: { background: COLOURS.closed, borderRadius: '50%' } },
  { key: 'legendCheckpointUnknown', style: { background: COLOURS.unknown, borderRadius: '50%' } },
  { key: 'legendConfidence', style: { background: COLOURS.open, opacity: '0.35', borderRadius: '50%' } },
  { key: 'legendAge', style: { background: COLOURS.open, border: '3px solid #555', borderRadius: '50%' } },
  { key: 'legendHostile', style: { background: COLOURS.hostile, opacity: '0.35' } },
  { key: 'legendNeutral', style: { background: COLOURS.neutral, opacity: '0.3' } },
  { key: 'legendRoute', style: { background: COLOURS.route, height: '4px' } },
  { key: 'legendAlternative', style: { borderTop: `3px dashed ${COLOURS.alternative}`, height: '0' } },
  { key: 'legendConvoy', style: { background: '#6a1b9a', borderRadius: '50%' } },
];

export function Legend() {
  return (
    <details class="legend">
      <summary>{t('map.legend')}</summary>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.key} class="legend-item">
            <span class="legend-swatch" style={item.style} aria-hidden="true" />
            {t(`map.${item.key}`)}
          </li>
        ))}
      </ul>
    </details>
  );
}

// checkpoints.csv: the scenario columns become Checkpoint values; bad cells are named by row and field.
import { describe, expect, it } from 'vitest';
import { parseCheckpointsCsv } from './checkpoints-csv.ts';

const HEADER =
  'id,name,lat,lon,controller,kind,status,confidence,reported_at,risk_military_age_man,risk_woman,risk_child,risk_elderly,risk_medical';

describe('parseCheckpointsCsv', () => {
  it('reads every risk_* column as a profile and leaves empty cells to the unknown-status risk', () => {
    const text = `\ufeff${HEADER}\r\ncp-1,Saida,32.6,36.2,gov,checkpoint,open,0.8,2018-07-21T08:00+03:00,0.7,0.05,,0.1,0.2\r\n`;
    const result = parseCheckpointsCsv(text, 'checkpoints.csv');
    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: 'cp-1',
          name: 'Saida',
          lat: 32.6,
          lon: 36.2,
          controller: 'gov',
          kind: 'checkpoint',
          status: 'open',
          confidence: 0.8,
          reportedAt: '2018-07-21T08:00+03:00',
          riskByProfile: { military_age_man: 0.7, woman: 0.05, elderly: 0.1, medical: 0.2 },
        },
      ],
    });
  });

  it('names the row and field of a bad cell', () => {
    const bad = parseCheckpointsCsv(
      `${HEADER}\ncp-1,S,32.6,36.2,gov,checkpoint,open,1.5,2018-07-21T08:00Z,,,,,\n`,
      'c.csv',
    );
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-checkpoints', row: 2, field: 'confidence' } });
    const time = parseCheckpointsCsv(`${HEADER}\ncp-1,S,32.6,36.2,gov,checkpoint,open,1,yesterday,,,,,\n`, 'c.csv');
    expect(time).toMatchObject({ ok: false, error: { field: 'reported_at' } });
  });
});

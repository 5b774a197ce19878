// Events as coordinators type them: absolute or local times, unknown ids refused with the reason.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../io/scenario/load-scenario.ts';
import { parseEvent } from './events.ts';

const TINY = new URL('../../test/fixtures/scenarios/tiny', import.meta.url).pathname;

describe('parseEvent', async () => {
  const { scenario } = await loadScenario(TINY);
  it('reads a local time as the first such time after the start (start 18:00 +03:00)', () => {
    expect(parseEvent('checkpoint cp-nawa-north closed at 02:10', scenario!, 1)).toEqual({
      kind: 'checkpoint-closed',
      id: 'event-1',
      checkpointId: 'cp-nawa-north',
      at: '2018-07-22T02:10+03:00',
    });
    expect(parseEvent('checkpoint cp-nawa-north closed at 19:00', scenario!, 2)).toMatchObject({
      at: '2018-07-21T19:00+03:00',
    });
  });
  it('reads a moved window and a closed exit', () => {
    expect(
      parseEvent('exit golan-line window 2018-07-22T21:00+03:00/2018-07-23T02:00+03:00', scenario!, 3),
    ).toMatchObject({
      kind: 'exit-changed',
      exitId: 'golan-line',
      windows: [{ opensAt: '2018-07-22T21:00+03:00', closesAt: '2018-07-23T02:00+03:00' }],
    });
    expect(parseEvent('exit golan-line closed at 23:00', scenario!, 4)).toMatchObject({
      kind: 'exit-changed',
      conditionMet: false,
    });
  });
  it('refuses unknown ids and unreadable text with the reason', () => {
    expect(parseEvent('checkpoint cp-x closed at 02:10', scenario!, 5)).toMatchObject({
      message: 'unknown checkpoint "cp-x"',
    });
    expect(parseEvent('the bridge fell', scenario!, 6)).toMatchObject({ kind: 'invalid-event' });
    expect(
      parseEvent('exit golan-line window 2018-07-23T02:00+03:00/2018-07-22T21:00+03:00', scenario!, 7),
    ).toMatchObject({
      message: 'the window closes before it opens',
    });
  });
});

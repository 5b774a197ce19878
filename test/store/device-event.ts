// One device's status event for the check-in store tests (recorded by the test officer unless `extra` says otherwise).
import type { StatusEvent } from '../../src/core/operation/status.ts';
import type { DeviceEvent } from '../../src/store/checkin-events.ts';

export const deviceEvent = (
  id: string,
  personId: string,
  status: StatusEvent['status'],
  at: string,
  device: string,
  extra: Partial<DeviceEvent> = {},
): DeviceEvent => ({ id, personId, status, at, device, recordedBy: 'officer', ...extra });

import { describe, expect, it } from 'vitest';
import type { ServiceQueueView } from '@tellerline/contracts';
import { serviceWaitText } from './service-wait.js';

const service = (over: Partial<ServiceQueueView> = {}): ServiceQueueView =>
  ({ serviceId: 's-l', code: 'L', name: { zh: '贷款', en: 'Loans' }, waiting: 2, longestWaitMin: 6, targetMin: 15, wait: { lowMin: 8, highMin: 19, expectedMin: 12 }, noStaff: false, walkIns: true, ...over });

describe('serviceWaitText', () => {
  it('says "by appointment" for an appointment-only service, never a walk-in wait (as the kiosk does)', () => {
    expect(serviceWaitText(service({ walkIns: false }))).toEqual({ zh: '仅限预约', en: 'By appointment' });
    expect(serviceWaitText(service({ walkIns: false, noStaff: true, wait: null }))).toEqual({ zh: '仅限预约', en: 'By appointment' });
  });

  it('words a walk-in service by its wait range, no wait, or nobody on duty', () => {
    expect(serviceWaitText(service())).toEqual({ zh: '约 8–19 分钟', en: expect.stringContaining('8') });
    expect(serviceWaitText(service({ waiting: 0, wait: { lowMin: 0, highMin: 0, expectedMin: 0 } })).zh).toBe('无需等候');
    expect(serviceWaitText(service({ noStaff: true })).zh).toBe('暂无可办理人员');
    // A wait that may end now, by its upper end.
    expect(serviceWaitText(service({ wait: { lowMin: 0.3, highMin: 4.6, expectedMin: 2 } }))).toEqual({ zh: '5 分钟内', en: 'within 5 min' });
    expect(serviceWaitText(service({ wait: { lowMin: 0.6, highMin: 1.2, expectedMin: 1 } }))).toEqual({ zh: '约 1 分钟', en: 'about 1 min' });
  });
});

import type { BookingInfo } from '@tellerline/contracts';

/** A one-service branch as GET /branches/:id/booking describes it, for the booking page's state tests. */
export const bookingInfo = (phoneCheck: BookingInfo['phoneCheck'] = 'off', emailCheck: BookingInfo['emailCheck'] = 'off'): BookingInfo => ({
  branchId: 'b1',
  name: { zh: '网点', en: 'Branch' },
  address: { zh: null, en: null },
  timezone: 'Asia/Shanghai',
  enabled: true,
  remoteQueue: false,
  minNoticeMin: 60,
  maxDaysAhead: 30,
  checkInEarlyMin: 30,
  checkInLateMin: 15,
  phoneCheck,
  emailCheck,
  services: [{ id: 'svc-a', code: 'A', name: { zh: '现金', en: 'Cash' }, durationMin: 5, channels: ['branch'], documents: { zh: [], en: [] } }],
});

/** The booking the server answers with. */
export const bookedAppointment = { code: 'ABC23D', manageToken: 'm'.repeat(32), branchId: 'b1', serviceId: 'svc-a', startsAt: 1, endsAt: 2, channel: 'branch', joinUrl: null, state: 'booked', icsUrl: '/x' };

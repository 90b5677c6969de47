/** Room names live here only. Signage rooms receive public data alone (numbers, counters, services). */
export const rooms = {
  signage: (branchId: string) => `branch:${branchId}:signage`,
  staff: (branchId: string) => `branch:${branchId}:staff`,
  counter: (counterId: string) => `counter:${counterId}`,
  ticket: (token: string) => `ticket:${token}`,
} as const;

import { expect } from 'vitest';
import {
  apply,
  DEFAULT_ROUTING,
  DomainError,
  initialState,
  type BranchConfig,
  type BranchEvent,
  type BranchState,
  type Command,
  type EngineErrorCode,
  type PriorityClass,
  type TicketKind,
} from '../src/index.js';

export const MIN = 60_000;
/** Monday 09:00 UTC: the branch opens. */
export const T0 = Date.UTC(2025, 0, 6, 9, 0);

/**
 * acct (A, target 10, 5 min) and loans (B, target 20, 15 min); counters c1..c3;
 * s1 does accounts only, s2 mostly loans but helps with accounts, s3 loans only.
 */
export function testConfig(overrides: Partial<BranchConfig> = {}): BranchConfig {
  return {
    branchId: 'b1',
    services: [
      { id: 'acct', code: 'A', name: { zh: '开户', en: 'accounts' }, targetMin: 10, defaultDurationMin: 5 },
      { id: 'loans', code: 'B', name: { zh: '贷款', en: 'loans' }, targetMin: 20, defaultDurationMin: 15 },
    ],
    counters: [
      { id: 'c1', label: '1' },
      { id: 'c2', label: '2' },
      { id: 'c3', label: '3' },
    ],
    staff: [
      { id: 's1', skills: { acct: 1 } },
      { id: 's2', skills: { acct: 0.5, loans: 1 } },
      { id: 's3', skills: { loans: 1 } },
    ],
    routing: DEFAULT_ROUTING,
    ...overrides,
  };
}

/** A branch driven through `apply`, with a clock the test moves. */
export class Sim {
  state: BranchState;
  events: BranchEvent[] = [];
  now = T0;

  constructor(config: BranchConfig = testConfig()) {
    this.state = initialState(config.branchId);
    this.do({ type: 'configure', config });
  }

  do(cmd: Command): BranchEvent[] {
    const r = apply(this.state, cmd, this.now);
    this.state = r.state;
    this.events.push(...r.events);
    return r.events;
  }

  /** Runs `cmd` expecting a refusal; returns its code. The state must not change. */
  refused(cmd: Command): EngineErrorCode {
    const before = this.state;
    try {
      apply(this.state, cmd, this.now);
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect(this.state).toBe(before);
      return (err as DomainError).code;
    }
    throw new Error(`expected ${cmd.type} to be refused`);
  }

  advance(min: number): this {
    this.now += min * MIN;
    return this;
  }

  issue(
    ticketId: string,
    serviceId = 'acct',
    opts: { kind?: TicketKind; priority?: PriorityClass; appointmentAt?: number } = {},
  ): BranchEvent[] {
    return this.do({
      type: 'issue',
      ticketId,
      token: `tok-${ticketId}`,
      serviceId,
      kind: opts.kind ?? 'walk-in',
      priority: opts.priority ?? 'normal',
      ...(opts.appointmentAt !== undefined && { appointmentAt: opts.appointmentAt }),
    });
  }

  signOn(staffId: string, counterId: string): this {
    this.do({ type: 'sign-on', staffId, counterId });
    return this;
  }

  /** Calls next for `staffId` and returns the called ticket id. */
  callNext(staffId: string): string {
    const [e] = this.do({ type: 'call-next', staffId });
    if (e?.type !== 'ticket-called') throw new Error('no call');
    return e.ticketId;
  }
}

/** Freezes a value deeply so any mutation by the code under test throws. */
export function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

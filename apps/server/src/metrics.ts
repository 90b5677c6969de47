import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics. One registry per process; tests make their own so they don't collide. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    commandSeconds: new Histogram({
      name: 'tellerline_command_duration_seconds',
      help: 'Time to decide and commit a branch command (call-next, issue, ...)',
      labelNames: ['type'] as const,
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    queueWaiting: new Gauge({
      name: 'tellerline_queue_waiting',
      help: 'Tickets waiting per branch and service',
      labelNames: ['branch', 'service'] as const,
      registers: [registry],
    }),
    sockets: new Gauge({
      name: 'tellerline_sockets',
      help: 'Connected sockets by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    fanoutEvents: new Counter({
      name: 'tellerline_fanout_events_total',
      help: 'Branch events pushed to sockets',
      registers: [registry],
    }),
    redisUp: new Gauge({
      name: 'tellerline_redis_up',
      help: 'Whether Redis answered a PING within a second at scrape time (1) or not (0)',
      registers: [registry],
    }),
    databaseUp: new Gauge({
      name: 'tellerline_database_up',
      help: 'Whether PostgreSQL/PGlite answered within a second at scrape time (1) or not (0)',
      registers: [registry],
    }),
    eventLogBehind: new Gauge({
      name: 'tellerline_event_log_behind_branches',
      help: 'Branches whose committed events are not all in PostgreSQL yet (appends being retried)',
      registers: [registry],
    }),
    pressesFinishedLater: new Counter({
      name: 'tellerline_presses_finished_later_total',
      help: 'Staff presses whose audit entry, no-show timer and event copy a sweep did (their node lost the reply or died, nobody retried)',
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'tellerline_jobs_total',
      help: 'Jobs processed by name and outcome',
      labelNames: ['name', 'outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

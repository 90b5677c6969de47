import Koa from 'koa';
import type { Logger } from '../logger.js';
import { errorMiddleware } from './middleware/errors.js';
import { auditAccessDenied } from './middleware/access-denied.js';
import { originGuard } from './middleware/auth.js';
import { requestIdMiddleware } from './middleware/request-id.js';
import { windowRetryAfter } from './middleware/retry-after.js';
import { tokenProbeGuard } from './middleware/token-probes.js';
import type { TokenProbeLimiter } from '../auth/token-probe-limiter.js';
import { staticApps, type StaticApp } from './middleware/static-apps.js';
import { securityHeaders } from './security-headers.js';
import { assistantRoutes, type AssistantRouteDeps } from './routes/assistant.routes.js';
import { auditRoutes, type AuditRouteDeps } from './routes/audit.routes.js';
import { authRoutes, type AuthRouteDeps } from './routes/auth.routes.js';
import { bookingRoutes, type BookingRouteDeps } from './routes/booking.routes.js';
import { branchRoutes, type BranchRouteDeps } from './routes/branch.routes.js';
import { deviceRoutes, type DeviceRouteDeps } from './routes/device.routes.js';
import { healthRoutes, type HealthDeps } from './routes/health.routes.js';
import { kpiRoutes, type KpiRouteDeps } from './routes/kpi.routes.js';
import { pushRoutes, type PushRouteDeps } from './routes/push.routes.js';
import { surveyRoutes, type SurveyRouteDeps } from './routes/survey.routes.js';
import { teamRoutes, type TeamRouteDeps } from './routes/team.routes.js';
import { serviceRecordRoutes, type ServiceRecordRouteDeps } from './routes/service-record.routes.js';
import { setupRoutes, type SetupRouteDeps } from './routes/setup.routes.js';
import { ticketRoutes, type TicketRouteDeps } from './routes/ticket.routes.js';
import { historyConsentRoutes, type HistoryConsentRouteDeps } from './routes/history-consent.routes.js';
import { contactCheckRoutes, type ContactCheckRouteDeps } from './routes/contact-check.routes.js';
import { readinessRoutes, type ReadinessRouteDeps } from './routes/readiness.routes.js';

export type HttpDeps = AuthRouteDeps &
  BranchRouteDeps &
  TicketRouteDeps &
  PushRouteDeps &
  BookingRouteDeps &
  ContactCheckRouteDeps &
  DeviceRouteDeps &
  TeamRouteDeps &
  SurveyRouteDeps &
  ServiceRecordRouteDeps &
  AssistantRouteDeps &
  KpiRouteDeps &
  AuditRouteDeps &
  HistoryConsentRouteDeps &
  SetupRouteDeps &
  ReadinessRouteDeps &
  HealthDeps & {
    logger: Logger;
    allowedOrigins: readonly string[];
    trustProxy: boolean;
    /** X-Forwarded-For entries our own proxies append (TRUST_PROXY_HOPS). */
    trustProxyHops: number;
    staticApps: StaticApp[];
    /** PUBLIC_URL is https: answers carry Strict-Transport-Security. */
    https: boolean;
    /** Per-address guard of the public token routes (ticket page, manage and consent links). */
    tokenProbes?: TokenProbeLimiter;
  };

/** Builds the Koa app from already-constructed dependencies; no adapter is created here. */
export function createHttpApp(deps: HttpDeps): Koa {
  // Behind proxies, the caller is the entry our outermost proxy appended to X-Forwarded-For:
  // Koa's default takes the leftmost, which the client writes, so every per-IP limit and the
  // audit's addresses would be the caller's choice.
  const app = new Koa({ proxy: deps.trustProxy, maxIpsCount: deps.trustProxyHops });
  app.silent = true; // errors are logged by our middleware, once, with the request id
  app.use(requestIdMiddleware(deps.logger));
  app.use(errorMiddleware(deps.logger));
  app.use(auditAccessDenied(deps.audit, deps.logger));
  app.use(securityHeaders({ https: deps.https }));
  app.use(staticApps(deps.staticApps));
  app.use(originGuard(deps.allowedOrigins));
  app.use(windowRetryAfter());
  app.use(tokenProbeGuard(deps.tokenProbes));
  for (const router of [healthRoutes(deps), authRoutes(deps), branchRoutes(deps), ticketRoutes(deps), pushRoutes(deps), bookingRoutes(deps), contactCheckRoutes(deps), deviceRoutes(deps), teamRoutes(deps), surveyRoutes(deps), serviceRecordRoutes(deps), assistantRoutes(deps), kpiRoutes(deps), auditRoutes(deps), historyConsentRoutes(deps), setupRoutes(deps), readinessRoutes(deps)]) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: false }));
  }
  return app;
}

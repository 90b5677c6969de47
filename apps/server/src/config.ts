import { z } from 'zod';

export const ROLES = ['api', 'realtime', 'worker', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  /** Comma-separated list of origins allowed to open sockets and send cookies. */
  ALLOWED_ORIGINS: z.string().optional(),
  ROLES: z
    .string()
    .default('api,realtime,worker,scheduler')
    .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ROLES)).min(1)),
  REDIS_URL: z.string().optional(),
  REDIS_PREFIX: z.string().default('tl:'),
  /** Port for the redis-server that `npm start` launches itself when REDIS_URL is not set. */
  LOCAL_REDIS_PORT: z.coerce.number().int().min(1).max(65535).default(6380),
  TRUST_PROXY: bool.default(false),
  /**
   * With TRUST_PROXY: how many proxies in front of the server append to X-Forwarded-For. The
   * caller is the entry that many from the right (what our outermost proxy saw); entries left of
   * it are whatever the client sent and are ignored.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** Walk-in tickets one kiosk may issue per minute (a stolen device token cannot flood a queue). */
  /** Bearer token a Prometheus scraper sends for /metrics. Unset: /metrics answers loopback only in production (anyone elsewhere). */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  KIOSK_ISSUES_PER_MIN: z.coerce.number().int().positive().default(30),
  /**
   * Space- or comma-separated origins (https://player.bank.example) whose pages may embed the lobby
   * screen (/signage) in a frame: a digital-signage player that shows it beside other content.
   * Unset: nobody may frame any screen.
   */
  SIGNAGE_FRAME_ANCESTORS: z
    .string()
    .optional()
    .transform((s) => (s ?? '').split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'each an origin: https://host[:port], no path'))),
  DATABASE_URL: z.string().optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  DATA_DIR: z.string().default('./data'),
  /**
   * The key manage links are derived with (their tokens are stored only as hashes). Unset: one is
   * made on first start and kept in DATA_DIR/link-secret; required in production with DATABASE_URL.
   */
  LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  SESSION_IDLE_MIN: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  LOGIN_WINDOW_SEC: z.coerce.number().int().positive().default(300),
  NO_SHOW_AFTER_MIN: z.coerce.number().positive().default(5),
  /** Minutes after a completed visit before the survey invitation goes out (not while the customer is at the counter). */
  SURVEY_INVITE_AFTER_MIN: z.coerce.number().positive().default(10),
  /** 'false' sends no survey invitations (the survey stays on the phone page). */
  SURVEY_INVITES: bool.default(true),
  /** Unset: the demo branch and its demo1234 logins in development and test, never in production. */
  SEED_DEMO: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_KB: z.coerce.number().int().positive().default(16),
  /** Web push (VAPID) keys. Unset: a pair is generated on first start and kept in the database. */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'base64url, 65 bytes').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'base64url, 32 bytes').optional(),
  /** Contact the push services may use (mailto: or https:); defaults to PUBLIC_URL when https. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)\S+$/, 'a mailto: or https: URL').optional(),
  /** Comma-separated hosts push endpoints may point at (`*.` for subdomains); replaces the default list. */
  PUSH_SERVICE_HOSTS: z.string().optional(),
  /** smtp://user:pass@host:587 or smtps://…:465. Unset: e-mail is logged in development, off in production. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().optional(),
  /** 'log' writes texts to the log (development); 'none' turns SMS off. Default: log, none in production. */
  SMS_PROVIDER: z.enum(['log', 'none']).optional(),
});

/** The browsers' push services (Chrome/Android: FCM, Firefox: Mozilla, Safari: Apple, Edge: WNS). */
export const DEFAULT_PUSH_SERVICE_HOSTS = ['fcm.googleapis.com', 'android.googleapis.com', 'updates.push.services.mozilla.com', '*.push.services.mozilla.com', '*.push.apple.com', '*.notify.windows.com'];

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  allowedOrigins: readonly string[];
  roles: readonly Role[];
  redisUrl: string | undefined;
  redisPrefix: string;
  localRedisPort: number;
  trustProxy: boolean;
  /** X-Forwarded-For entries our own proxies add (Koa's maxIpsCount); read only with trustProxy. */
  trustProxyHops: number;
  kioskIssuesPerMin: number;
  /** Origins whose pages may frame the lobby screen; empty: nobody. */
  signageFrameAncestors: readonly string[];
  /** /metrics: a bearer token, or else loopback only (production). */
  metricsAccess: Readonly<{ token: string | null; loopbackOnly: boolean }>;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  dataDir: string;
  /** LINK_SECRET; undefined: the one kept under DATA_DIR (link-secret.ts). */
  linkSecret: string | undefined;
  sessionIdleMin: number;
  sessionAbsoluteHours: number;
  loginMaxAttempts: number;
  loginWindowSec: number;
  noShowAfterMin: number;
  /** Minutes after a completed visit its survey invitation is due; null: invitations are off. */
  surveyInviteAfterMin: number | null;
  seedDemo: boolean;
  logLevel: string;
  bodyLimitBytes: number;
  notify: Readonly<{
    vapid: { publicKey: string; privateKey: string } | null;
    vapidSubject: string;
    pushServiceHosts: readonly string[];
    smtpUrl: string | undefined;
    mailFrom: string;
    smsProvider: 'log' | 'none';
    /** Without SMTP_URL: log mails instead of sending them (development and tests only). */
    logMail: boolean;
  }>;
}>;

/** Chinese for our own messages in the schema above (English, as written there). */
const OWN_MESSAGES_ZH: Record<string, string> = {
  'at least 16 characters': '至少 16 个字符',
  'at least 32 characters': '至少 32 个字符',
  'each an origin: https://host[:port], no path': '每一项都应是一个源：https://主机[:端口]，不带路径',
  'base64url, 65 bytes': '应为 base64url 编码的 65 个字节',
  'base64url, 32 bytes': '应为 base64url 编码的 32 个字节',
  'a mailto: or https: URL': '应为 mailto: 或 https: 地址',
  'smtp:// or smtps://': '应以 smtp:// 或 smtps:// 开头',
};

/** The problem in Chinese, by zod's issue kind (zod's own messages are English only). */
function issueZh(issue: z.core.$ZodIssue): string {
  const own = OWN_MESSAGES_ZH[issue.message];
  if (own) return own;
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? '应为数字' : issue.expected === 'int' ? '应为整数' : '类型不对';
    case 'too_small':
      return `太小：应${issue.inclusive ? '至少为' : '大于'} ${String(issue.minimum)}`;
    case 'too_big':
      return `太大：应${issue.inclusive ? '至多为' : '小于'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `应为以下之一：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return issue.format === 'url' ? '应为完整的网址（如 https://queue.bank.example）' : '格式不对';
    default:
      return '取值无效';
  }
}

/**
 * Every problem at once, one line each with the variable's name and the problem in English and
 * Chinese (the start-up banner's way); the first line says what it is in both.
 */
function invalidConfiguration(problems: { name: string; en: string; zh: string }[]): Error {
  const lines = problems.map((p) => `  ${p.name}: ${p.en}  /  ${p.zh}`);
  return new Error(`Invalid configuration  /  配置无效:\n${lines.join('\n')}`);
}

/**
 * Reads the environment once. Every problem is listed at once so an operator fixes them in one
 * go; nothing else in the server reads process.env.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw invalidConfiguration(parsed.error.issues.map((i) => ({ name: i.path.join('.'), en: i.message, zh: issueZh(i) })));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.PUBLIC_URL) {
    throw invalidConfiguration([{ name: 'PUBLIC_URL', en: 'required in production', zh: '生产环境（NODE_ENV=production）必须设置' }]);
  }
  // Every node must derive the same manage links, and a container's DATA_DIR may not outlive it:
  // with a shared PostgreSQL in production, the secret is given, not made by each node.
  if (e.NODE_ENV === 'production' && e.DATABASE_URL && !e.LINK_SECRET) {
    throw invalidConfiguration([{ name: 'LINK_SECRET', en: 'required in production with DATABASE_URL (every node must make the same manage links)', zh: '生产环境使用 DATABASE_URL 时必须设置（各节点须生成相同的预约管理链接）' }]);
  }
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY)) {
    throw invalidConfiguration([{ name: 'VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY', en: 'set both or neither', zh: '两个都设置，或都不设置' }]);
  }
  const publicUrl = e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`;
  const production = e.NODE_ENV === 'production';
  const allowedOrigins = e.ALLOWED_ORIGINS
    ? e.ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean)
    : [new URL(publicUrl).origin];
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    allowedOrigins: Object.freeze(allowedOrigins),
    roles: Object.freeze(e.ROLES),
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    localRedisPort: e.LOCAL_REDIS_PORT,
    trustProxy: e.TRUST_PROXY,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    kioskIssuesPerMin: e.KIOSK_ISSUES_PER_MIN,
    signageFrameAncestors: Object.freeze(e.SIGNAGE_FRAME_ANCESTORS),
    metricsAccess: Object.freeze({ token: e.METRICS_TOKEN ?? null, loopbackOnly: production }),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    dataDir: e.DATA_DIR,
    linkSecret: e.LINK_SECRET,
    sessionIdleMin: e.SESSION_IDLE_MIN,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginWindowSec: e.LOGIN_WINDOW_SEC,
    noShowAfterMin: e.NO_SHOW_AFTER_MIN,
    surveyInviteAfterMin: e.SURVEY_INVITES ? e.SURVEY_INVITE_AFTER_MIN : null,
    seedDemo: e.SEED_DEMO ?? !production,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_KB * 1024,
    notify: Object.freeze({
      vapid: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : null,
      vapidSubject: e.VAPID_SUBJECT ?? (publicUrl.startsWith('https://') ? new URL(publicUrl).origin : 'mailto:notices@tellerline.invalid'),
      pushServiceHosts: Object.freeze(
        e.PUSH_SERVICE_HOSTS ? e.PUSH_SERVICE_HOSTS.split(',').map((h) => h.trim()).filter(Boolean) : DEFAULT_PUSH_SERVICE_HOSTS,
      ),
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM ?? `"Tellerline" <notices@${new URL(publicUrl).hostname}>`,
      smsProvider: e.SMS_PROVIDER ?? (production ? 'none' : 'log'),
      logMail: !e.SMTP_URL && !production,
    }),
  });
}

/**
 * The admin CLI's password (`npm run admin`), when given through TELLERLINE_ADMIN_PASSWORD (for
 * scripts and containers); unset: the CLI asks for it. Not part of `Config`: the server never
 * holds it.
 */
export function adminPasswordFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.TELLERLINE_ADMIN_PASSWORD || undefined;
}

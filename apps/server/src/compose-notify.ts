import { Agent, type Agent as HttpsAgent } from 'node:https';
import {
  assertVapidKeys,
  createEmailChannel,
  createLoggingEmailChannel,
  createLoggingSmsProvider,
  createSmsChannel,
  createWebPushChannel,
  generateVapidKeys,
  type NotificationChannel,
  type PushTarget,
  type SmsProvider,
  type VapidKeys,
} from '@tellerline/notify';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { ChannelAvailability } from './notifications/ports.js';

/** Installation settings the notify layer keeps in the database. */
export interface NotifySettings {
  putIfAbsent<T>(key: string, value: T): Promise<T>;
}

/** Adapters tests (and a bank's own integrations) may put in place of the configured ones. */
export interface NotifyOverrides {
  /** For the push service requests: a private CA (tests), a proxy. */
  pushAgent?: HttpsAgent;
  smsProvider?: SmsProvider;
}

export interface NotifyChannels {
  vapidPublicKey: string;
  push: NotificationChannel<PushTarget>;
  email: NotificationChannel<string> | null;
  sms: NotificationChannel<string> | null;
  available: ChannelAvailability;
  close(): void;
}

const VAPID_SETTING = 'webpush.vapid';

/**
 * The VAPID key pair: from VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when set, else the pair stored in
 * the database, generated on the very first start (first writer wins when nodes start together).
 * The database, not DATA_DIR: every node must sign with the same key, and browsers' subscriptions
 * are bound to it. Never in the repository.
 */
export async function resolveVapidKeys(config: Config, settings: NotifySettings): Promise<VapidKeys> {
  const keys = config.notify.vapid ?? (await settings.putIfAbsent<VapidKeys>(VAPID_SETTING, generateVapidKeys()));
  assertVapidKeys(keys);
  return keys;
}

/** Builds the channels from the configuration. Part of the composition root. */
export async function composeNotify(config: Config, settings: NotifySettings, logger: Logger, overrides: NotifyOverrides = {}): Promise<NotifyChannels> {
  const vapid = await resolveVapidKeys(config, settings);
  const agent = overrides.pushAgent ?? new Agent({ keepAlive: true, maxSockets: 50 });
  const push = createWebPushChannel({ vapid: { ...vapid, subject: config.notify.vapidSubject }, agent });

  const log = logger.child({ component: 'notify' });
  let email: (NotificationChannel<string> & { close(): void }) | null = null;
  if (config.notify.smtpUrl) {
    email = createEmailChannel({ transport: config.notify.smtpUrl, from: config.notify.mailFrom });
  } else if (config.notify.logMail) {
    email = createLoggingEmailChannel(config.notify.mailFrom, (line, fields) => log.info(fields, line));
  }

  const provider = overrides.smsProvider ?? (config.notify.smsProvider === 'log' ? createLoggingSmsProvider((line, fields) => log.info(fields, line)) : null);
  const sms = provider ? createSmsChannel(provider) : null;

  return {
    vapidPublicKey: vapid.publicKey,
    push,
    email,
    sms,
    available: { push: true, email: email !== null, sms: sms !== null },
    close() {
      email?.close();
      if (!overrides.pushAgent) agent.destroy();
    },
  };
}

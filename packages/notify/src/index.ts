/**
 * @tellerline/notify: the channels that reach a customer outside the open phone page, behind one
 * port ({@link NotificationChannel}): web push (VAPID), e-mail (SMTP), SMS (a provider port).
 * Adapters only: who gets what, and when, is decided by the server's notifier.
 */
export * from './channel.js';
export { createWebPushChannel, type WebPushChannelOptions, type PushPayload } from './web-push-channel.js';
export { createEmailChannel, createLoggingEmailChannel, type EmailChannelOptions } from './email-channel.js';
export { createSmsChannel, createLoggingSmsProvider, type Sms, type SmsProvider, type SmsProviderResult, type LoggedSms } from './sms-channel.js';
export { generateVapidKeys, assertVapidKeys, type VapidKeys } from './vapid.js';
export {
  renderNotice,
  renderEmail,
  renderSms,
  renderSurveyInvitation,
  renderConsentConfirmation,
  CONSENT_CONFIRMATION_DELIVERY,
  renderContactCheckCode,
  CONTACT_CHECK_CODE_DELIVERY,
  type ConsentConfirmationFacts,
  NOTICE_DELIVERY,
  SURVEY_INVITATION_DELIVERY,
  type NoticeKind,
  type NoticeFacts,
  type NoticeText,
  type SurveyInvitationFacts,
} from './templates.js';
export { buildIcs, icsAttachment, escapeText, fold, utc, type IcsEvent, type IcsOptions } from './ics.js';

/**
 * Test doubles that speak the real protocols (import from `@tellerline/notify/testing`, tests and
 * benchmarks only): a local Web Push service that decrypts what it receives, an SMTP sink, and
 * the RFC 8291 / RFC 8292 receiving side they are built on.
 */
export { startTestPushService, type TestPushService, type TestSubscription, type Delivery } from './push-service.js';
export { startSmtpSink, parseMime, type SmtpSink, type ReceivedMail } from './smtp-sink.js';
export { createUserAgentKeys, decryptAes128gcm, verifyVapidAuthorization, type UserAgentKeys, type VapidClaims } from './ece.js';
export { selfSignedCertificate } from './tls.js';

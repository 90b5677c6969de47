import { describe, expect, it } from 'vitest';
import { CONSENT_CONFIRMATION_DELIVERY, NOTICE_DELIVERY, CONTACT_CHECK_CODE_DELIVERY, renderContactCheckCode, SURVEY_INVITATION_DELIVERY, renderConsentConfirmation, renderEmail, renderNotice, renderSms, renderSurveyInvitation } from '../src/index.js';

const facts = { number: 'B007', service: { zh: '对公业务', en: 'Business banking' }, counter: 'VIP 1', ahead: 3 };

describe('notice templates', () => {
  it('speaks each customer language', () => {
    const third = { ...facts, counter: '3' };
    expect(renderNotice('called', 'zh', third)).toEqual({ title: '请到 3 号柜台（B007）', body: 'B007 号，轮到您办理对公业务了，请到 3 号柜台。' });
    expect(renderNotice('called', 'en', third)).toEqual({ title: 'Counter 3, please (B007)', body: 'B007: it is your turn for Business banking. Please go to counter 3.' });
    expect(renderNotice('recalled', 'zh', third).title).toBe('再次叫号：请到 3 号柜台');
    // A counter named otherwise than by a number is said as it is: not "请到 一号窗 号柜台".
    expect(renderNotice('called', 'zh', facts)).toEqual({ title: '请到 VIP 1（B007）', body: 'B007 号，轮到您办理对公业务了，请到 VIP 1。' });
    expect(renderNotice('recalled', 'zh', { ...facts, counter: '一号窗' }).body).toBe('B007 号，一号窗 正在等您，请尽快前往，否则可能视为过号。');
    expect(renderNotice('called', 'en', facts)).toEqual({ title: 'VIP 1, please (B007)', body: 'B007: it is your turn for Business banking. Please go to VIP 1.' });
    expect(renderNotice('near', 'zh', facts).body).toContain('您前面还有 3 位');
    expect(renderNotice('near', 'en', { ...facts, ahead: 1 }).body).toContain('1 person ahead');
    expect(renderNotice('near', 'en', { ...facts, ahead: 0 }).title).toBe('You are next (B007)');
    expect(renderNotice('recalled', 'en', facts).title).toBe('Called again: VIP 1');
    expect(renderNotice('recalled', 'en', third).title).toBe('Called again: counter 3');
  });

  it('calls are urgent and short-lived; a near notice is urgent only when next', () => {
    expect(NOTICE_DELIVERY.called).toMatchObject({ ttlSec: 120 });
    expect(NOTICE_DELIVERY.called.urgency(facts)).toBe('high');
    expect(NOTICE_DELIVERY.near.ttlSec).toBe(300);
    expect(NOTICE_DELIVERY.near.urgency({ ...facts, ahead: 3 })).toBe('normal');
    expect(NOTICE_DELIVERY.near.urgency({ ...facts, ahead: 1 })).toBe('high');
  });

  it('wraps e-mail and SMS, escaping HTML', () => {
    const mail = renderEmail('en', { title: 'a <b>', body: 'x & y' }, 'https://bank.example/t/1?a=1&b=2');
    expect(mail.html).toContain('a &lt;b&gt;');
    expect(mail.html).toContain('href="https://bank.example/t/1?a=1&amp;b=2"');
    expect(mail.text.split('\n')[0]).toBe('x & y');
    expect(renderSms({ title: 't', body: 'b' }, 'https://x/t/1')).toBe('b https://x/t/1');
  });
});

describe('the survey invitation after a visit', () => {
  const branch = { zh: '浦东支行', en: 'Pudong Branch' };
  const url = 'https://bank.example/t/AbCdEfGhIjKlMnOpQrStUvWx';

  it('thanks the customer for visiting the branch and asks for a rating, in zh and en', () => {
    expect(renderSurveyInvitation('zh', { branch })).toEqual({ title: '请为本次服务评分', body: '感谢您光临浦东支行。请为本次服务评分（约1分钟）。' });
    expect(renderSurveyInvitation('en', { branch })).toEqual({ title: 'How was your visit?', body: 'Thank you for visiting Pudong Branch. How was it? Rate your visit (1 minute).' });
  });

  it('still reads well when the branch is unknown', () => {
    expect(renderSurveyInvitation('zh', { branch: null }).body).toBe('感谢您的光临。请为本次服务评分（约1分钟）。');
    expect(renderSurveyInvitation('en', { branch: { zh: '', en: ' ' } }).body).toBe('Thank you for your visit. How was it? Rate your visit (1 minute).');
  });

  it('carries the link to the phone page in a text message and in an e-mail that says why it came', () => {
    expect(renderSms(renderSurveyInvitation('en', { branch }), url)).toBe(`Thank you for visiting Pudong Branch. How was it? Rate your visit (1 minute). ${url}`);
    expect(renderSms(renderSurveyInvitation('zh', { branch }), url)).toBe(`感谢您光临浦东支行。请为本次服务评分（约1分钟）。 ${url}`);
    const zh = renderEmail('zh', renderSurveyInvitation('zh', { branch }), url, 'survey');
    expect(zh.subject).toBe('请为本次服务评分');
    expect(zh.text).toContain(`为本次服务评分: ${url}`);
    expect(zh.text).toContain('每次到访只发送这一封评价邀请');
    expect(zh.html).toContain('lang="zh-CN"');
    const en = renderEmail('en', renderSurveyInvitation('en', { branch }), url, 'survey');
    expect(en.text).toContain(`Rate your visit: ${url}`);
    expect(en.text).toContain('We send one invitation to rate each visit.');
    expect(en.text).not.toContain('place in the queue');
  });

  it('is not urgent and is worth delivering for a day at most', () => {
    expect(SURVEY_INVITATION_DELIVERY).toEqual({ urgency: 'normal', maxTtlSec: 86_400 });
  });
});

describe('the consent confirmation link', () => {
  const branch = { zh: '浦东支行', en: 'Pudong Branch' };
  const url = 'https://bank.example/consent/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

  it('asks in the text message, link inside, to confirm the branch keeping the history and needs, and to ignore it otherwise (zh, en)', () => {
    // The link is followed by a space: a full stop glued to it would become part of the link in some phones' messages apps.
    expect(renderSms(renderConsentConfirmation('en', { branch, url }))).toBe(`Confirm that Pudong Branch may keep your visit history and needs: ${url} . If this was not you, ignore this message.`);
    expect(renderSms(renderConsentConfirmation('zh', { branch, url }))).toBe(`请确认浦东支行可以保留您的来访记录和需求：${url} 。如非本人操作，请忽略本消息。`);
  });

  it('links it below the text in an e-mail that says why it came and that nothing is kept without it', () => {
    const en = renderEmail('en', renderConsentConfirmation('en', { branch }), url, 'consent');
    expect(en.subject).toBe('Confirm keeping your visit history');
    expect(en.text).toContain('Confirm that Pudong Branch may keep your visit history and needs (link below). If this was not you, ignore this message.');
    expect(en.text).toContain(`Confirm keeping your visit history: ${url}`);
    expect(en.text).toContain('Nothing is kept unless you confirm.');
    expect(en.html).toContain(`<a href="${url}">`);
    const zh = renderEmail('zh', renderConsentConfirmation('zh', { branch }), url, 'consent');
    expect(zh.subject).toBe('请确认保留来访记录');
    expect(zh.text).toContain('请确认浦东支行可以保留您的来访记录和需求（请点击下方链接）。如非本人操作，请忽略本消息。');
    expect(zh.text).toContain(`确认保留来访记录: ${url}`);
    expect(zh.text).toContain('不确认则不会保留');
    expect(zh.html).toContain('lang="zh-CN"');
  });

  it('tells her a booking asked to stop keeping her history, that confirming clears it and ignoring changes nothing (zh, en, SMS and e-mail)', () => {
    expect(renderSms(renderConsentConfirmation('en', { branch, url, keep: false }))).toBe(`A booking asked Pudong Branch to stop keeping your visit history and clear your needs. If this was you, confirm: ${url} . If not, ignore this message: nothing changes.`);
    expect(renderSms(renderConsentConfirmation('zh', { branch, url, keep: false }))).toBe(`有人通过预约请求浦东支行停止保留您的来访记录并清除您的需求。如是您本人，请确认：${url} 。如非本人操作，请忽略本消息，您的记录不受影响。`);
    const en = renderEmail('en', renderConsentConfirmation('en', { branch, keep: false }), url, 'consent-withdrawal');
    expect(en.subject).toBe('Confirm withdrawing your visit history');
    expect(en.text).toContain(`Confirm the withdrawal: ${url}`);
    expect(en.text).toContain('Nothing changes unless you confirm.');
    const zh = renderEmail('zh', renderConsentConfirmation('zh', { branch, keep: false }), url, 'consent-withdrawal');
    expect(zh.subject).toBe('请确认撤回保留来访记录');
    expect(zh.text).toContain('不确认则一切不变');
  });

  it('is not urgent and worth delivering while the link lasts (7 days)', () => {
    expect(CONSENT_CONFIRMATION_DELIVERY).toEqual({ urgency: 'normal', ttlSec: 7 * 86_400 });
  });
});

describe('the contact check code', () => {
  it('texted: leads with the code, says how long it lasts and not to share it, in zh and en', () => {
    expect(renderContactCheckCode('sms', 'en', '042917').body).toBe('Tellerline code 042917, valid 10 minutes, do not share.');
    expect(renderContactCheckCode('sms', 'zh', '042917').body).toBe('Tellerline 验证码 042917，10 分钟内有效，请勿告诉他人。');
    expect(CONTACT_CHECK_CODE_DELIVERY.ttlSec).toBe(600);
  });

  it('e-mailed: the code in the subject, and what to do if nobody asked, in zh and en', () => {
    const en = renderContactCheckCode('email', 'en', '042917');
    expect(en).toEqual({ title: 'Tellerline code 042917', body: 'Your code to confirm this e-mail address for a booking is 042917. It is valid for 10 minutes; do not share it.' });
    expect(renderEmail('en', en, undefined, 'contact-check').text).toContain('If that was not you, ignore it: nothing is booked without the code.');
    const zh = renderContactCheckCode('email', 'zh', '042917');
    expect(zh).toEqual({ title: 'Tellerline 验证码 042917', body: '您的预约邮箱验证码是 042917，10 分钟内有效，请勿告诉他人。' });
    expect(renderEmail('zh', zh, undefined, 'contact-check').text).toContain('如非本人操作，请忽略本邮件：没有验证码不会预约任何业务。');
  });
});

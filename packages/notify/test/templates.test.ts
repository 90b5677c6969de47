import { describe, expect, it } from 'vitest';
import { NOTICE_DELIVERY, SURVEY_INVITATION_DELIVERY, renderEmail, renderNotice, renderSms, renderSurveyInvitation } from '../src/index.js';

const facts = { number: 'B007', service: { zh: '对公业务', en: 'Business banking' }, counter: 'VIP 1', ahead: 3 };

describe('notice templates', () => {
  it('speaks each customer language', () => {
    expect(renderNotice('called', 'zh', facts)).toEqual({ title: '请到 VIP 1 号柜台（B007）', body: 'B007 号，轮到您办理对公业务了，请到 VIP 1 号柜台。' });
    expect(renderNotice('called', 'en', facts).body).toBe('B007: it is your turn for Business banking. Please go to counter VIP 1.');
    expect(renderNotice('near', 'zh', facts).body).toContain('您前面还有 3 位');
    expect(renderNotice('near', 'en', { ...facts, ahead: 1 }).body).toContain('1 person ahead');
    expect(renderNotice('near', 'en', { ...facts, ahead: 0 }).title).toBe('You are next (B007)');
    expect(renderNotice('recalled', 'en', facts).title).toBe('Called again: counter VIP 1');
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

import { describe, expect, it } from 'vitest';
import { NOTICE_DELIVERY, renderEmail, renderNotice, renderSms } from '../src/index.js';

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

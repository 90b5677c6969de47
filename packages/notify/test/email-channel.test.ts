/** Mail as the SMTP server receives it: the customer's language, a link, and an .ics attachment. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel, icsAttachment, renderNotice } from '../src/index.js';
import { startSmtpSink, type SmtpSink } from '../testing/index.js';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
});

const facts = { number: 'A023', service: { zh: '个人业务', en: 'Personal banking' }, counter: '3' };

describe('e-mail channel', () => {
  it('sends the notice in Chinese with a link to the phone page', async () => {
    const channel = createEmailChannel({ transport: sink.url, from: '"Tellerline" <notices@bank.example>' });
    const n = renderNotice('called', 'zh', facts);
    const r = await channel.send({ to: 'wang@bank.example', lang: 'zh', ...n, url: 'https://bank.example/t/tok', urgency: 'high', ttlSec: 120 });
    expect(r.status).toBe('sent');
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual(['wang@bank.example']);
    expect(mail!.subject).toBe('请到 3 号柜台（A023）');
    expect(mail!.text).toContain('A023 号，轮到您办理个人业务了，请到 3 号柜台。');
    expect(mail!.text).toContain('查看排队进度: https://bank.example/t/tok');
    expect(mail!.html).toContain('lang="zh-CN"');
    expect(mail!.headers['content-language']).toBe('zh-CN');
    channel.close();
  });

  it('sends English to an English speaker and attaches an .ics', async () => {
    const channel = createEmailChannel({ transport: sink.url, from: 'notices@bank.example' });
    const n = renderNotice('near', 'en', { ...facts, ahead: 2 });
    const ics = icsAttachment({ uid: 'appt-1@bank.example', start: Date.UTC(2026, 11, 1, 9, 30), end: Date.UTC(2026, 11, 1, 10), stamp: Date.UTC(2026, 10, 20), summary: 'Loans, Central branch' });
    const before = sink.mails.length;
    const r = await channel.send({ to: 'smith@bank.example', lang: 'en', ...n, urgency: 'normal', ttlSec: 300, ics });
    expect(r.status).toBe('sent');
    const mail = (await sink.waitFor(before + 1))[before]!;
    expect(mail.subject).toBe('Almost your turn (A023)');
    expect(mail.text).toContain('A023: 2 people ahead of you.');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('appointment.ics');
    expect(mail.attachments[0]!.contentType).toMatch(/^text\/calendar/);
    expect(mail.attachments[0]!.content).toContain('DTSTART:20261201T093000Z\r\n');
    channel.close();
  });
});

import { describe, expect, it } from 'vitest';
import { createLoggingSmsProvider } from '../src/index.js';

describe('the logging SMS provider', () => {
  it('logs the text with the number and the link tokens masked, and keeps the real text in its outbox', async () => {
    const lines: Record<string, unknown>[] = [];
    const sms = createLoggingSmsProvider((_line, fields) => lines.push(fields));
    const text = 'A012 is called. Follow it: https://bank.example/t/Ab3dEf9hIjKlMnOpQrStUv01 · manage: https://bank.example/a/ZyXw9876vuTsRqPo';
    await sms.send({ to: '+86 138 1234 5678', text, validitySec: 600 });
    expect(lines).toHaveLength(1);
    const logged = JSON.stringify(lines[0]);
    expect(logged).not.toContain('Ab3dEf9hIjKlMnOpQrStUv01');
    expect(logged).not.toContain('ZyXw9876vuTsRqPo');
    expect(logged).not.toContain('1234 5678');
    expect(lines[0]!.text).toBe('A012 is called. Follow it: https://bank.example/t/Ab3d… · manage: https://bank.example/a/ZyXw…');
    expect(sms.outbox[0]!.text).toBe(text);
  });

  it('masks the token of a consent confirmation link too (it gives a consent)', async () => {
    const lines: Record<string, unknown>[] = [];
    const sms = createLoggingSmsProvider((_line, fields) => lines.push(fields));
    await sms.send({ to: '+86 138 1234 5678', text: 'Confirm: https://bank.example/consent/Qw3rTy9hIjKlMnOpQrStUv01AbCd . If this was not you, ignore this message.', validitySec: 600 });
    expect(lines[0]!.text).toBe('Confirm: https://bank.example/consent/Qw3r… . If this was not you, ignore this message.');
  });
});

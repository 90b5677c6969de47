import { describe, expect, it } from 'vitest';
import { phoneManifest } from './phone-install.js';

describe('phone page manifest', () => {
  it('installs an app that opens the last followed ticket, scoped to ticket pages', () => {
    const m = phoneManifest('https://q.bank.cn', '智能排队 · 我的号码', '我的排队号');
    expect(m).toMatchObject({
      start_url: 'https://q.bank.cn/t/last',
      scope: 'https://q.bank.cn/t/',
      id: 'https://q.bank.cn/t/',
      display: 'standalone',
      short_name: '我的排队号',
    });
    // Absolute icon URL: a data: manifest has no base to resolve a relative one against.
    expect(m.icons).toEqual([expect.objectContaining({ src: 'https://q.bank.cn/icon.svg' })]);
  });
});

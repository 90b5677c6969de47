import { describe, expect, it } from 'vitest';
import { maskContacts } from '../src/usecases/comment-privacy.js';

describe('survey comments for managers: contact details masked, the rest kept', () => {
  it('masks a mainland mobile however it is written', () => {
    expect(maskContacts('我的电话13800138000')).toBe('我的电话138****8000');
    expect(maskContacts('请回电 138 0013 8000，谢谢')).toBe('请回电 138****8000，谢谢');
    expect(maskContacts('电话：138-0013-8000。')).toBe('电话：138****8000。');
    expect(maskContacts('手机１３８００１３８０００')).toBe('手机138****8000');
  });

  it('masks international and landline numbers, keeping the plus', () => {
    expect(maskContacts('Call me on +44 20 7946 0958 please')).toBe('Call me on +442*****0958 please');
    expect(maskContacts('+86 138 0013 8000')).toBe('+861******8000');
    expect(maskContacts('座机 (021) 6123-4567')).toBe('座机 021****4567');
    expect(maskContacts('office 6123 4567')).toBe('office ****4567');
  });

  it('masks e-mail addresses, keeping the first letter and the domain', () => {
    expect(maskContacts('write to kim.lee@mail.example.')).toBe('write to k••@mail.example.');
    expect(maskContacts('邮箱13800138000@163.com')).toBe('邮箱1••@163.com');
    expect(maskContacts('e-mail:Kim_Lee+bank@post.mail.example谢谢')).toBe('e-mail:K••@post.mail.example谢谢');
  });

  it('leaves short numbers, days and times alone', () => {
    const plain = '等了 25 分钟，2026-03-02 10:30 到的，第 3 号窗口，服务很好！排了 A023 号。';
    expect(maskContacts(plain)).toBe(plain);
    expect(maskContacts('')).toBe('');
  });
});

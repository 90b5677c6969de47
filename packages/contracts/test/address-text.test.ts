import { describe, expect, it } from 'vitest';
import { addressIn, addressLangIn } from '../src/address-text.js';

describe("a branch's address on a page in one language", () => {
  const both = { zh: '北京市西城区金融大街 1 号', en: '1 Financial Street, Beijing' };

  it("shows the page's language, else the other's, and says which one it shows", () => {
    expect([addressIn(both, 'zh'), addressLangIn(both, 'zh')]).toEqual([both.zh, 'zh']);
    expect([addressIn(both, 'en'), addressLangIn(both, 'en')]).toEqual([both.en, 'en']);
    // Only Chinese set: an English page shows it, marked as Chinese.
    expect([addressIn({ zh: both.zh, en: null }, 'en'), addressLangIn({ zh: both.zh, en: null }, 'en')]).toEqual([both.zh, 'zh']);
    expect([addressIn({ zh: null, en: both.en }, 'zh'), addressLangIn({ zh: null, en: both.en }, 'zh')]).toEqual([both.en, 'en']);
  });

  it('shows nothing, in no language, for a branch without one', () => {
    for (const a of [null, undefined, { zh: null, en: null }, { zh: '', en: '' }]) {
      expect(addressIn(a, 'zh')).toBeNull();
      expect(addressLangIn(a, 'en')).toBeNull();
    }
  });
});

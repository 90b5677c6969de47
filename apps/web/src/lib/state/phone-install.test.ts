import { describe, expect, it } from 'vitest';
import { phoneManifestUrl } from './phone-install.js';

describe('phone page manifest', () => {
  it("points at the server's manifest for this ticket, in the page's language, on this origin", () => {
    expect(phoneManifestUrl('AbC_123-xyzXYZ7890', 'zh')).toBe('/api/v1/tickets/AbC_123-xyzXYZ7890/manifest.webmanifest?lang=zh');
    expect(phoneManifestUrl('AbC_123-xyzXYZ7890', 'en')).toBe('/api/v1/tickets/AbC_123-xyzXYZ7890/manifest.webmanifest?lang=en');
  });
});

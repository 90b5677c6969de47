import { registerMessages } from '$lib/i18n/messages/index.js';
import { staffScreens } from '$lib/i18n/messages/staff-screens.js';

// Unit tests (vitest `setupFiles`) see every screen's words, as a staff screen does: the logic
// under test serves both. Which words a customer screen has is `route-words.test.ts`'s job.
registerMessages(staffScreens);

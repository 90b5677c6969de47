import { withWords } from '$lib/i18n/messages/index.js';
import { staffScreens } from '$lib/i18n/messages/staff-screens.js';

// The staff and manager screens' words are not in the customers' download: they come with /staff
// (a chunk fetched with this layout, not after it), registered before any of its screens renders,
// so `translate` stays synchronous.
export const load = withWords(staffScreens);

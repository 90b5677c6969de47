import { withWords } from '$lib/i18n/messages/index.js';
import { help } from '$lib/i18n/messages/help.js';
import { join } from '$lib/i18n/messages/join.js';

// The words of this screen, beyond the shared ones (`common`): its download carries no other screen's.
export const load = withWords(help, join);

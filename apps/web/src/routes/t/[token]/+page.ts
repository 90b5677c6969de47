import { withWords } from '$lib/i18n/messages/index.js';
import { help } from '$lib/i18n/messages/help.js';
import { kioskHours } from '$lib/i18n/messages/kiosk-hours.js';
import { phone } from '$lib/i18n/messages/phone.js';
import { phoneSurvey } from '$lib/i18n/messages/phone-survey.js';

// The words of this screen, beyond the shared ones (`common`): its download carries no other screen's.
export const load = withWords(phone, phoneSurvey, help, kioskHours);

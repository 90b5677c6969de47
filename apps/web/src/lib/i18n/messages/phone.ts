/** Words of the phone screen (zh and en must have the same keys: checked by a test). */
export const phone = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};

/** Words of the kiosk screen (zh and en must have the same keys: checked by a test). */
export const kiosk = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};

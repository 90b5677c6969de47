/** Words of the staff screen (zh and en must have the same keys: checked by a test). */
export const staff = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};

// No imports: the lobby screen (signage) takes this alone, without zod.

/**
 * Whether a counter's label is a plain number ("3", "12"): only then do screens and voices say
 * "3 号柜台" / "counter 3". Any other label ("一号窗", "VIP", "A") is said as it is ("请到 一号窗"),
 * which the messages do with their `.bare` variant (see the web's and signage's `translate`).
 */
export function isCounterNumber(label: string): boolean {
  return /^[0-9]+$/.test(label.trim());
}

/**
 * The message for a counter label: `key`, or `key.bare` for a label that is not a plain number
 * when the dictionary has that variant. `counter` (else `label`) in `params` is the label.
 */
export function counterMessageKey(key: string, params: Record<string, string | number>, has: (key: string) => boolean): string {
  const label = params.counter ?? params.label;
  if (typeof label !== 'string' || isCounterNumber(label)) return key;
  const bare = `${key}.bare`;
  return has(bare) ? bare : key;
}

/**
 * `record[key]` only when the record has that key itself. The state's records are plain objects
 * keyed by ids that arrive in commands, and ids come from untrusted callers: a service id of
 * "constructor" or "toString" must not find `Object.prototype`'s function and pass for a service.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

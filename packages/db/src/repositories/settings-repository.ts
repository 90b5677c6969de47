import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** Installation-wide settings shared by every node (JSON values). */
export interface SettingsRepository {
  get<T>(key: string): Promise<T | null>;
  /**
   * Stores `value` under `key` unless a value is there already, and returns the stored one: of
   * several nodes starting at once, the first writer wins and all of them read the same value.
   */
  putIfAbsent<T>(key: string, value: T): Promise<T>;
}

export function createSettingsRepository(prisma: PrismaClient): SettingsRepository {
  async function get<T>(key: string): Promise<T | null> {
    const row = await prisma.setting.findUnique({ where: { key } });
    return row ? (row.value as T) : null;
  }
  return {
    get,
    async putIfAbsent<T>(key: string, value: T): Promise<T> {
      await prisma.setting.createMany({ data: [{ key, value: value as Prisma.InputJsonValue }], skipDuplicates: true });
      return (await get<T>(key))!;
    },
  };
}

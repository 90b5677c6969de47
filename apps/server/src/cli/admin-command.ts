/** What `npm run admin` does on the database, given a parsed command and the password (see admin.ts). */
import { DisplayName, passwordProblem, PASSWORD_MIN_DISTINCT, PASSWORD_MIN_LENGTH, Username, type PasswordProblem } from '@tellerline/contracts';
import { hashPassword } from '../auth/passwords.js';
import type { DatabasePorts } from '../compose-db.js';
import type { Actor } from '../usecases/branch-commands.js';
import type { AdminCommand } from './admin-args.js';

/** Who the audit log names for what this command does: someone with the server's database at hand. */
export const ADMIN_CLI: Actor = { userId: null, role: 'system:admin-cli', ip: null, userAgent: null };

type AdminDb = Pick<DatabasePorts, 'team' | 'users' | 'passwords' | 'audit'>;

/** Carries out a parsed command; resolves with what to print, rejects with a message for the operator. */
export async function runAdminCommand(cmd: Exclude<AdminCommand, { command: 'help' }>, password: string, db: AdminDb, hash: (pw: string) => Promise<string> = hashPassword): Promise<string> {
  const problem = passwordProblem(password, { username: cmd.username });
  if (problem) throw new Error(adminPasswordMessage(problem));

  if (cmd.command === 'reset-password') {
    const user = await db.users.findByUsername(cmd.username);
    if (!user) throw new Error(`No account ${cmd.username} / 没有账号 ${cmd.username}`);
    // The operator typed this password themselves: no change is forced at the next sign-in.
    await db.passwords.setPassword(user.id, await hash(password), false);
    await db.audit.append({ ...ADMIN_CLI, action: 'reset-password', branchId: user.branchId, ticketId: null, details: { userId: user.id, username: user.username } });
    return `New password set for ${user.username} (sessions already open end at their timeout).\n已为 ${user.username} 设置新密码。`;
  }

  if (!Username.safeParse(cmd.username).success) throw new Error('A username has 3-32 lowercase letters, digits, . - _ (starting with a letter or digit) / 用户名为 3–32 个小写字母、数字或 . - _');
  const displayName = DisplayName.safeParse(cmd.displayName ?? cmd.username);
  if (!displayName.success) throw new Error('A display name has 1-60 characters / 姓名为 1–60 个字符');
  let created;
  try {
    created = await db.team.create({ username: cmd.username, passwordHash: await hash(password), role: 'admin', displayName: displayName.data, branchId: null, mustChangePassword: false, skills: null });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'USERNAME_TAKEN') throw new Error(`The username ${cmd.username} is taken / 用户名 ${cmd.username} 已被使用`);
    throw err;
  }
  await db.audit.append({ ...ADMIN_CLI, action: 'create-staff', branchId: null, ticketId: null, details: { userId: created.id, username: created.username, role: 'admin', displayName: created.displayName } });
  return `Administrator ${created.username} created: sign in at /staff/login.\n已创建管理员 ${created.username}，请在 /staff/login 登录。`;
}

/** The operator's reason a password is refused, in both languages. */
function adminPasswordMessage(problem: PasswordProblem): string {
  if (problem === 'too-short') return `The password needs at least ${PASSWORD_MIN_LENGTH} characters (spaces around it do not count) / 密码至少 ${PASSWORD_MIN_LENGTH} 个字符（首尾空格不计）`;
  if (problem === 'too-simple') return `The password needs at least ${PASSWORD_MIN_DISTINCT} different characters / 密码至少要有 ${PASSWORD_MIN_DISTINCT} 个不同的字符`;
  return `The password must not be the username or the demo password (${problem}) / 密码不能是用户名或演示密码`;
}

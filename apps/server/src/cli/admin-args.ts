/** What `npm run admin -- <command> ...` asked for. */
export type AdminCommand =
  | { command: 'create'; username: string; displayName: string | null }
  | { command: 'reset-password'; username: string }
  | { command: 'help' };

export const ADMIN_USAGE = `Usage:
  npm run admin -- create <username> [--display-name <name>]
      a new administrator (no branch); the password is asked for
  npm run admin -- reset-password <username>
      a new password for any account (e.g. the only administrator forgot theirs)

The password is read from TELLERLINE_ADMIN_PASSWORD, else typed (hidden, twice) on a terminal,
else the first line of standard input; never from the command line (it would stay in the shell's
history and show in the process list). At least 10 characters.
Database: DATABASE_URL (and DATABASE_SCHEMA), else the embedded PGlite under DATA_DIR (stop
Tellerline first: one process at a time).

用法：
  npm run admin -- create <用户名> [--display-name <姓名>]      新建管理员
  npm run admin -- reset-password <用户名>                      重设任一账号的密码
密码读取顺序：环境变量 TELLERLINE_ADMIN_PASSWORD、终端提示输入（两次）、标准输入的第一行；
不接受命令行参数。至少 10 个字符。`;

/** Parses the arguments after `--`; an Error's message says what is wrong (with the usage). */
export function parseAdminArgs(argv: readonly string[]): AdminCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (rest.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new Error('A password is never taken from the command line: set TELLERLINE_ADMIN_PASSWORD or type it when asked.');
  }
  const positional: string[] = [];
  let displayName: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--display-name') {
      const value = rest[++i];
      if (value === undefined) throw new Error('--display-name needs a value');
      displayName = value;
    } else if (a.startsWith('--display-name=')) displayName = a.slice('--display-name='.length);
    else if (a.startsWith('--')) throw new Error(`Unknown option ${a}`);
    else positional.push(a);
  }
  if (command !== 'create' && command !== 'reset-password') throw new Error(`Unknown command ${command}`);
  if (positional.length !== 1) throw new Error(`${command} takes one username`);
  const username = positional[0]!;
  if (command === 'reset-password') {
    if (displayName !== null) throw new Error('--display-name is for create only');
    return { command, username };
  }
  return { command, username, displayName };
}

import { describe, expect, it } from 'vitest';
import { parseAdminArgs } from '../src/cli/admin-args.js';

describe('npm run admin arguments', () => {
  it('reads create with an optional display name, reset-password, and help', () => {
    expect(parseAdminArgs(['create', 'root'])).toEqual({ command: 'create', username: 'root', displayName: null });
    expect(parseAdminArgs(['create', 'root', '--display-name', '系统 管理员'])).toEqual({ command: 'create', username: 'root', displayName: '系统 管理员' });
    expect(parseAdminArgs(['create', '--display-name=Root', 'root'])).toEqual({ command: 'create', username: 'root', displayName: 'Root' });
    expect(parseAdminArgs(['reset-password', 'alice'])).toEqual({ command: 'reset-password', username: 'alice' });
    expect(parseAdminArgs([])).toEqual({ command: 'help' });
    expect(parseAdminArgs(['--help'])).toEqual({ command: 'help' });
  });

  it('never takes a password as an argument, and says what else is wrong', () => {
    expect(() => parseAdminArgs(['create', 'root', '--password', 'x'])).toThrow(/never taken from the command line/);
    expect(() => parseAdminArgs(['create', 'root', '--password=x'])).toThrow(/never taken from the command line/);
    expect(() => parseAdminArgs(['create'])).toThrow(/one username/);
    expect(() => parseAdminArgs(['create', 'a', 'b'])).toThrow(/one username/);
    expect(() => parseAdminArgs(['create', 'root', '--display-name'])).toThrow(/needs a value/);
    expect(() => parseAdminArgs(['create', 'root', '--role', 'x'])).toThrow(/Unknown option --role/);
    expect(() => parseAdminArgs(['delete', 'root'])).toThrow(/Unknown command delete/);
    expect(() => parseAdminArgs(['reset-password', 'root', '--display-name', 'x'])).toThrow(/create only/);
  });
});

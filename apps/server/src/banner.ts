import type { Config } from './config.js';
import type { DemoSeed } from './compose-db.js';
import type { BranchProfile } from './usecases/ports.js';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "every day 00:00–23:59", or each day: "mon 09:00–17:00, ..., sun closed". */
export function hoursText(hours: DemoSeed['openingHours']): string {
  const day = (d: (typeof WEEK)[number]) => (hours[d].length ? hours[d].map((w) => `${w.open}–${w.close}`).join(' ') : 'closed 休息');
  const texts = WEEK.map(day);
  return texts.every((t) => t === texts[0]) ? `every day 每天 ${texts[0]}` : WEEK.map((d, i) => `${d} ${texts[i]}`).join(', ');
}

/** What `npm start` prints: where everything is, and how to sign in to the demo. */
export function banner(input: {
  config: Config;
  url: string;
  roles: string[];
  branches: BranchProfile[];
  demo: DemoSeed | null;
  redisUrl: string;
  dbKind: string;
  /** Nobody can administer the installation yet (no active admin): say how to create one. */
  noAdmin?: boolean;
}): string {
  const { url, demo } = input;
  const lines = [
    '',
    'Tellerline is running  /  Tellerline 已启动',
    `  roles:     ${input.roles.join(', ')}`,
    `  database:  ${input.dbKind}${input.dbKind === 'pglite' ? ` (${input.config.dataDir}/pglite)` : ''}`,
    `  redis:     ${input.redisUrl.replace(/\/\/[^@]*@/, '//***@')}`,
  ];
  if (!input.roles.includes('api') && !input.roles.includes('realtime')) {
    lines.push('', 'No HTTP in this process (roles without api/realtime)  /  本进程不提供 HTTP 服务', '');
    return lines.join('\n');
  }
  lines.push(
    '',
    'API and operations  /  接口与运维',
    `  API:          ${url}/api/v1`,
    `  OpenAPI:      ${url}/api/v1/openapi.json`,
    `  Health:       ${url}/healthz   ${url}/readyz`,
    `  Metrics:      ${url}/metrics`,
    `  Socket.IO:    ${url}/socket.io`,
    '',
    `Branches 网点管理 (admins 管理员): ${url}/staff/branches`,
    `Administrators 管理员账号 (admins 管理员): ${url}/staff/admins`,
    `Audit log, every branch 全部网点审计日志 (admins 管理员): ${url}/staff/audit`,
  );
  for (const b of input.branches) {
    lines.push('', `Branch  /  网点: ${b.name.zh} / ${b.name.en} (${b.id})`);
    lines.push(`  Staff panel 柜员工作台:   ${url}/staff`);
    lines.push(`  Booking rules 预约规则 (managers 经理): ${url}/staff/booking?branch=${b.id}`);
    lines.push(`  Kiosks and screens 取号机与大堂屏 (managers 经理): ${url}/staff/devices?branch=${b.id}`);
    lines.push(`  KPI reports 经营报表 (managers 经理): ${url}/staff/reports?branch=${b.id}`);
    lines.push(`  Team and skills 团队与技能 (managers 经理): ${url}/staff/team?branch=${b.id}`);
    lines.push(`  Set-up 网点设置 (managers 经理): ${url}/staff/setup?branch=${b.id}`);
    lines.push(`  Audit log 审计日志 (managers 经理): ${url}/staff/audit?branch=${b.id}`);
    lines.push(`  Booking 预约:            ${url}/book`);
    lines.push(`  Help assistant 常见问题助手: ${url}/help?branch=${encodeURIComponent(b.code)}`);
    if (demo && demo.branchId === b.id) {
      // Opening these once pairs the browser as the branch's kiosk / lobby screen.
      // A demo screen a manager paired again has no link here: its token was shown once, to them.
      const repaired = '(paired again under Devices 已在“设备”中重新配对)';
      lines.push(`  Kiosk 取号机:            ${demo.kioskToken ? `${url}/kiosk?device=${demo.kioskToken}` : repaired}`);
      lines.push(`  Lobby signage 大堂屏:    ${demo.signageToken ? `${url}/signage/?device=${demo.signageToken}` : repaired}`);
      // The kiosk refuses walk-in tickets outside the hours: say what they are, so a demo at night makes sense.
      lines.push(`  Hours 营业时间:          ${hoursText(demo.openingHours)} (${b.timezone}; walk-in tickets only then 仅此时间可取号)`);
    }
    lines.push(`  Customer phone page 手机页面: ${url}/t/<ticket token> (the kiosk ticket's QR code)`);
    lines.push(`  Queue (public API):  ${url}/api/v1/branches/${b.id}/queue`);
  }
  lines.push('', `My account (change my password) 我的账号（修改密码）: ${url}/staff/account`);
  if (input.noAdmin) {
    lines.push(
      '',
      'No administrator yet  /  还没有管理员账号',
      '  Create the first one; it asks for the password (or reads TELLERLINE_ADMIN_PASSWORD), never from the command line:',
      '  创建第一个管理员；密码在提示时输入（或读取 TELLERLINE_ADMIN_PASSWORD），不要写在命令行里：',
      '    npm run admin -- create <username> [--display-name "<name>"]',
    );
    if (input.dbKind === 'pglite') lines.push('  With the embedded database, stop Tellerline first  /  使用内置数据库时，请先停止 Tellerline');
  }
  if (demo) {
    lines.push('', 'Demo logins (change them before real use)  /  演示账号（正式使用前请修改）');
    for (const l of demo.logins) lines.push(`  ${l.username.padEnd(10)} ${l.password.padEnd(14)} ${l.role.padEnd(8)} ${l.skills}`);
  }
  lines.push('');
  return lines.join('\n');
}

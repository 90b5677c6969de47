/**
 * Every word the lobby screen shows or says. Signage is bilingual by nature: both languages
 * are on screen at once (Chinese first), so there is no language switch and no locale state.
 */
export const messages = {
  zh: {
    'screen.title': '叫号显示屏',
    'pairing.missing': '此屏幕尚未配对',
    'pairing.missingHint': '请在网址后加上 ?device=设备令牌 打开一次。',
    'pairing.rejected': '此屏幕的配对已失效',
    'pairing.rejectedHint': '请联系网点管理员重新配对。正在自动重试…',
    'status.offline': '网络已断开，正在重新连接…',
    'status.connecting': '正在连接…',
    'call.now': '现在叫号',
    'call.ticket': '号码',
    'call.counter': '柜台',
    'call.goTo': '请到 {counter} 号柜台',
    'call.recall': '再次呼叫',
    'call.none': '等待叫号',
    'recent.title': '最近叫号',
    'recent.empty': '暂无叫号',
    'recent.counter': '{counter} 号柜台',
    'services.title': '排队情况',
    'services.waiting': '{n} 人等候',
    'wait.range': '约 {low}–{high} 分钟',
    'wait.none': '无需等候',
    'wait.noStaff': '暂无可办理人员',
    'sound.blocked': '点击屏幕以启用声音',
    'speech.call': '请 {number} 号到 {counter} 号柜台',
    'speech.recall': '再次呼叫，请 {number} 号到 {counter} 号柜台',
    'notice.watch': '请留意屏幕和语音叫号，过号需重新取号。',
    'notice.phone': '扫描取号小票上的二维码，可在手机上查看排队进度。',
    'notice.privacy': '请保管好您的银行卡和密码，工作人员不会向您索要密码。',
    'notice.help': '如需帮助，请咨询大堂经理。',
  },
  en: {
    'screen.title': 'Lobby display',
    'pairing.missing': 'This screen is not paired',
    'pairing.missingHint': 'Open it once with ?device=<device token> in the address.',
    'pairing.rejected': 'This screen’s pairing is no longer valid',
    'pairing.rejectedHint': 'Ask the branch administrator to pair it again. Retrying…',
    'status.offline': 'Offline — reconnecting…',
    'status.connecting': 'Connecting…',
    'call.now': 'Now calling',
    'call.ticket': 'Ticket',
    'call.counter': 'Counter',
    'call.goTo': 'Please go to counter {counter}',
    'call.recall': 'Calling again',
    'call.none': 'Waiting for the first call',
    'recent.title': 'Recent calls',
    'recent.empty': 'No calls yet',
    'recent.counter': 'Counter {counter}',
    'services.title': 'Queue',
    'services.waiting': '{n} waiting',
    'wait.range': 'about {low}–{high} min',
    'wait.none': 'No wait',
    'wait.noStaff': 'No staff available right now',
    'sound.blocked': 'Tap the screen to enable sound',
    'speech.call': 'Ticket {spelled}, please go to counter {counter}',
    'speech.recall': 'Calling again: ticket {spelled}, please go to counter {counter}',
    'notice.watch': 'Please watch the screen and listen for your number; a missed number needs a new ticket.',
    'notice.phone': 'Scan the QR code on your ticket to follow your place on your phone.',
    'notice.privacy': 'Keep your card and PIN safe: our staff will never ask for your PIN.',
    'notice.help': 'Need help? Please ask our lobby manager.',
  },
} as const satisfies Record<'zh' | 'en', Record<string, string>>;

export type Lang = keyof typeof messages;
export type MessageKey = keyof typeof messages.zh;

/** The rotating notices of the media area, in display order. */
export const NOTICES: readonly MessageKey[] = ['notice.watch', 'notice.phone', 'notice.privacy', 'notice.help'];

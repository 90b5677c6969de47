import type { AssistantIntent } from '@tellerline/contracts';

/**
 * The words that point at each topic, in both languages, with a weight: 3 names the topic
 * outright ("过号", "reschedule"), 2 is a strong hint ("wait", "营业"), 1 only leans ("now",
 * "时间"). English cues are written stemmed ("document", not "documents"); a space separates the
 * words of a phrase. Chinese cues are found as substrings (Chinese has no spaces). A "…" in a
 * cue lets other words come between its parts, in order ("改…时间" finds 改时间, 改预约时间 and
 * 改一下预约的时间; "how long … take" finds "how long does a loan appointment take").
 *
 * Why a table and not a model: the branches are air-gapped, and a table can be read, extended
 * and tested by the people who run them.
 */
export interface Cue {
  en: Record<string, number>;
  zh: Record<string, number>;
}

/** Topics found by INTENT_CUES; 'out-of-scope' has its own cues (out-of-scope.ts) and rule. */
export type MatchedIntent = Exclude<AssistantIntent, 'service' | 'ticket' | 'out-of-scope' | 'fallback'>;

export const INTENT_CUES: Record<MatchedIntent, Cue> = {
  hours: {
    en: {
      open: 2, opening: 2, close: 2, closing: 2, closed: 2, hour: 2, 'business hour': 3, 'opening time': 3, holiday: 3, weekend: 2,
      monday: 1, tuesday: 1, wednesday: 1, thursday: 1, friday: 1, saturday: 2, sunday: 2, today: 1, tomorrow: 1, 'what time': 2, schedule: 1,
    },
    zh: {
      营业时间: 3, 营业: 2, 几点: 2, 开门: 3, 关门: 3, 上班: 2, 下班: 2, 节假日: 3, 假期: 2, 放假: 3, 周末: 2, 周六: 2, 周日: 2, 星期: 2,
      礼拜: 2, 休息: 2, 开放: 2, 几时: 2, 国庆: 2, 春节: 2, 过年: 2, 时间: 1, 今天: 1, 明天: 1, 开着: 2, 开到: 2,
    },
  },
  address: {
    en: {
      // A bare "where is" is as often about something inside the branch (the toilet, the help
      // desk) as about the branch: it leans, the branch or "it" decides.
      address: 3, 'where is': 1, 'where is the branch': 3, 'where is your branch': 3, 'where is the bank': 3, 'where is your bank': 3, 'where is it': 3, 'where are you': 3, located: 3, location: 3, directions: 3, direction: 2, 'how do i get': 3, 'get there': 3, 'find you': 3,
      street: 2, map: 2, subway: 2, metro: 2, bus: 1,
    },
    zh: { 地址: 3, 在哪: 1, 网点在哪: 3, 银行在哪: 3, 支行在哪: 3, 你们在哪: 3, 怎么去: 3, 怎么走: 3, 位置: 3, 地点: 3, 路线: 3, 导航: 3, 哪条街: 3, 地铁: 2, 公交: 2, 坐车: 2 },
  },
  documents: {
    en: {
      document: 3, bring: 2, paper: 2, paperwork: 3, require: 2, requirement: 2, id: 2, 'id card': 3, passport: 2, identification: 3,
      certificate: 2, 'what do i need': 3, need: 1, prepare: 1, materials: 2, proof: 2, account: 1,
      // Documents asked about by name ("Do I need my bank card?"): see document-yes-no.ts.
      'bank card': 2, passbook: 2, 'residence permit': 2, 'household register': 2, licence: 2, license: 2,
    },
    zh: {
      材料: 3, 证件: 3, 带什么: 3, 需要带: 3, 要带: 3, 资料: 3, 身份证: 3, 文件: 2, 手续: 2, 证明: 2, 营业执照: 4, 护照: 2, 户口本: 2, 准备: 1, 需要: 1, 需要什么: 2, 开户: 1,
      银行卡: 2, 存折: 2, 通行证: 2, 居住证: 2, 户口簿: 2, 公章: 2, 驾驶证: 2,
    },
  },
  waits: {
    en: {
      wait: 2, queue: 2, 'how long': 2, 'be served': 2, 'get served': 2, busy: 2, crowded: 2, ahead: 2, line: 2, 'how many people': 3, 'people waiting': 3, people: 1, now: 1, current: 1, currently: 1,
    },
    zh: {
      排队: 3, 等多久: 3, 等待: 2, 等候: 2, 要等: 3, 多少人: 3, 几个人: 3, 人多: 2, 几人: 2, 排多久: 3, 多长时间: 2, 前面: 2, 等几分钟: 3, 现在: 1, 目前: 1, 久吗: 2,
    },
  },
  booking: {
    en: { book: 2, appointment: 2, reserve: 2, reservation: 2, 'make an appointment': 3, online: 1, slot: 2 },
    zh: { 预约: 2, 预订: 2, 约号: 2, 网上: 1, 挂号: 2 },
  },
  'change-booking': {
    en: {
      cancel: 3, reschedule: 3, postpone: 3, rebook: 3, modify: 2, change: 1, move: 1, 'another time': 2, 'different time': 2, 'another day': 2, 'manage my': 2, 'manage link': 3,
    },
    zh: {
      取消: 3, 改期: 3, 改约: 3, '改…时间': 3, '改…预约': 3, '预约…改': 3, 更改: 2, 修改: 2, '换…时间': 3, '换…预约': 3, '调…时间': 3, 推迟: 3, 延期: 3, 改到: 2,
      改天: 2, 不去了: 2, 退约: 3,
    },
  },
  'my-booking': {
    // When one's own booking is: "when"/"what time" and "my appointment" together, in that order,
    // so "what time do you open" stays hours and "when is my turn" notifications.
    en: {
      'when … my appointment': 3, 'what time … my appointment': 3, 'what day … my appointment': 3, 'when … my book': 3, 'what time … my book': 3, 'what day … my book': 3,
      'when … my reservation': 3, 'what time … my reservation': 3, 'my appointment … when': 3, 'my appointment … what time': 3, 'forgot … my appointment': 2,
    },
    zh: { 我的预约: 2, '预约…几点': 3, '预约…哪天': 3, '预约…什么时候': 3, '预约…几号': 3, '我约…几点': 3, 我预约的: 2, 我约的: 2, 预约时间是: 3, '忘了…预约': 2 },
  },
  'check-in': {
    en: {
      'check in': 3, checkin: 3, code: 2, kiosk: 3, arrive: 2, arrived: 2, 'i am here': 3, 'im here': 3, machine: 1, 'take a ticket': 2, 'get a ticket': 2, 'get a number': 2,
      'take a number': 2, 'qr code': 2, scan: 2, type: 1, 'ticket machine': 3,
    },
    zh: { 签到: 3, 签到码: 3, 取号机: 3, 取号: 2, 到达: 2, 到了: 1, 输入: 1, 预约码: 3, 二维码: 2, 扫码: 2, 机器: 1, 在哪输: 2, 到了怎么办: 3, 到网点: 2 },
  },
  priority: {
    en: {
      priority: 3, elderly: 3, senior: 2, old: 1, disabled: 3, disability: 3, pregnant: 3, wheelchair: 3, vip: 3, 'special need': 3, veteran: 2, handicapped: 3,
      'go first': 2, 'skip the line': 3, 'skip the queue': 3, 'jump the queue': 3, 'jump the line': 3, 'cut the line': 3, 'cut in line': 3, 'served first': 2,
      'year old': 2, 'senior citizen': 3, 'old age': 3, blind: 2, deaf: 2, crutch: 2,
    },
    zh: {
      优先: 3, 老人: 3, 老年: 3, 年纪大: 3, 岁数大: 3, 高龄: 3, 残疾: 3, 残障: 3, 孕妇: 3, 怀孕: 3, 轮椅: 3, 绿色通道: 3, 军人: 3, 行动不便: 3, 插队: 2, 先办: 2,
      爱心窗口: 3, 贵宾: 3, 特殊: 1, 岁: 1,
    },
  },
  'missed-call': {
    en: {
      missed: 3, miss: 2, 'was called': 2, 'been called': 2, 'didnt hear': 3, 'did not hear': 3, skipped: 3, passed: 1, late: 1, 'too late': 2, 'no show': 3, 'was late': 2, 'late for': 2,
      'wasnt there': 2, 'was not there': 2, 'number called': 2, 'called my number': 3,
    },
    zh: { 过号: 3, 错过: 3, 没听到: 3, 没听见: 3, 叫过了: 3, 已叫: 2, 漏叫: 3, 没赶上: 3, 迟到: 2, 跳过: 2, 叫号: 1, 不在: 1, 过了号: 3, 号过了: 3 },
  },
  'late-booking': {
    en: {
      'running late': 3, 'be late': 3, 'minute late': 3, 'min late': 3, 'hour late': 3, 'bit late': 3, 'little late': 3, 'arrive late': 3, 'come late': 3,
      'stuck in traffic': 3, traffic: 1, delay: 2, 'late arrival': 3, late: 1,
    },
    zh: { 来晚: 3, 晚到: 3, 晚点到: 3, 晚点来: 3, '晚…分钟': 3, 晚一会: 3, 迟到: 2, 赶不上: 2, 赶不及: 2, 来不及: 2, 堵车: 2, '过了…预约时间': 3, 晚了: 1 },
  },
  duration: {
    en: {
      duration: 3, 'how long … take': 3, 'how long … last': 3, 'how much time … need': 2, 'how long': 1, length: 2, 'how much time': 1,
    },
    zh: { 时长: 3, '办…多久': 2, '办…多长时间': 2, 办完: 2, 多久: 1, 多长时间: 1, '一次…多久': 2 },
  },
  notifications: {
    en: {
      notify: 3, notification: 3, alert: 3, sms: 3, 'text message': 3, text: 1, push: 2, remind: 3, reminder: 3, 'let me know': 2, 'tell me when': 2, message: 1,
      'my turn': 2, 'web push': 3,
    },
    zh: { 通知: 3, 提醒: 3, 短信: 3, 推送: 3, 消息: 2, 告诉我: 2, 到号提醒: 3, 轮到我: 2, 叫到我时: 2 },
  },
  staff: {
    en: {
      person: 2, human: 3, staff: 2, agent: 2, someone: 2, talk: 2, speak: 2, 'real person': 3, manager: 2, representative: 3, operator: 2, clerk: 2, teller: 2,
      complain: 3, complaint: 3, 'help desk': 3, reception: 2, receptionist: 3, 'customer service': 3, help: 1,
    },
    zh: { 人工: 3, 工作人员: 3, 客服: 3, 柜员: 2, 大堂经理: 3, 真人: 3, 找人: 2, 投诉: 3, 服务台: 3, 咨询台: 3, 前台: 3, 经理: 2, 说话: 1, 帮忙: 1 },
  },
  greeting: {
    en: { hello: 2, hi: 2, hey: 2, thank: 2, thanks: 2, 'good morning': 2, 'good afternoon': 2 },
    zh: { 你好: 2, 您好: 2, 谢谢: 2, 在吗: 2, 早上好: 2, 下午好: 2, 嗨: 2 },
  },
};

/**
 * Questions that are only "where?" ("在哪里？", "在哪", "where are you?"): with nothing else named,
 * the "where" is the branch's. Compared with the question stripped of punctuation, spaces, a
 * polite 请问 / 你好 in front and a particle (呢, 啊, 呀) at the end.
 */
export const BARE_WHERE: readonly string[] = ['在哪', '在哪里', '在哪儿', '在什么地方', '在什么位置', '哪里', '哪儿', 'where', 'where is it', 'where are you'];

/**
 * Chinese words that contain a cue's characters without meaning it: 兑换 (exchange) is not 换
 * (changing a booking), so "外币兑换时间" is not "换…时间". They are masked before cues are read.
 */
export const NOT_CUES_ZH: readonly string[] = ['兑换'];

/**
 * When two topics score the same, the more specific one wins: "cancel my appointment" is about
 * changing a booking rather than booking, "I missed my appointment" about a missed call.
 */
export const INTENT_ORDER: readonly MatchedIntent[] = [
  'change-booking',
  'missed-call',
  'late-booking',
  'check-in',
  'priority',
  'notifications',
  'documents',
  'waits',
  'duration',
  'hours',
  // After hours: "明天预约几点有空" (a day and 几点) is about opening, not one's own booking.
  'my-booking',
  'booking',
  'staff',
  // "Where is" said of something in the branch (工作人员在哪, the help desk) is about it, not the address.
  'address',
  'greeting',
];

/**
 * Words naming a service in other ways than its own name ("mortgage" for loans, "取钱" for cash),
 * mapped to words its name is likely to contain. Only used to find which of the branch's own
 * services a question means; a word for a service the branch does not have finds nothing.
 */
export const SERVICE_SYNONYMS: { en: Record<string, string[]>; zh: Record<string, string[]> } = {
  en: {
    mortgage: ['loan'], credit: ['loan'], borrow: ['loan'], withdraw: ['cash'], withdrawal: ['cash'], deposit: ['cash'], money: ['cash'],
    invest: ['wealth'], investment: ['wealth'], fund: ['wealth'], company: ['business'], corporate: ['business'], currency: ['foreign', 'exchange'],
    fx: ['foreign', 'exchange'], forex: ['foreign', 'exchange'],
  },
  zh: {
    房贷: ['贷款'], 车贷: ['贷款'], 借钱: ['贷款'], 取钱: ['现金'], 存钱: ['现金'], 取款: ['现金'], 存款: ['现金'], 投资: ['理财'], 基金: ['理财'],
    公司: ['对公'], 企业: ['对公'], 换汇: ['外汇'], 换钱: ['外汇'], 外币: ['外汇'], 美元: ['外汇'],
  },
};

/** Words in service names that do not tell services apart. */
export const GENERIC_NAME_WORDS = {
  en: new Set(['banking', 'bank', 'service', 'personal', 'account', 'consultation', 'counter', 'and', 'the', 'of', 'for']),
  zh: ['业务', '咨询', '服务', '个人', '办理', '窗口'],
};

/**
 * Topics a question with a ticket number in it ("A001叫到了吗") keeps; any other is answered by how
 * to follow one's own ticket, since the assistant cannot tell anything about a number.
 */
export const TICKET_KEEPS: readonly MatchedIntent[] = ['missed-call', 'change-booking', 'priority', 'documents'];

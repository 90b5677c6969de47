import type { AssistantIntent } from '@tellerline/contracts';
import { weekdayOf, type Weekday } from '@tellerline/engine';
import type { DocumentVerdict } from './document-yes-no.js';

/**
 * The assistant's sentences in Simplified Chinese and English. The kiosk's button labels are
 * quoted as the kiosk shows them ("我有预约" / "I have an appointment"), so a customer finds them.
 */
export interface AnswerTexts {
  weekday: Record<Weekday, string>;
  /** A local date 'YYYY-MM-DD' as people say it, with its weekday; with its year when that is not `thisYear`. */
  day(date: string, weekday: Weekday, thisYear?: string): string;
  /** A closure's days ('YYYY-MM-DD'): one day, or from one to another; years as in `day`. */
  dates(from: string, until: string | null, thisYear: string): string;
  /** A month and day without weekday or year ("3月4日", "4 Mar"): one reading of a date. */
  monthDay(month: number, day: number): string;
  /** A closure's days with the reason the manager gave, if any. */
  withReason(text: string, reason: string | null): string;
  list(items: readonly string[]): string;
  service(name: string, code: string): string;
  hours: {
    openToday(branch: string, day: string, windows: string): string;
    closedToday(branch: string, day: string, reason: string | null): string;
    openNow: string;
    closedNow: string;
    /** Before opening, in the early window: the doors open at `opensAt`, the kiosk already issues tickets. */
    opensSoon(opensAt: string): string;
    /** Closed now, the kiosk already issuing for the opening on `day` at `opensAt` (another day than today). */
    issuingFor(day: string, opensAt: string): string;
    next(day: string, windows: string): string;
    noneSoon: string;
    closureSoon(day: string, reason: string | null): string;
    upcoming(dates: string): string;
    partly(day: string, windows: string, reason: string | null): string;
    /** A day the question named ("周日", "tomorrow"); `offset`: days from today. */
    openOn(branch: string, day: string, offset: number, windows: string): string;
    closedOn(branch: string, day: string, offset: number, reason: string | null): string;
    /** Closed both days of the weekend asked; `days`: its Saturday and Sunday (with any reason). */
    closedWeekend(branch: string, days: string): string;
    /**
     * A yes/no question about a day's opening ("周六营业吗？"): the answer first, then `sentence`
     * (its hours, or why not). `open`: 'done' when open today but not any more. `asked`: what a
     * yes means in the question ("Are you closed on Sunday?" asks 'closed').
     */
    verdict(open: 'yes' | 'no' | 'done', asked: 'open' | 'closed', sentence: string): string;
    /** The day named is before today ("这周一" asked on a Friday): today's hours follow. */
    passed(day: string): string;
    /** A holiday named (元旦, Christmas) the branch entered no closure for: the usual hours hold. */
    usualOnHoliday: string;
    /** The day named cannot be told: a holiday whose date moves (春节), an ambiguous or impossible date. */
    movingHoliday(said: string): string;
    ambiguousDate(said: string, readings: readonly string[]): string;
    noSuchDate(said: string): string;
    /** A day more than a year ahead: its hours are not settled. */
    tooFar(day: string): string;
    closuresEntered(dates: string): string;
    noClosuresEntered: string;
    askWithDate: string;
  };
  documents: {
    forService(service: string, docs: string): string;
    none(service: string): string;
    intro: string;
    originals: string;
    /**
     * A yes/no question about one document, the same answer for every service asked about: 'yes'
     * (listed), 'either' (listed with another choice, or another ID will do: `instead`, the
     * list's line(s) that will, when one service was asked about), 'no' (not listed), 'other-id'
     * (a proof of identity not listed where the list names another kind, `instead`: not listed,
     * that is what it asks for, the counter for anyone without it).
     * `identity`: the document proves who one is.
     */
    verdict(verdict: DocumentVerdict, instead: string | null, identity: boolean): string;
    /** The services' lists answer it differently: this, then each service's line after its own word (`each`). */
    depends: string;
    each(verdict: DocumentVerdict, line: string): string;
    /** After the lists when some service's verdict was 'other-id' (they differ): ask at the counter. */
    otherIdCounter: string;
  };
  waits: {
    notOpen: string;
    /** The branch is closed all today (holiday, closure, or no hours on this weekday). */
    closedToday(branch: string, day: string, reason: string | null): string;
    /** Outside today's opening hours, or in a closure for part of the day. */
    closedNow(branch: string, reason: string | null): string;
    /** Before opening, in the early window: a ticket can be taken now. */
    early(branch: string, opensAt: string): string;
    askLater: string;
    line(service: string, waiting: number, low: number, high: number): string;
    /** Nobody signed on can serve the service now: a ticket can be taken, but no wait is promised. */
    noStaff(service: string, waiting: number): string;
    appointmentOnly(service: string): string;
    hint: string;
  };
  address: {
    /** Where the branch is. */
    at(branch: string, address: string): string;
    /** No address entered for the branch: where to ask instead. */
    unknown(branch: string): string;
  };
  booking(enabled: boolean, services: string, remoteQueue: boolean): string;
  /** Most services need no booking; those by appointment only are named. */
  walkIn(appointmentOnly: string | null): string;
  changeBooking: string;
  /** Where to see one's own booking: the assistant looks nobody's booking up. */
  myBooking: string;
  checkIn(early: number, late: number): string;
  priority: string;
  missedCall(minutes: number, lateMin: number): string;
  /** Late for a booking: check-in stays open `lateMin` after the booked time, then the booking is missed. */
  lateBooking(lateMin: number): string;
  duration: {
    intro: string;
    forService(service: string, minutes: number): string;
    atCounter: string;
  };
  notifications: string;
  /** About one ticket number: the assistant cannot look it up; the ticket's own page tells. */
  ticket(number: string): string;
  ticketCalled(minutes: number): string;
  staff: string;
  /** Rates, fees, limits, amounts, balances, one's account: not known here; where to ask, what is. */
  outOfScope: string;
  greeting: string;
  fallback: string;
  /** One question per topic, as the buttons offer them (each is understood as its topic). */
  suggestions: Partial<Record<AssistantIntent, string>>;
}

const pad2 = (s: string) => String(Number(s));

export const ANSWER_TEXTS: Record<'zh' | 'en', AnswerTexts> = {
  zh: {
    weekday: { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
    day(date, weekday, thisYear) {
      const [y, m, d] = date.split('-');
      return `${thisYear && y !== thisYear ? `${y}年` : ''}${pad2(m!)}月${pad2(d!)}日 ${this.weekday[weekday]}`;
    },
    dates(from, until, thisYear) {
      const first = this.day(from, weekdayOf(from), thisYear);
      // The second date's year only when it is not the first one's: "2027年1月1日 周五–1月3日 周日".
      return until && until !== from ? `${first}–${this.day(until, weekdayOf(until), from.slice(0, 4))}` : first;
    },
    monthDay: (month, day) => `${month}月${day}日`,
    withReason: (text, reason) => `${text}${reason ? `（${reason}）` : ''}`,
    list: (items) => items.join('、'),
    service: (name, code) => `${name}（${code}）`,
    hours: {
      openToday: (branch, day, windows) => `${branch}今天（${day}）的营业时间：${windows}。`,
      closedToday: (branch, day, reason) => `${branch}今天（${day}）不营业${reason ? `（${reason}）` : ''}。`,
      openNow: '现在正在营业。',
      closedNow: '现在不在营业时间内。',
      opensSoon: (opensAt) => `现在还没开门，${opensAt} 开门；取号机已经开始取号，现在就可以取号。`,
      issuingFor: (day, opensAt) => `下次营业：${day} ${opensAt} 开门；取号机已经开始为这次营业取号，现在就可以取号。`,
      next: (day, windows) => `下次营业：${day} ${windows}。`,
      noneSoon: '未来一周都不营业，请留意网点通知。',
      closureSoon: (day, reason) => `请注意：${day} 休息${reason ? `（${reason}）` : ''}。`,
      upcoming: (dates) => `之后的休息日：${dates}。`,
      partly: (day, windows, reason) => `请注意：${day} 只在 ${windows} 营业${reason ? `（${reason}）` : ''}。`,
      openOn: (branch, day, offset, windows) => `${branch}${zhRelative(offset, day)}的营业时间：${windows}。`,
      closedOn: (branch, day, offset, reason) => `${branch}${zhRelative(offset, day)}不营业${reason ? `（${reason}）` : ''}。`,
      closedWeekend: (branch, days) => `${branch}周末（${days}）不营业。`,
      // 营业/不营业 answer "营业吗" and "放假吗" alike.
      verdict: (open, _asked, sentence) => `${open === 'yes' ? '营业。' : open === 'no' ? '不营业。' : '今天已结束营业。'}${sentence}`,
      passed: (day) => `${day}已经过去了。下面是今天的营业时间。`,
      usualOnHoliday: '这是平常的营业时间：网点没有登记这一天的节假日安排。节假日安排可能调整，请留意网点通知。',
      movingHoliday: (said) => `${said}每年的日期都不一样，我没办法确定您问的是哪一天，所以不能回答那天是否营业。`,
      ambiguousDate: (said, readings) => `"${said}"可能是${readings.join('，也可能是')}，我不能确定您问的是哪一天。`,
      noSuchDate: (said) => `没有"${said}"这一天，请检查日期。`,
      tooFar: (day) => `${day}离现在太远了，我只能回答一年之内的营业时间。`,
      closuresEntered: (dates) => `网点登记的休息日：${dates}。`,
      noClosuresEntered: '网点没有登记接下来的休息日。',
      askWithDate: '请告诉我具体日期（例如"2月17日营业吗"），我就可以回答那天的营业时间。',
    },
    documents: {
      forService: (service, docs) => `办理${service}请携带：${docs}。`,
      none: (service) => `办理${service}没有列出需要特别准备的材料，请携带本人有效身份证件。`,
      intro: '各项业务需要携带的材料：',
      originals: '请携带原件。不确定时，可以咨询大堂工作人员。',
      verdict: (verdict, instead, identity) =>
        verdict === 'yes'
          ? '需要。'
          : verdict === 'no'
            ? '不需要：清单上没有这一项。'
            : verdict === 'other-id'
              ? `清单上没有这一项${instead ? `，列出的身份证明是：${instead}` : '，各项业务列出的身份证明见下面'}。没有的话（例如外籍客户），请到柜台咨询可以用什么证件办理。`
              : instead
              ? `不一定：带${instead}就可以。`
              : identity
                ? '不一定：其他有效身份证件也可以，见下面各项业务的清单。'
                : '不一定：清单同一项里的其他材料也可以，见下面。',
      depends: '要看办理什么业务：',
      each: (verdict, line) => `${verdict === 'yes' ? '需要' : verdict === 'no' ? '不需要' : verdict === 'other-id' ? '清单上没有' : '不一定'}：${line}`,
      otherIdCounter: '清单上没有您问的证件、也没有列出的身份证明的话（例如外籍客户），请到柜台咨询可以用什么证件办理。',
    },
    waits: {
      notOpen: '网点排队现在没有开放，暂时没有等候信息。请在营业时间再问。',
      closedToday: (branch, day, reason) => `${branch}今天（${day}）不营业${reason ? `（${reason}）` : ''}，现在不能取号排队。`,
      closedNow: (branch, reason) => `${branch}现在不在营业时间内${reason ? `（${reason}）` : ''}，现在不能取号排队。`,
      early: (branch, opensAt) => `${branch}将于 ${opensAt} 开门，取号机已经开始取号，现在就可以取号排队。`,
      askLater: '营业后再问，可以知道那时的等候时间。',
      line: (service, waiting, low, high) =>
        waiting === 0 && high <= 0 ? `${service}：现在没有人等候，取号后很快就能办理。` : `${service}：${waiting} 人等候，现在取号${newTicketWaitZh(low, high)}。`,
      noStaff: (service, waiting) => `${service}：${waiting} 人等候，现在暂无可办理的工作人员，无法估计等候时间；仍可取号。`,
      appointmentOnly: (service) => `${service}：仅限预约，请先预约。`,
      hint: '这是根据当前排队情况的估计，实际时间可能不同。取号后，可以在手机上查看自己的排队位置。',
    },
    address: {
      at: (branch, address) => `${branch}的地址：${address}。`,
      unknown: (branch) => `抱歉，这里还没有登记${branch}的地址。请询问网点工作人员，或查看您的预约确认信息。`,
    },
    booking: (enabled, services, remoteQueue) =>
      (enabled
        ? `可以在网上预约：打开本网站的预约页面（/book），选择业务、日期和时间，留下手机号或邮箱即可。可预约的业务：${services}。预约成功后，确认信息里有签到码和管理预约的链接。`
        : '本网点暂不提供网上预约，请到网点后在取号机上取号。') + (remoteQueue ? '也可以在到达前用手机远程排队。' : ''),
    walkIn: (appointmentOnly) => `不预约也可以：到网点后在取号机上取号排队即可${appointmentOnly ? `（${appointmentOnly}仅限预约）` : ''}。`,
    changeBooking:
      '打开预约确认短信或邮件里的链接（管理预约页面），就可以改到其他空闲时间，或者取消预约。找不到链接时，请带上身份证件咨询网点工作人员。已经取了排队号（没有预约）的话，可以在手机上的排队页面取消。',
    myBooking:
      '您预约的日期、时间和网点写在预约确认短信或邮件里；打开其中的链接（管理预约页面）也能随时查看，并可以改期或取消。我无法查询个人的预约。找不到确认信息时，请带上身份证件咨询网点工作人员。',
    checkIn: (early, late) =>
      `预约确认信息里有 6 位的签到码。到网点后，在取号机上点"我有预约"，输入签到码，或者把预约二维码对准扫描口。预约时间前 ${early} 分钟开始可以签到，预约时间后 ${late} 分钟签到截止。没有预约的话，在取号机上点"点此取号"，选择业务即可。`,
    priority:
      '老年人、孕妇、残障人士等有需要的客户可以优先办理。是否符合条件由网点工作人员确认：请直接咨询大堂工作人员，由他们为您取优先号。',
    missedCall: (minutes, lateMin) =>
      `如果叫到您的号时您不在，请马上到叫号的柜台，或告诉大堂工作人员，他们可以重新叫号。叫号 ${minutes} 分钟后仍未到柜台，号码会作废，需要在取号机上重新取号。预约迟到的话，预约时间后 ${lateMin} 分钟内仍可在取号机上签到，之后请重新取号。`,
    lateBooking: (late) =>
      `${
        late > 0
          ? `预约时间过后 ${late} 分钟内，仍然可以在取号机上点"我有预约"，输入签到码签到；来得越晚，可能要等得越久。超过 ${late} 分钟，这次预约就算未到，签到码不能再用，`
          : '预约时间一到，签到就截止了：迟到的话，这次预约就算未到，签到码不能再用，'
      }请在取号机上点"点此取号"，重新取号排队。如果知道赶不上，请先打开预约确认信息里的链接改约或取消。`,
    duration: {
      intro: '各项业务在柜台办理大约需要的时间（也就是预约时段的长度）：',
      forService: (service, minutes) => `${service}：大约 ${minutes} 分钟。`,
      atCounter: '这是在柜台办理的时间，不包括排队等候的时间。',
    },
    notifications:
      '取号后，用手机打开号票上的链接或扫描二维码，进入您的排队页面。在那里点"开启到号提醒"（浏览器会询问是否允许通知，请选择"允许"）。如果浏览器收不到通知，可以留下手机号，同意后改用短信提醒。快轮到您和叫到您时，我们都会通知您。预约的提醒会发到您预约时留下的手机号或邮箱。',
    ticket: (number) =>
      `我查不到某个号码（${number}）的情况，也看不到任何客户的信息。您的号叫到了没有、前面还有几人，请看您的排队页面：用手机扫描号票上的二维码（或打开号票上的链接），页面会实时显示您的排队位置，叫到您时会显示去哪个柜台；在那里还可以开启到号提醒。大厅的叫号屏也会显示正在叫的号码。`,
    ticketCalled: (minutes) => `如果已经叫过您的号而您不在，请马上到叫号的柜台或告诉大堂工作人员；叫号 ${minutes} 分钟后仍未到柜台，号码会作废。`,
    staff: '请直接找大堂工作人员或大堂经理，他们很乐意帮助您。如需投诉或有其他问题，也可以请工作人员找网点负责人。',
    outOfScope:
      '抱歉，利率、汇率、手续费、额度和限额、金额、账户余额这类问题我在这里回答不了：它们因产品和客户而异，也会调整。请到网点柜台咨询工作人员。我可以告诉您营业时间、需要带的材料和现在的等候时间。',
    greeting: '您好！我可以回答营业时间、需要带的材料、现在的等候时间、预约和签到等问题。请点下面的问题，或者直接输入。',
    fallback: '抱歉，我没有听懂这个问题。我可以回答下面这些问题，也可以请大堂工作人员帮助您。',
    suggestions: {
      hours: '营业时间是几点？',
      address: '网点地址在哪里？',
      documents: '需要带什么材料？',
      waits: '现在要等多久？',
      booking: '怎么预约？',
      'change-booking': '怎么改期或取消预约？',
      'check-in': '签到码在哪里输入？',
      priority: '谁可以优先办理？',
      'missed-call': '过号了怎么办？',
      notifications: '轮到我时怎么通知我？',
      staff: '可以找工作人员吗？',
    },
  },
  en: {
    weekday: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
    day(date, weekday, thisYear) {
      const [y, m, d] = date.split('-');
      return `${this.weekday[weekday]} ${pad2(d!)} ${MONTHS[Number(m) - 1]}${thisYear && y !== thisYear ? ` ${y}` : ''}`;
    },
    dates(from, until, thisYear) {
      if (!until || until === from) return this.day(from, weekdayOf(from), thisYear);
      // The year once, at the end, when both days are in it: "Fri 1 Jan–Sun 3 Jan 2027".
      const fromYear = from.slice(0, 4) === until.slice(0, 4) ? from.slice(0, 4) : thisYear;
      return `${this.day(from, weekdayOf(from), fromYear)}–${this.day(until, weekdayOf(until), thisYear)}`;
    },
    monthDay: (month, day) => `${day} ${MONTHS[month - 1]}`,
    withReason: (text, reason) => `${text}${reason ? ` (${reason})` : ''}`,
    list: (items) => items.join(', '),
    service: (name, code) => `${name} (${code})`,
    hours: {
      openToday: (branch, day, windows) => `${branch} is open today, ${day}: ${windows}.`,
      closedToday: (branch, day, reason) => `${branch} is closed today, ${day}${reason ? ` (${reason})` : ''}.`,
      // Follows the sentence before it on the same line.
      openNow: ' It is open now.',
      closedNow: ' It is not open at the moment.',
      opensSoon: (opensAt) => ` It opens at ${opensAt}, and the kiosk is already issuing tickets.`,
      issuingFor: (day, opensAt) => `It opens next on ${day} at ${opensAt}, and the kiosk is already issuing tickets for it: you can take one now.`,
      next: (day, windows) => `Next opening: ${day}, ${windows}.`,
      noneSoon: 'It is not open in the coming week; please watch for the branch notices.',
      closureSoon: (day, reason) => `Please note: closed on ${day}${reason ? ` (${reason})` : ''}.`,
      upcoming: (dates) => `Later closures: ${dates}.`,
      partly: (day, windows, reason) => `Please note: on ${day} open only ${windows}${reason ? ` (${reason})` : ''}.`,
      openOn: (branch, day, offset, windows) => `${branch} is open ${enRelative(offset, day)}: ${windows}.`,
      closedOn: (branch, day, offset, reason) => `${branch} is closed ${enRelative(offset, day)}${reason ? ` (${reason})` : ''}.`,
      closedWeekend: (branch, days) => `${branch} is closed at the weekend (${days}).`,
      verdict: (open, asked, sentence) => {
        const word = asked === 'open' ? { yes: 'Yes.', no: 'No.', done: 'No, not any more today.' } : { yes: 'No, it is open.', no: 'Yes, it is closed.', done: 'Yes, it has closed for today.' };
        return `${word[open]} ${sentence}`;
      },
      passed: (day) => `${day} has already passed; here are today's hours.`,
      usualOnHoliday: 'These are the usual hours: the branch has entered no holiday closure for that day. Holiday arrangements can change; please watch for the branch notices.',
      movingHoliday: (said) => `${said} falls on a different date every year, so I cannot tell which day you mean or whether we are open then.`,
      ambiguousDate: (said, readings) => `"${said}" could be ${readings.join(' or ')}, so I cannot tell which day you mean.`,
      noSuchDate: (said) => `There is no such date as "${said}"; please check the date.`,
      tooFar: (day) => `${day} is too far ahead: I can tell the hours for the coming year only.`,
      closuresEntered: (dates) => `Closures the branch has entered: ${dates}.`,
      noClosuresEntered: 'The branch has entered no closures for the coming months.',
      askWithDate: 'Ask me with the date (for example "Are you open on 17 February?") and I will tell you the hours for that day.',
    },
    documents: {
      forService: (service, docs) => `For ${service}, please bring: ${docs}.`,
      none: (service) => `Nothing special is listed for ${service}; please bring a valid ID.`,
      intro: 'What to bring for each service:',
      originals: 'Please bring the originals. If unsure, ask our staff in the lobby.',
      verdict: (verdict, instead, identity) =>
        verdict === 'yes'
          ? 'Yes.'
          : verdict === 'no'
            ? 'No, it is not on the list.'
            : verdict === 'other-id'
              ? `It is not on the list${instead ? `, which asks for ${instead} as proof of identity` : "; see the proof of identity each service's list asks for below"}. Without that (foreign customers, for example), please ask at the counter which ID will do.`
              : instead
              ? `Not necessarily: ${instead} will do.`
              : identity
                ? "Not necessarily: another valid ID will do; see each service's list below."
                : 'Not necessarily: another choice on the same line of the list will do; see below.',
      depends: 'It depends on the service:',
      each: (verdict, line) => `${verdict === 'yes' ? 'Yes' : verdict === 'no' ? 'No' : verdict === 'other-id' ? 'Not on the list' : 'Not necessarily'}: ${line}`,
      otherIdCounter: 'Where the list names neither the document you asked about nor one you have (foreign customers, for example), please ask at the counter which ID will do.',
    },
    waits: {
      notOpen: 'The queue is not open right now, so there is no wait to tell. Please ask again during opening hours.',
      closedToday: (branch, day, reason) => `${branch} is closed today, ${day}${reason ? ` (${reason})` : ''}, so there is no queue to join now.`,
      closedNow: (branch, reason) => `${branch} is not open at the moment${reason ? ` (${reason})` : ''}, so there is no queue to join now.`,
      early: (branch, opensAt) => `${branch} opens at ${opensAt}, and the kiosk is already issuing tickets: you can take one now.`,
      askLater: 'Ask again once it is open to hear the wait then.',
      line: (service, waiting, low, high) =>
        waiting === 0 && high <= 0 ? `${service}: nobody waiting; you would be served soon.` : `${service}: ${waiting} waiting; a new ticket ${newTicketWaitEn(low, high)}.`,
      noStaff: (service, waiting) => `${service}: ${waiting} waiting; no staff who can serve it are on duty right now, so no wait can be estimated (you can still take a ticket).`,
      appointmentOnly: (service) => `${service}: by appointment only; please book first.`,
      hint: 'This is an estimate from the queue right now; the real wait may differ. Once you have a ticket, your phone shows your place in the queue.',
    },
    address: {
      at: (branch, address) => `${branch} is at ${address}.`,
      unknown: (branch) => `Sorry, the address of ${branch} has not been entered here. Please ask the branch's staff, or see your booking confirmation.`,
    },
    booking: (enabled, services, remoteQueue) =>
      (enabled
        ? `You can book online: open the booking page of this site (/book), choose the service, a day and a time, and leave a phone number or e-mail address. Services you can book: ${services}. Your confirmation has a check-in code and a link to manage the booking.`
        : 'This branch does not take bookings online; please take a ticket at the kiosk when you arrive.') +
      (remoteQueue ? ' You can also join the queue from your phone before you arrive.' : ''),
    walkIn: (appointmentOnly) => `You can also come without a booking and take a ticket at the kiosk${appointmentOnly ? ` (${appointmentOnly}: by appointment only)` : ''}.`,
    changeBooking:
      'Open the link in your booking confirmation (text message or e-mail): on that page you can move the booking to another free time or cancel it. If you cannot find the link, ask our staff with your ID. A ticket you took without a booking can be cancelled on its page on your phone.',
    myBooking:
      'The day, time and branch of your booking are in your booking confirmation (text message or e-mail); the link in it opens your booking page, where you can see it at any time, move it or cancel it. I cannot look up anyone\'s booking. If you cannot find the confirmation, ask our staff with your ID.',
    checkIn: (early, late) =>
      `Your booking confirmation has a 6-character check-in code. At the branch, tap "I have an appointment" on the kiosk and type the code, or hold the booking QR code to the scanner. Check-in opens ${early} minutes before your time and closes ${late} minutes after it. Without a booking, tap "Tap to take a ticket" and choose a service.`,
    priority:
      'Customers who need it, such as elderly customers, pregnant women and people with disabilities, can be served first. Our staff decide who qualifies: please ask a member of staff in the lobby, who will give you a priority ticket.',
    missedCall: (minutes, lateMin) =>
      `If your number was called while you were away, go to the counter shown or tell a member of staff in the lobby at once: they can call your number again. If nobody comes within ${minutes} minutes of the call, the number lapses and you need a new ticket from the kiosk. Late for a booking: you can still check in at the kiosk up to ${lateMin} minutes after your time; after that, please take a ticket.`,
    lateBooking: (late) =>
      `${
        late > 0
          ? `You can still check in up to ${late} minutes after your booked time: tap "I have an appointment" on the kiosk and type your code (the later you come, the longer you may wait). After ${late} minutes the booking counts as missed and its code no longer works: `
          : 'Check-in closes at your booked time: once it has passed, the booking counts as missed and its code no longer works: '
      }tap "Tap to take a ticket" on the kiosk to join the queue. If you know you cannot make it, move or cancel the booking first with the link in your confirmation.`,
    duration: {
      intro: 'How long each service takes at the counter (the length of an appointment):',
      forService: (service, minutes) => `${service}: about ${minutes} minutes.`,
      atCounter: 'That is the time at the counter, not counting any wait in the queue.',
    },
    notifications:
      'Once you have a ticket, open its page on your phone (the link or QR code on the ticket). There, tap "Turn on notifications" (your browser asks: choose Allow). If your browser cannot get notifications, leave a phone number there to be told by text message instead (with your consent). We tell you when your turn is near and when you are called. Booking reminders go to the phone number or e-mail you gave when booking.',
    ticket: (number) =>
      `I cannot look up ticket ${number}: I see no customer's details. Whether your number has been called and how many are ahead of you are on your ticket's page: scan the QR code on the ticket with your phone (or open the link on it). The page shows your place in the queue as it changes and, when you are called, which counter to go to; there you can also turn on notifications. The screens in the lobby show the numbers being called.`,
    ticketCalled: (minutes) =>
      `If your number was called while you were away, go to the counter shown or tell a member of staff in the lobby at once; ${minutes} minutes after the call the number lapses.`,
    staff: 'Please ask a member of staff or the lobby manager; they are happy to help. For a complaint, staff can fetch the branch manager.',
    outOfScope:
      'Sorry, I cannot answer questions about interest or exchange rates, fees, limits, amounts or account balances here: they depend on the product and the customer, and they change. Please ask at a counter in the branch. I can tell you the opening hours, the documents to bring and the current waits.',
    greeting: 'Hello! I can answer questions about opening hours, documents to bring, current waits, bookings and check-in. Choose a question below or type your own.',
    fallback: 'Sorry, I did not understand that. These are the questions I can answer; our staff in the lobby can help with anything else.',
    suggestions: {
      hours: 'What are your opening hours?',
      address: 'Where is the branch?',
      documents: 'What documents do I need?',
      waits: 'How long is the wait?',
      booking: 'How do I book an appointment?',
      'change-booking': 'How do I change or cancel my booking?',
      'check-in': 'Where do I type my check-in code?',
      priority: 'Who can get a priority ticket?',
      'missed-call': 'I missed my number. What now?',
      notifications: 'How do I get notified when it is my turn?',
      staff: 'Can I talk to a person?',
    },
  },
};

/** "明天（12月1日 周二）" for the days people name by distance from today; else the date alone. */
function zhRelative(offset: number, day: string): string {
  return offset === 0 ? `今天（${day}）` : offset === 1 ? `明天（${day}）` : offset === 2 ? `后天（${day}）` : day;
}

/** "tomorrow, Tue 1 Dec"; "on Sun 6 Dec". */
function enRelative(offset: number, day: string): string {
  return offset === 0 ? `today, ${day}` : offset === 1 ? `tomorrow, ${day}` : `on ${day}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A wait range in whole minutes, as the phone page, kiosk and signage word it: one that starts at
 * nothing by its upper end (at least 1: someone is waiting), one whose ends agree as that minute.
 */
function wholeMinutes(low: number, high: number): { lo: number; hi: number } {
  const lo = Math.max(0, Math.round(low));
  return { lo, hi: Math.max(lo, 1, Math.round(high)) };
}

/** "预计等 8–20 分钟", "预计 5 分钟内叫号", "预计等约 5 分钟". */
function newTicketWaitZh(low: number, high: number): string {
  const { lo, hi } = wholeMinutes(low, high);
  if (lo === 0) return `预计 ${hi} 分钟内叫号`;
  return lo === hi ? `预计等约 ${hi} 分钟` : `预计等 ${lo}–${hi} 分钟`;
}

/** "now waits about 8–20 min", "would now be called within 5 min", "now waits about 5 min". */
function newTicketWaitEn(low: number, high: number): string {
  const { lo, hi } = wholeMinutes(low, high);
  if (lo === 0) return `would now be called within ${hi} min`;
  return lo === hi ? `now waits about ${hi} min` : `now waits about ${lo}–${hi} min`;
}


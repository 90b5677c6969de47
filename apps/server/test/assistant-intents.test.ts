/**
 * The help assistant's intent matcher against real phrasings: what customers type at a kiosk or
 * on their phone, in Simplified Chinese (no spaces), English (with typos), and both mixed. Each
 * row is a question, the topic it must be answered as, and the services it names (by code).
 */
import { describe, expect, it } from 'vitest';
import type { AssistantIntent } from '@tellerline/contracts';
import { matchIntent, type NamedService } from '../src/usecases/assistant/intent-matcher.js';
import { editDistance, readQuestion, wordMatches } from '../src/usecases/assistant/question-text.js';
import { asksYesNo } from '../src/usecases/assistant/yes-no.js';

/** The demo branch's services, plus foreign exchange (a service many branches have). */
const SERVICES: NamedService[] = [
  { id: 'svc-a', code: 'A', name: { zh: '个人现金业务', en: 'Personal cash' } },
  { id: 'svc-b', code: 'B', name: { zh: '对公业务', en: 'Business banking' } },
  { id: 'svc-c', code: 'C', name: { zh: '贷款咨询', en: 'Loans' } },
  { id: 'svc-d', code: 'D', name: { zh: '理财', en: 'Wealth' } },
  { id: 'svc-e', code: 'E', name: { zh: '外汇业务', en: 'Foreign exchange' } },
];

const PHRASINGS: [question: string, intent: AssistantIntent, services?: string[]][] = [
  // opening hours
  ['营业时间', 'hours'],
  ['你们几点开门？', 'hours'],
  ['今天几点关门', 'hours'],
  ['周六营业吗', 'hours'],
  ['国庆节放假吗', 'hours'],
  ['你好，请问明天上班吗', 'hours'],
  ['What are your opening hours?', 'hours'],
  ['when do you open', 'hours'],
  ['are you open on saturday', 'hours'],
  ['what time do you close today', 'hours'],
  ['opning hours', 'hours'],
  ['Are you closed for the holiday?', 'hours'],
  ['business hours pls', 'hours'],
  // opening hours on a day the question names (the answer tells that day)
  ['你们周日开门吗', 'hours'],
  ['明天几点开门', 'hours'],
  ['星期天营业吗', 'hours'],
  ['礼拜天开门吗', 'hours'],
  ['后天呢', 'hours'],
  ['Are you open on Sunday?', 'hours'],
  ['tomorrow', 'hours'],
  ['open on thurs?', 'hours'],
  // documents
  ['办贷款要带什么材料', 'documents', ['C']],
  ['需要带身份证吗', 'documents'],
  ['对公业务需要什么资料', 'documents', ['B']],
  ['What documents do I need for a loan?', 'documents', ['C']],
  ['what should I bring', 'documents'],
  ['documnets for foreign exchange', 'documents', ['E']],
  ['Do I need my passport?', 'documents'],
  ['Do I need my bank card?', 'documents'],
  ['Do I need my passbook?', 'documents'],
  ['要带存折吗', 'documents'],
  ['需要带港澳通行证吗', 'documents'],
  ['requirements for opening a company account', 'documents', ['B']],
  ['A业务要带什么', 'documents', ['A']],
  ['营业执照要带吗', 'documents'],
  ['开户需要什么', 'documents'],
  ['取钱要带什么', 'documents', ['A']],
  // waits
  ['现在排队的人多吗', 'waits'],
  ['要等多久', 'waits'],
  ['贷款现在要排多久', 'waits', ['C']],
  ['前面还有几个人', 'waits'],
  ['A窗口要等多久', 'waits', ['A']],
  ['How long is the wait?', 'waits'],
  ['how long is the queue for loans', 'waits', ['C']],
  ['is it busy right now', 'waits'],
  ['how many people are waiting', 'waits'],
  ['waiting time for service B', 'waits', ['B']],
  ['how long do i have to wiat', 'waits'],
  // a service alone
  ['贷款', 'service', ['C']],
  ['foreign exchange', 'service', ['E']],
  ['A', 'service', ['A']],
  ['理财', 'service', ['D']],
  ['mortgage?', 'service', ['C']],
  // booking
  ['怎么预约', 'booking'],
  ['可以网上预约吗', 'booking'],
  ['How do I book an appointment?', 'booking'],
  ['can i make an apointment online', 'booking'],
  ['我想book一个appointment', 'booking'],
  ['不预约可以吗', 'booking'],
  ['can I book for tomorrow', 'booking'],
  ['我想换外币', 'service', ['E']],
  // change or cancel a booking
  ['我想取消预约', 'change-booking'],
  ['预约可以改期吗', 'change-booking'],
  ['怎么改时间', 'change-booking'],
  ['How do I cancel my appointment?', 'change-booking'],
  ['reschedule my booking', 'change-booking'],
  ['can I change my appointment to another day', 'change-booking'],
  ['cancle my reservation', 'change-booking'],
  // check-in
  ['签到码在哪里输入', 'check-in'],
  ['预约了到网点怎么签到', 'check-in'],
  ['取号机在哪', 'check-in'],
  ['where do I type my check-in code', 'check-in'],
  ['I have arrived for my appointment', 'check-in'],
  ['how do i checkin', 'check-in'],
  ['where is the kisok', 'check-in'],
  ['where is the ticket machine', 'check-in'],
  ['我预约了，到了怎么办', 'check-in'],
  // priority
  ['老人可以优先吗', 'priority'],
  ['孕妇有绿色通道吗', 'priority'],
  ['I am in a wheelchair, can I go first?', 'priority'],
  ['priority ticket for elderly', 'priority'],
  ['is there a VIP queue', 'priority'],
  // missed call
  ['我过号了怎么办', 'missed-call'],
  ['叫号的时候我没听到', 'missed-call'],
  ['刚才错过了叫号', 'missed-call'],
  ['I missed my number', 'missed-call'],
  ['my number was called but I didnt hear it', 'missed-call'],
  ["I didn't hear my number", 'missed-call'],
  ['我的号过了', 'missed-call'],
  ['i was late for my appointment', 'missed-call'],
  // notifications
  ['能不能短信通知我', 'notifications'],
  ['轮到我的时候会提醒吗', 'notifications'],
  ['can you text me when it is my turn', 'notifications'],
  ['how do I get notifications', 'notifications'],
  ['send me a reminder', 'notifications'],
  ['turn on push notifcations', 'notifications'],
  // one's own ticket number: never a service; how to follow the ticket, or the missed call
  ['A001叫到了吗', 'ticket'],
  ['who served customer A001', 'ticket'],
  ['is B012 called yet', 'ticket'],
  ['我的号B012还要等多久', 'ticket'],
  ['A023 was called, I missed it', 'missed-call'],
  ['我是C005，过号了怎么办', 'missed-call'],
  // where the branch is
  ['地址', 'address'],
  ['网点在哪里', 'address'],
  ['怎么去你们网点', 'address'],
  ['where is the branch', 'address'],
  ['what is your address', 'address'],
  ['how do I get there by metro', 'address'],
  ['where is your bank', 'address'],
  ['你们银行在哪儿', 'address'],
  // "where?" alone can only mean the branch
  ['在哪里？', 'address'],
  ['在哪', 'address'],
  ['请问在哪儿呢？', 'address'],
  ['Where?', 'address'],
  ['where are you', 'address'],
  ['哪里', 'address'],
  // ... but said of something, it is about that thing
  ['在哪里取号', 'check-in'],
  ['在哪里预约', 'booking'],
  ['where can I book', 'booking'],
  // when one's own booking is: where to see it, not the opening hours
  ['我的预约是几点', 'my-booking'],
  ['我预约的是哪天？', 'my-booking'],
  ['我约的几点来着', 'my-booking'],
  ['忘了我的预约时间', 'my-booking'],
  ['what time is my appointment', 'my-booking'],
  ['When is my appointment?', 'my-booking'],
  ['what day is my booking', 'my-booking'],
  // ... and still the hours, a change or being late, when that is the question
  ['明天预约几点有空', 'hours'],
  ['what time do you open tomorrow', 'hours'],
  ['我的预约能改到明天吗', 'change-booking'],
  ['I will be late for my appointment', 'late-booking'],
  ['when is my turn', 'notifications'],
  ['预约几点开始可以签到', 'check-in'],
  // "where is" about something inside the branch is not the address
  ['where is the toilet', 'fallback'],
  ['洗手间在哪', 'fallback'],
  ['签到码在哪里输入？', 'check-in'],
  // a person
  ['我要找人工', 'staff'],
  ['工作人员在哪', 'staff'],
  ['我要投诉', 'staff'],
  ['I want to talk to a real person', 'staff'],
  ['can I speak to someone', 'staff'],
  ['i want to see a manager', 'staff'],
  ['where is the help desk', 'staff'],
  // changing a booking, said around the booking words (改…预约…时间)
  ['能改预约时间吗', 'change-booking'],
  ['我想改一下预约的时间', 'change-booking'],
  ['预约的时间可以改吗', 'change-booking'],
  ['可以调一下预约时间吗', 'change-booking'],
  ['I need to change the time of my appointment', 'change-booking'],
  // ... but 兑换 (exchange) is no change: "换…时间" is not in "兑换时间"
  ['外币兑换时间是几点', 'hours', ['E']],
  // late for a booking: the lateness rule, not how to book
  ['预约了但是来晚了怎么办', 'late-booking'],
  ['预约迟到了还能签到吗', 'late-booking'],
  ['我可能要晚到十分钟', 'late-booking'],
  ['路上堵车，预约要迟到了', 'late-booking'],
  ['我预约的是十点，会晚点到', 'late-booking'],
  ["I booked but I'm going to be 10 minutes late", 'late-booking'],
  ["I'm running late for my appointment, what should I do?", 'late-booking'],
  ["I'll be a bit late for my appointment", 'late-booking'],
  ['what if I arrive late for my booking', 'late-booking'],
  ['stuck in traffic, will I lose my booking?', 'late-booking'],
  // priority, said with age or a queue word
  ["I'm 75 years old, can I skip the queue?", 'priority'],
  ['my grandmother is 80 years old, does she have to queue', 'priority'],
  ['Can seniors jump the line?', 'priority'],
  ['我75岁了，可以先办吗', 'priority'],
  ['怀孕了可以不排队吗', 'priority'],
  // how long a service takes at the counter, not the wait
  ['How long does a loan appointment take?', 'duration', ['C']],
  ['how long is a loan appointment', 'duration', ['C']],
  ['How long will the appointment take?', 'duration'],
  ['what is the duration of a wealth appointment', 'duration', ['D']],
  ['How long does it take to open an account?', 'duration'],
  ['办贷款要多久', 'duration', ['C']],
  ['贷款预约一次多长时间', 'duration', ['C']],
  ['办理对公业务需要多长时间', 'duration', ['B']],
  // ... and the wait stays the wait
  ['how long does the queue take', 'waits'],
  ['how long will it take to be served', 'waits'],
  ['how long do I have to wait for my appointment', 'waits'],
  ['贷款要等多长时间', 'waits', ['C']],
  // hours on a day of another week, a date, a holiday, or a day alone
  ['下周一几点开门', 'hours'],
  ['Are you open next Monday?', 'hours'],
  ['1月1日营业吗', 'hours'],
  ['元旦放假吗', 'hours'],
  ['Are you open on Christmas Day?', 'hours'],
  ['春节期间营业吗', 'hours'],
  ['christmas?', 'hours'],
  ['下周三', 'hours'],
  // rates, fees, limits, amounts, balances: nothing the branch's set-up can answer, whatever
  // service the words also name (存款 and "withdraw" name the cash service)
  ['你们的存款利率是多少？', 'out-of-scope', ['A']],
  ['What is the interest rate on deposits?', 'out-of-scope', ['A']],
  ['Can I withdraw 50000 cash today?', 'out-of-scope', ['A']],
  ['贷款利息怎么算', 'out-of-scope', ['C']],
  ['今天美元汇率多少', 'out-of-scope', ['E']],
  ['转账手续费多少钱', 'out-of-scope'],
  ['取5万要预约吗', 'out-of-scope'],
  ['一天最多能取多少现金', 'out-of-scope', ['A']],
  ['我的账户余额是多少', 'out-of-scope'],
  ['what is the daily withdrawal limit', 'out-of-scope', ['A']],
  ['are there any fees for foreign exchange', 'out-of-scope', ['E']],
  ['how much can I borrow', 'out-of-scope', ['C']],
  ['what is my balance', 'out-of-scope'],
  ['how much does it cost to open an account', 'out-of-scope'],
  ['exchange rate for USD?', 'out-of-scope', ['E']],
  // ... while interest in a service, documents for an amount, or a year stay what they were
  ["I'm interested in loans", 'service', ['C']],
  ['What documents do I need to withdraw 50000?', 'documents', ['A']],
  ['Are you open on 25 December 2027?', 'hours'],
  ['How much time does a loan appointment take?', 'duration', ['C']],
  // a typo in the service's name still names it, and only it
  ['documnets for busines banking', 'documents', ['B']],
  // greetings and the rest
  ['你好', 'greeting'],
  ['hello', 'greeting'],
  ['谢谢', 'greeting'],
  ['asdfgh', 'fallback'],
  ['天气怎么样', 'fallback'],
  ["I'd like some information", 'fallback'],
  ['now', 'fallback'],
];

describe('the intent matcher, on real phrasings', () => {
  it('has a table of at least 60 phrasings, in both languages', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(60);
    const chinese = PHRASINGS.filter(([q]) => /\p{Script=Han}/u.test(q)).length;
    expect(chinese).toBeGreaterThanOrEqual(30);
    expect(PHRASINGS.length - chinese).toBeGreaterThanOrEqual(30);
  });

  it.each(PHRASINGS)('%s -> %s %j', (question, intent, codes = []) => {
    const match = matchIntent(question, SERVICES);
    const named = match.serviceIds.map((id) => SERVICES.find((s) => s.id === id)!.code);
    expect({ intent: match.intent, services: named }, JSON.stringify(match.scores)).toEqual({ intent, services: codes });
  });

  it('names only the services the branch has', () => {
    // No foreign exchange here: "foreign exchange" names nothing, and the question is not understood.
    const demo = SERVICES.slice(0, 4);
    expect(matchIntent('foreign exchange', demo)).toMatchObject({ intent: 'fallback', serviceIds: [] });
    expect(matchIntent('documents for foreign exchange', demo)).toMatchObject({ intent: 'documents', serviceIds: [] });
  });

  it('names several services in the order of the branch', () => {
    expect(matchIntent('理财和贷款要带什么', SERVICES).serviceIds).toEqual(['svc-c', 'svc-d']);
  });

  it('reads "A" at the start of an English sentence as the article, not service A', () => {
    expect(matchIntent('A question about opening hours', SERVICES).serviceIds).toEqual([]);
  });

  it('reads a ticket number as a number, not as its service letter', () => {
    expect(matchIntent('A001叫到了吗', SERVICES)).toMatchObject({ intent: 'ticket', serviceIds: [], ticket: 'A001' });
    expect(matchIntent('is b012 called yet', SERVICES)).toMatchObject({ intent: 'ticket', serviceIds: [], ticket: 'B012' });
    expect(matchIntent('VIP023到了吗', SERVICES)).toMatchObject({ intent: 'ticket', ticket: 'VIP023' });
    expect(matchIntent('top100 questions', SERVICES).ticket).toBeNull();
    // The letter alone still names the service.
    expect(matchIntent('A窗口要等多久', SERVICES)).toMatchObject({ intent: 'waits', serviceIds: ['svc-a'], ticket: null });
  });

  it('reads the day a question names, in both languages', () => {
    const days: [string, unknown][] = [
      ['你们周日开门吗', { weekday: 'sun' }],
      ['星期一营业吗', { weekday: 'mon' }],
      ['礼拜天开门吗', { weekday: 'sun' }],
      ['周三下午几点关门', { weekday: 'wed' }],
      ['今天几点关门', { offset: 0 }],
      ['明天几点开门', { offset: 1 }],
      ['后天上班吗', { offset: 2 }],
      ['周末营业吗', { weekend: true }],
      ['下周末开门吗', { weekend: true, week: 1 }],
      ['周六周日营业吗', { weekend: true }],
      ['星期六和星期天上班吗', { weekend: true }],
      ['周六日开门吗', { weekend: true }],
      ['周六天气好吗', { weekday: 'sat' }],
      ['Are you open at the weekend?', { weekend: true }],
      ['open next weekend?', { weekend: true, week: 1 }],
      ['Are you open Saturday and Sunday?', { weekend: true }],
      ['sat or sun?', { weekend: true }],
      ['Are you open on Sunday?', { weekday: 'sun' }],
      ['are you open on saturday', { weekday: 'sat' }],
      ['open thurs?', { weekday: 'thu' }],
      ['hours on tue', { weekday: 'tue' }],
      ['tomorrow', { offset: 1 }],
      ['open the day after tomorrow?', { offset: 2 }],
      ['opening hours', null],
      ['下周一几点开门', { weekday: 'mon', week: 1 }],
      ['下个星期三营业吗', { weekday: 'wed', week: 1 }],
      ['这周五开门吗', { weekday: 'fri', week: 0 }],
      ['Are you open next Wednesday?', { weekday: 'wed', week: 1 }],
      ['1月1日营业吗', { month: 1, day: 1 }],
      ['Are you open on 25 December?', { month: 12, day: 25 }],
      ['元旦放假吗', { month: 1, day: 1, holiday: true }],
      ['Are you open on Christmas Day?', { month: 12, day: 25, holiday: true }],
      ['春节期间营业吗', { unresolved: 'moving-holiday', said: '春节' }],
    ];
    for (const [question, day] of days) expect(matchIntent(question, SERVICES).day, question).toEqual(day);
  });
});

describe('question text', () => {
  it('reads full-width letters as ASCII and keeps contractions whole', () => {
    expect(readQuestion('ＡＢＣ　Ｄｏｎ’t').words).toEqual(['abc', 'dont']);
    expect(readQuestion("I'd").words).toEqual(['i', 'd']);
  });

  it('forgives a typo in longer words only', () => {
    expect(editDistance('wiat', 'wait', 2)).toBe(1);
    expect(wordMatches('documnets', 'document')).toBe(true);
    expect(wordMatches('four', 'hour')).toBe(false);
    expect(wordMatches('loans', 'loan')).toBe(true);
  });
});

describe('yes/no questions', () => {
  it('are told from questions asking what, when or how, in both languages', () => {
    const yes = ['周六营业吗？', '周日开门吗', '你们周日开不开门', '明天是否营业', '周六有没有人上班', '今天营业么', 'Is the branch open on Sunday?', 'Do I need my passport?', 'hi, are you open tomorrow', "Isn't it open on Saturday?", 'Can I come on Saturday?'];
    const not = ['周六几点开门', '需要带什么', '周日呢', '怎么签到', 'What time do you open on Saturday?', 'When are you open?', 'opening hours sunday', 'how long is the wait'];
    for (const q of yes) expect(asksYesNo(readQuestion(q)), q).toBe('open');
    for (const q of not) expect(asksYesNo(readQuestion(q)), q).toBeNull();
    // A yes to these means closed.
    for (const q of ['Are you closed on Sunday?', 'Is the branch shut tomorrow?', '元旦放假吗', '周日休息吗']) expect(asksYesNo(readQuestion(q)), q).toBe('closed');
    expect(matchIntent('周六营业吗？', SERVICES)).toMatchObject({ intent: 'hours', day: { weekday: 'sat' }, yesNo: 'open' });
    expect(matchIntent('Is the branch open on Sunday?', SERVICES)).toMatchObject({ intent: 'hours', day: { weekday: 'sun' }, yesNo: 'open' });
  });

  it('a short English question naming a day with "open" and no auxiliary verb is one too', () => {
    expect(matchIntent('open sunday', SERVICES)).toMatchObject({ intent: 'hours', day: { weekday: 'sun' }, yesNo: 'open' });
    expect(matchIntent('Open on saturdays?', SERVICES)).toMatchObject({ intent: 'hours', day: { weekday: 'sat' }, yesNo: 'open' });
    expect(matchIntent('hi, closed tomorrow?', SERVICES)).toMatchObject({ day: { offset: 1 }, yesNo: 'closed' });
    expect(matchIntent('周末营业吗', SERVICES)).toMatchObject({ intent: 'hours', day: { weekend: true }, yesNo: 'open' });
    // Asking for the hours, or naming no day, is not.
    expect(matchIntent('open hours sunday', SERVICES).yesNo).toBeNull();
    expect(matchIntent('opening hours sunday', SERVICES).yesNo).toBeNull();
    expect(matchIntent('open account', SERVICES).yesNo).toBeNull();
  });
});

import type { Cue } from './intent-cues.js';
import type { QuestionText } from './question-text.js';

/**
 * Questions the assistant must not answer from the branch's set-up: rates (interest, exchange),
 * fees, limits, amounts, balances and anything about one's own account. The branch's data holds
 * none of it, and a service's documents or waits are a confidently wrong answer to "你们的存款利率
 * 是多少" just because 存款 names the cash service. Weights as in INTENT_CUES.
 *
 * "interest" is only a cue in phrases: "I'm interested in loans" stems to "interest" and is a
 * question about the loans service. Not "APR" (also a month) nor "yield" (one typo from "field").
 */
export const OUT_OF_SCOPE_CUES: Cue = {
  en: {
    'interest rate': 3, 'the interest': 3, 'much interest': 3, 'interest on': 3, 'interest for': 3, 'exchange rate': 3, rate: 2,
    fee: 3, 'service charge': 3, 'bank charge': 3, commission: 3, cost: 2, price: 2, 'how much money': 3, 'how much can': 2, 'how much': 1,
    limit: 3, maximum: 2, max: 2, minimum: 2, balance: 3, 'transaction history': 3, overdraft: 3, frozen: 3, 'credit score': 3,
  },
  zh: {
    利率: 3, 利息: 3, 年化: 3, 收益率: 3, 收益: 2, 汇率: 3, 手续费: 3, 费用: 2, 收费: 2, 多少钱: 3, 价格: 2, 额度: 3, 限额: 3, 上限: 3, 最多: 2, 最少: 2,
    能取多少: 3, 取多少: 3, 存多少: 3, 转多少: 3, 贷多少: 3, 能贷: 2, 大额: 3, 余额: 3, 账单: 3, 流水: 3, 交易记录: 3, 转账记录: 3, 冻结: 3, 解冻: 3, 透支: 3,
  },
};

/** What a number stands beside when it is an amount of money (a sum to withdraw, deposit, send). */
const MONEY_WORDS_EN = /\b(withdraw\w*|deposit\w*|transfer\w*|send|pay\w*|cash|money|take out|put in)\b/;
const MONEY_WORDS_ZH = /取|存|转|汇|付|现金|钱/;
/** A number with a currency or a Chinese order of magnitude: "5万", "¥2000", "3000 yuan", "十万". */
const MARKED_AMOUNT =
  /[$¥￥]\s*\d|\d[\d,.]*\s*(万|千|百元|元|块|美元|rmb\b|yuan\b|usd\b|cny\b|hkd\b|eur\w*\b|dollars?\b|k\b)|[一二两三四五六七八九十百几]+[万千]|[一二两三四五六七八九十百几千]+(元|块)/;
/** Amounts are hundreds or more; smaller numbers are minutes, ages, days and dates. */
const BARE_AMOUNT = /(?:^|[^a-z0-9:,.])(\d{1,3}(?:,\d{3})+|\d{3,})(?![\d:])/;

/** Weight of an amount of money in the question: as strong as naming the topic outright. */
export const AMOUNT_WEIGHT = 3;

/**
 * True when the question names an amount of money ("Can I withdraw 50000 cash today?", "取5万要
 * 预约吗"): how much someone may withdraw, send or hold depends on the product and the account.
 * A bare number counts only beside a money word, so "Are you open on 25 December 2026?" is not one.
 */
export function namesAmount(q: QuestionText): boolean {
  if (MARKED_AMOUNT.test(q.text)) return true;
  return BARE_AMOUNT.test(q.text) && (MONEY_WORDS_EN.test(q.text) || MONEY_WORDS_ZH.test(q.text));
}

import { describe, expect, it } from 'vitest';
import { SurveyAnswerBody } from '@tellerline/contracts';
import { answerBody, charactersLeft, commentProblem, offersSurvey, surveyErrorKey, SURVEY_COMMENT_MAX, tidyComment } from './phone-survey-logic.js';
import { dictionaries } from '$lib/i18n/messages/index.js';

describe('the survey on the phone page', () => {
  it('is offered after a completed visit only', () => {
    expect(offersSurvey('done')).toBe(true);
    for (const status of ['waiting', 'called', 'serving', 'no-show', 'cancelled'] as const) expect(offersSurvey(status), status).toBe(false);
  });

  it('sends typed line breaks as spaces, trimmed, and leaves an empty comment out', () => {
    expect(tidyComment('  Quick,\r\nand\n\nfriendly\t ')).toBe('Quick, and friendly');
    expect(answerBody(4, '  很好\n谢谢 ', 'zh')).toEqual({ rating: 4, comment: '很好 谢谢', language: 'zh' });
    expect(answerBody(2, ' \n ', 'en')).toEqual({ rating: 2, language: 'en' });
  });

  it('checks a comment by the rules the server applies, so what passes here is accepted there', () => {
    const cases = ['fine', '好'.repeat(SURVEY_COMMENT_MAX), 'x'.repeat(SURVEY_COMMENT_MAX + 1), 'two\nlines', 'bell\u0007', 'lone \ud800 surrogate', `${'y'.repeat(SURVEY_COMMENT_MAX)}  \n`];
    for (const raw of cases) {
      const server = SurveyAnswerBody.safeParse(answerBody(3, raw, 'en')).success;
      expect(commentProblem(raw) === null, JSON.stringify(raw)).toBe(server);
    }
    expect(commentProblem('x'.repeat(SURVEY_COMMENT_MAX + 1))).toBe('too-long');
    expect(commentProblem('bell\u0007')).toBe('characters');
    expect(commentProblem('two\nlines')).toBeNull();
  });

  it('counts the characters left as the text box does, never below zero', () => {
    expect(charactersLeft('')).toBe(SURVEY_COMMENT_MAX);
    expect(charactersLeft('好好')).toBe(SURVEY_COMMENT_MAX - 2);
    expect(charactersLeft('x'.repeat(SURVEY_COMMENT_MAX + 3))).toBe(0);
  });

  it('words every refusal in both languages', () => {
    for (const code of ['SURVEY_CLOSED', 'SURVEY_NOT_OPEN', 'SURVEY_ALREADY_ANSWERED', 'NOT_FOUND', 'VALIDATION_FAILED', 'BUSY_RETRY', 'RATE_LIMITED', 'INTERNAL', 'SOMETHING_NEW']) {
      const key = surveyErrorKey(code);
      for (const lang of ['zh', 'en'] as const) expect(dictionaries[lang][key], `${lang} ${code} -> ${key}`).toBeTruthy();
    }
    expect(surveyErrorKey('SURVEY_CLOSED')).toBe('error.SURVEY_CLOSED');
    expect(surveyErrorKey('BUSY_RETRY')).toBe('phone.survey.error.network');
  });
});

import type { SurveyAnswer, SurveyState, SurveyStateName } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { answerBody, commentProblem, NOT_YET_RETRY_MS, surveyErrorKey } from './phone-survey-logic.js';

export type SurveyLoad = 'loading' | 'ready' | 'error';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The satisfaction survey under a completed ticket on the phone page: read once (and again while
 * the server's record still lags the "done" the socket brought), answered once. A retried answer
 * is safe: the server answers the same answer again with the stored one.
 */
export class PhoneSurvey {
  load = $state<SurveyLoad>('loading');
  state = $state<SurveyStateName | null>(null);
  answer = $state<SurveyAnswer | null>(null);
  rating = $state<number | null>(null);
  comment = $state('');
  sending = $state(false);
  /** Message key of the last refusal or failure; translated when shown, so it follows the language switch. */
  error = $state<string | null>(null);
  /** Answered on this page just now (not read back on a reload): the thanks takes the focus. */
  justAnswered = $state(false);
  private stopped = false;

  constructor(
    private readonly token: string,
    /** The page's language when the answer is sent: recorded with it. */
    private readonly lang: () => 'zh' | 'en',
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {}

  private get path(): string {
    return `/api/v1/tickets/${encodeURIComponent(this.token)}/survey`;
  }

  async start(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const ok = await this.read();
      if (!ok || this.state !== 'not-yet' || this.stopped) return;
      const pause = NOT_YET_RETRY_MS[attempt];
      if (pause === undefined) return;
      await this.wait(pause);
      if (this.stopped) return;
    }
  }

  stop(): void {
    this.stopped = true;
  }

  /** Reads the survey; false when it could not be read (the page offers to try again). */
  async read(): Promise<boolean> {
    try {
      this.show(await api<SurveyState>('GET', this.path));
      return true;
    } catch (err) {
      if (this.load !== 'ready') this.load = 'error';
      this.error = surveyErrorKey(err instanceof ApiFailure ? err.code : 'INTERNAL');
      return false;
    }
  }

  async submit(): Promise<void> {
    if (this.sending) return;
    if (this.rating === null) {
      this.error = 'phone.survey.error.noRating';
      return;
    }
    const problem = commentProblem(this.comment);
    if (problem) {
      this.error = `phone.survey.error.comment.${problem}`;
      return;
    }
    this.sending = true;
    this.error = null;
    try {
      const answer = await api<SurveyAnswer>('POST', this.path, answerBody(this.rating, this.comment, this.lang()));
      this.state = 'answered';
      this.answer = answer;
      this.justAnswered = true;
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : 'INTERNAL';
      this.error = surveyErrorKey(code);
      // Answered elsewhere (another tab), or closed meanwhile: show what the server has.
      if (code === 'SURVEY_ALREADY_ANSWERED' || code === 'SURVEY_CLOSED' || code === 'SURVEY_NOT_OPEN') {
        const error = this.error;
        await this.read();
        this.error = error;
      }
    } finally {
      this.sending = false;
    }
  }

  private show(s: SurveyState): void {
    this.state = s.state;
    this.answer = s.answer ?? null;
    this.load = 'ready';
    this.error = null;
  }
}

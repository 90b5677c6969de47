import { SURVEY_OPEN_MS, type SurveyStateName } from '@tellerline/contracts';
import type { LocalizedText } from '@tellerline/engine';
import { renderSurveyInvitation, SURVEY_INVITATION_DELIVERY, type NotificationChannel, type PushTarget, type SendResult } from '@tellerline/notify';
import { AppError } from '../errors.js';
import { surveyInviteJobId, type SurveyInviteJob } from '../jobs/job-names.js';
import type { Survey } from '../usecases/survey.js';
import { sendOnce, type DeliverDeps } from './deliver.js';
import type { NoticeTarget } from './ports.js';

export interface SurveyInvitationDeps extends DeliverDeps {
  push: NotificationChannel<PushTarget> | null;
  email: NotificationChannel<string> | null;
  sms: NotificationChannel<string> | null;
  /** Whether the survey is still open (done, unanswered, within its week), as the phone page sees it. */
  survey: Pick<Survey, 'state'>;
  /** The branch's name for the text; null when the branch is gone. */
  branchName(branchId: string): Promise<LocalizedText | null>;
}

/**
 * The projection (PostgreSQL) does not show the visit as done yet: its events are still being
 * appended (the database was briefly away). Thrown so BullMQ tries again later.
 */
export class VisitNotRecordedYet extends Error {
  constructor(state: string) {
    super(`the visit is not recorded as done yet (survey ${state})`);
    this.name = 'VisitNotRecordedYet';
  }
}

/**
 * Sends a visit's survey invitation to every target of the ticket, each on its own channel and in
 * its own language, with the link to the phone page (where the survey is). Nothing is sent when
 * the survey was answered meanwhile or is closed (a week has passed, or the ticket ended
 * without service), nor to a target switched off since (targets are read now, not at enqueue).
 * Idempotent per target (sent markers under the job's id), so a retry, a job added again by a
 * second node or after BullMQ forgot it, reaches nobody twice. Links are never logged: failures
 * name the job (ticket id) and the target key only, and the channels mask tokens in what they log.
 */
export async function deliverSurveyInvitation(job: SurveyInviteJob, deps: SurveyInvitationDeps): Promise<string> {
  let state: SurveyStateName;
  try {
    state = (await deps.survey.state(job.token)).state;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw new VisitNotRecordedYet('unknown');
    throw err;
  }
  if (state === 'answered' || state === 'closed') return state;
  if (state === 'not-yet') throw new VisitNotRecordedYet(state);

  const channels = { push: deps.push, email: deps.email, sms: deps.sms };
  const all = (await deps.notices.targets([{ ticketId: job.ticketId, customerId: job.customerId }])).get(job.ticketId) ?? [];
  // A target on a channel this installation has switched off is not a failure of this job.
  const targets = all.filter((t) => channels[t.channel] !== null);
  if (targets.length === 0) return 'no-target';

  const branch = await deps.branchName(job.branchId);
  const url = `${deps.publicUrl}/t/${job.token}`;
  // Worth delivering for a day at most, and never past the survey's own end.
  const leftSec = Math.floor((job.doneAt + SURVEY_OPEN_MS - deps.clock.now()) / 1000);
  const ttlSec = Math.max(1, Math.min(SURVEY_INVITATION_DELIVERY.maxTtlSec, leftSec));

  const send = (target: NoticeTarget): Promise<SendResult> => {
    const text = renderSurveyInvitation(target.lang, { branch });
    const message = { lang: target.lang, ...text, url, urgency: SURVEY_INVITATION_DELIVERY.urgency, ttlSec, tag: `tl-${job.ticketId}`, about: 'survey' as const };
    if (target.channel === 'push') return target.push && deps.push ? deps.push.send({ ...message, to: target.push }) : noAddress();
    const channel = channels[target.channel];
    return target.address && channel ? channel.send({ ...message, to: target.address }) : noAddress();
  };
  return sendOnce(surveyInviteJobId(job.ticketId), 'survey-invite', targets, send, deps);
}

const noAddress = (): Promise<SendResult> => Promise.resolve({ status: 'failed', reason: 'target has no address for this channel' });

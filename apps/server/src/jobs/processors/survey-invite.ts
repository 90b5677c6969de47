import { deliverSurveyInvitation, type SurveyInvitationDeps } from '../../notifications/survey-invitation.js';
import type { SurveyInviteJob } from '../job-names.js';

/** A 'survey-invite' job: the invitation to rate a visit, on every channel the customer asked for notices on. */
export function processSurveyInvite(data: SurveyInviteJob, deps: SurveyInvitationDeps): Promise<string> {
  return deliverSurveyInvitation(data, deps);
}

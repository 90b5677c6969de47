/** The survey invitation's settings, read once with the rest of the configuration. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('survey invitation settings', () => {
  it('sends invitations 10 minutes after a visit unless told otherwise', () => {
    expect(loadConfig({}).surveyInviteAfterMin).toBe(10);
    expect(loadConfig({ SURVEY_INVITE_AFTER_MIN: '25' }).surveyInviteAfterMin).toBe(25);
  });

  it('can be switched off', () => {
    expect(loadConfig({ SURVEY_INVITES: 'false' }).surveyInviteAfterMin).toBeNull();
    expect(loadConfig({ SURVEY_INVITES: 'true', SURVEY_INVITE_AFTER_MIN: '5' }).surveyInviteAfterMin).toBe(5);
  });

  it('refuses a delay that would reach the customer at the counter, and names the setting', () => {
    expect(() => loadConfig({ SURVEY_INVITE_AFTER_MIN: '0' })).toThrow(/SURVEY_INVITE_AFTER_MIN/);
    expect(() => loadConfig({ SURVEY_INVITE_AFTER_MIN: 'soon' })).toThrow(/SURVEY_INVITE_AFTER_MIN/);
    expect(() => loadConfig({ SURVEY_INVITES: 'maybe' })).toThrow(/SURVEY_INVITES/);
  });
});

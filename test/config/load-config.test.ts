import { ConfigError, loadConfig } from '../../src/config/load-config';

describe('configuration from the environment', () => {
  test('defaults: port 3978, SQLite under ./data, console mode', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3978);
    expect(c.STORE_URL).toBe('sqlite://data/engage-bot.sqlite');
    expect(c.platforms).toEqual({ slack: false, teams: false });
  });

  test('a mistake names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ TEAMS_LOCAL: '1', NODE_ENV: 'production' })).toThrow(/TEAMS_LOCAL=1/);
  });

  test('DEBRIEF_MIN_RESPONDENTS defaults to 3 and is refused below 3', () => {
    expect(loadConfig({}).DEBRIEF_MIN_RESPONDENTS).toBe(3);
    expect(loadConfig({ DEBRIEF_MIN_RESPONDENTS: '5' }).DEBRIEF_MIN_RESPONDENTS).toBe(5);
    expect(() => loadConfig({ DEBRIEF_MIN_RESPONDENTS: '2' })).toThrow(/DEBRIEF_MIN_RESPONDENTS: must be 3 or more/);
  });

  test('REMINDER_SWEEP_CRON is checked with node-cron; REMINDER_CLAIM_TTL_MS has a floor', () => {
    expect(loadConfig({}).REMINDER_SWEEP_CRON).toBe('* * * * *');
    expect(loadConfig({}).REMINDER_CLAIM_TTL_MS).toBe(300_000);
    expect(loadConfig({ REMINDER_SWEEP_CRON: '*/10 * * * * *' }).REMINDER_SWEEP_CRON).toBe('*/10 * * * * *');
    expect(() => loadConfig({ REMINDER_SWEEP_CRON: 'every minute' })).toThrow(/REMINDER_SWEEP_CRON: is not a valid cron expression/);
    expect(() => loadConfig({ REMINDER_CLAIM_TTL_MS: '10' })).toThrow(/REMINDER_CLAIM_TTL_MS: must be at least 1000/);
  });

  test('empty values count as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: '' }).PORT).toBe(3978);
  });

  test('credentials switch platforms on', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).platforms.slack).toBe(true);
    expect(loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p' }).platforms.teams).toBe(true);
  });
});

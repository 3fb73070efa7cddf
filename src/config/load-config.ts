import { z } from 'zod';
import { validate as isValidCron } from 'node-cron';
import { parseDataKeys } from '../crypto/create-data-cipher';

// All configuration comes from the environment, validated once at start-up. Code below the
// composition root receives a Config and never reads process.env itself.

const optional = z.string().trim().min(1).optional();

export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  STORE_URL: z.string().default('sqlite://data/engage-bot.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  MICROSOFT_APP_ID: optional,
  MICROSOFT_APP_PASSWORD: optional,
  MICROSOFT_APP_TENANT_ID: optional,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  TEAMS_LOCAL: z.enum(['0', '1']).default('0'),
  // Fewer than three answers would let a combined result give away one person's answers.
  DEBRIEF_MIN_RESPONDENTS: z.coerce.number().int().min(3, 'must be 3 or more, so no one can work out another person\'s answers').max(100).default(3),
  /** Keys for encryption at rest: `id:base64,...`, first one seals. Unset outside production: a local key file. */
  ENGAGE_DATA_KEY: optional,
  /** Debriefs older than this many days are deleted by a daily sweep; unset keeps them. */
  DEBRIEF_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  /** Days an uninstalled workspace's data is kept, so a reinstall restores it; then it is deleted. */
  UNINSTALL_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  REMINDERS_MAX_PER_USER: z.coerce.number().int().min(1).max(10_000).default(200),
  /** When the reminder sweep runs (node-cron syntax, 5 or 6 fields). Reminders are kept per minute. */
  REMINDER_SWEEP_CRON: z.string().trim().refine((v) => isValidCron(v), 'is not a valid cron expression (e.g. "* * * * *" for every minute)').default('* * * * *'),
  /** How long a reminder being sent is held before another instance may send it (a crashed sender). */
  REMINDER_CLAIM_TTL_MS: z.coerce.number().int().min(1000, 'must be at least 1000 (one second)').max(86_400_000).default(300_000),
});
export type Config = z.infer<typeof ConfigSchema> & {
  /** Which platforms have credentials; none means the local console chat. */
  platforms: { slack: boolean; teams: boolean };
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings (FOO= in a .env file) mean "not set", as people expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration problem — fix these environment variables (see .env.example):\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
    throw new ConfigError('SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: Slack requests cannot be verified without it.');
  }
  if (c.TEAMS_LOCAL === '1' && c.NODE_ENV === 'production') {
    throw new ConfigError('TEAMS_LOCAL=1 turns Teams authentication off and is refused when NODE_ENV=production.');
  }
  if (c.ENGAGE_DATA_KEY) {
    try {
      parseDataKeys(c.ENGAGE_DATA_KEY);
    } catch (err) {
      throw new ConfigError(`ENGAGE_DATA_KEY: ${(err as Error).message}.`);
    }
  } else if (c.NODE_ENV === 'production') {
    throw new ConfigError('ENGAGE_DATA_KEY is required when NODE_ENV=production: debrief answers are encrypted with it (generate one with: openssl rand -base64 32).');
  }
  return {
    ...c,
    platforms: {
      slack: Boolean((c.SLACK_BOT_TOKEN || c.SLACK_CLIENT_ID) && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN)),
      teams: Boolean(c.MICROSOFT_APP_ID || c.TEAMS_LOCAL === '1'),
    },
  };
}

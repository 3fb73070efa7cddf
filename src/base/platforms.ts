import type { Actor } from './incoming';

/** What each platform can do, where a reply depends on it: one table, not checks scattered in features. */
export interface PlatformCapabilities {
  /** The person can post a tip to the conversation for everyone (a console chat has no one to share with). */
  share: boolean;
}

export const PLATFORM_CAPABILITIES: Readonly<Record<Actor['platform'], PlatformCapabilities>> = {
  slack: { share: true },
  teams: { share: true },
  console: { share: false },
};

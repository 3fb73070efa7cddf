import type { Config } from '../src/config/load-config';
import type { Bot } from '../src/bot/create-bot';
import type { Logger } from '../src/base/logger';
import type { Storage } from '../src/storage/open-storage';
import type { RouteHandler } from './http/create-http-server';
import type { Outbox } from '../src/base/outbox';

/** What the composition root gives each platform adapter. */
export interface MountDeps {
  config: Config;
  bot: Bot;
  logger: Logger;
  storage: Storage;
}

/** What a platform adapter gives back: HTTP routes on the shared server, and its lifecycle. */
export interface PlatformMount {
  name: 'slack' | 'teams';
  /** e.g. { 'POST /slack/events': handler } */
  routes: Record<string, RouteHandler>;
  /** Sends the bot's own messages (reminders, invitations) on this platform. */
  outbox?: Outbox;
  /** Called after the HTTP server listens (e.g. to open a Socket Mode connection). */
  start?(): Promise<void>;
  /** Why this platform cannot take traffic yet (e.g. its credentials were not accepted); undefined when it can. */
  ready?(): string | undefined;
  stop(): Promise<void>;
}

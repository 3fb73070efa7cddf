import type { AuthorizeResult, AuthorizeSourceData, Logger as BoltLogger, webApi } from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../src/base/logger';
import type { RouteHandler } from '../http/create-http-server';
import type { SlackPrompts } from './load-slack-prompts';
import { InstallationNotFound, type SlackInstallationStore } from './create-installation-store';
import { BOT_SCOPES, SLACK_INSTALL_PATH, SLACK_OAUTH_REDIRECT_PATH } from './build-slack-manifest';
import { escapeMrkdwn } from './render-block-kit';

// Several workspaces installing the app through OAuth: @slack/oauth's InstallProvider on the
// project's own installation store, its two pages on the shared HTTP server.

export interface SlackOAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export function createSlackInstaller(settings: SlackOAuthSettings, installationStore: SlackInstallationStore, clientOptions: webApi.WebClientOptions, logger: BoltLogger): InstallProvider {
  return new InstallProvider({ ...settings, installationStore, clientOptions, logger });
}

/**
 * Slack keeps signing requests from a workspace that has no installation here (its token revoked, the
 * store restored from a backup). That is not an error to answer with a 500: the request goes on with
 * no token, and the listeners tell the person how to install the app.
 */
export async function authorizeInstalled(installer: InstallProvider, query: AuthorizeSourceData<boolean>): Promise<AuthorizeResult> {
  try {
    return await installer.authorize(query);
  } catch (err) {
    if (!((err as { original?: unknown }).original instanceof InstallationNotFound)) throw err;
    return { ...(query.teamId ? { teamId: query.teamId } : {}), ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}) };
  }
}

const htmlPage = (words: string) =>
  `<!doctype html><meta charset="utf-8"><title>engage-bot</title><p style="font:16px system-ui;margin:3em auto;max-width:32em">${escapeMrkdwn(words)}</p>`;

/** "Add to Slack" and the page Slack sends the person back to, answered in the bot's own words. */
export function installRoutes(installer: InstallProvider, prompts: SlackPrompts, logger: Logger): Record<string, RouteHandler> {
  const page = (r: ServerResponse, status: number, words: string) => r.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(htmlPage(words));
  return {
    [`GET ${SLACK_INSTALL_PATH}`]: (req, res) => installer.handleInstallPath(req, res, undefined, { scopes: [...BOT_SCOPES] }),
    [`GET ${SLACK_OAUTH_REDIRECT_PATH}`]: (req, res) =>
      installer.handleCallback(req, res, {
        success: (installation, _options, _req, r: ServerResponse) => {
          logger.info({ event: 'slack.installed', teamId: installation.team?.id, enterpriseId: installation.enterprise?.id }, 'slack app installed');
          page(r, 200, prompts.installed);
        },
        failure: (error, _options, _req: IncomingMessage, r: ServerResponse) => {
          logger.warn({ event: 'slack.install_failed', code: error.code }, 'slack install failed');
          page(r, 400, prompts.installFailed);
        },
      }),
  };
}

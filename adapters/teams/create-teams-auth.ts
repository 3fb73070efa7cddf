import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
// botbuilder's own dependency (same version); CloudAdapter answers 401 only for this class.
import { AuthenticationConstants, AuthenticationError, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import { createBoundedMap } from '../../src/base/create-bounded-map';
import type { Config } from '../../src/config/load-config';

export interface TeamsAuthOptions {
  /** Bot Framework endpoints (OpenID metadata, token issuer, login URL…): tests point them at a local server. */
  endpoints?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /**
   * Where the bot's own outbound token comes from; default: MSAL with MICROSOFT_APP_ID / PASSWORD
   * against Microsoft's login service. Tests, being offline, hand out a token themselves; inbound
   * validation (audience, issuer, keys) stays botbuilder's own either way.
   */
  outboundToken?: () => Promise<string>;
  /** Every call to the Bot Connector API gives up after this long (ms). */
  outboundTimeoutMs?: number;
}

export class TeamsConfigError extends Error {}

export type TeamsAuth = ConfigurationBotFrameworkAuthentication & {
  /** Fetches the bot's own token once (Microsoft's login service, or UserAssignedMSI's endpoint): rejects when the credentials are refused. */
  checkCredentials(): Promise<void>;
};

/** Auth from the environment. TEAMS_LOCAL=1 (refused in production by loadConfig) turns it off. */
export function createTeamsAuth(config: Config, { endpoints = {}, outboundToken, outboundTimeoutMs = 10_000 }: TeamsAuthOptions = {}): TeamsAuth {
  if (config.TEAMS_LOCAL === '1') return Object.assign(boundOutboundCalls(new ConfigurationBotFrameworkAuthentication({}), outboundTimeoutMs), { checkCredentials: async () => undefined });
  if (!config.MICROSOFT_APP_ID) throw new TeamsConfigError('MICROSOFT_APP_ID is not set: Teams needs the bot’s app id (or TEAMS_LOCAL=1 for the Bot Framework Emulator).');
  if (config.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !config.MICROSOFT_APP_PASSWORD && !outboundToken) {
    throw new TeamsConfigError('MICROSOFT_APP_PASSWORD is not set: Teams replies cannot be sent without the bot’s client secret (MICROSOFT_APP_TYPE=UserAssignedMSI needs none).');
  }
  if (config.MICROSOFT_APP_TYPE !== 'MultiTenant' && !config.MICROSOFT_APP_TENANT_ID) {
    throw new TeamsConfigError(`MICROSOFT_APP_TYPE=${config.MICROSOFT_APP_TYPE} needs MICROSOFT_APP_TENANT_ID (the Entra tenant the bot is registered in).`);
  }
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
    ...endpoints,
  };
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
  });
  if (outboundToken) {
    credentials.createCredentials = async () => ({
      async signRequest(request) {
        request.headers.set('authorization', `Bearer ${await outboundToken()}`);
        return request;
      },
    });
  }
  const auth = boundOutboundCalls(new ConfigurationBotFrameworkAuthentication(options, credentials), outboundTimeoutMs);
  const appId = config.MICROSOFT_APP_ID;
  // The same credentials a reply is signed with, for the audience and login URL replies use.
  const checkCredentials = async () => {
    const made = await credentials.createCredentials(
      appId,
      endpoints.ToChannelFromBotOAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
      endpoints.ToChannelFromBotLoginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
      String(endpoints.ValidateAuthority ?? true) !== 'false',
    );
    await made.signRequest({ headers: { set: () => undefined } } as never);
  };
  return Object.assign(auth, { checkCredentials });
}

/** Distinct (app, Bot Connector, audience) clients kept: Teams has a handful of regional service URLs. */
const MAX_CLIENTS = 64;

/**
 * Outbound Connector clients, shared and bounded.
 * - One client per (app id, service URL, audience), for turns and proactive sends alike. botbuilder
 *   builds a new ConnectorClient (credentials, an @azure/core-client pipeline of a dozen policies)
 *   and a UserTokenClient for every activity, a visible share of a turn's CPU (docs/performance.md,
 *   Teams adapter), for objects that hold no per-turn state (the credentials cache and refresh tokens).
 * - Each has a timeout and no retry policy. The SDK's default pipeline retries 429/5xx and sleeps
 *   through Retry-After, which would hold a reminder sweep (or a person's turn) for minutes; the
 *   outbox reports "retry after N" to the reminder service instead, and the service decides.
 * Turns get their factory from authenticateRequest, proactive sends from createConnectorFactory:
 * both are wrapped, so neither path reaches the Bot Connector with the SDK's defaults.
 */
function boundOutboundCalls(auth: ConfigurationBotFrameworkAuthentication, timeoutMs: number): ConfigurationBotFrameworkAuthentication {
  const clients = createPromiseCache<ConnectorClient>();
  const shared = (factory: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory => ({
    create: (serviceUrl: string, audience?: string) =>
      clients(`${appIdOf(identity)}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience).then((created) => withTimeoutNoRetry(created, timeoutMs))),
  });

  // Whatever stops a token from being verified is a 401 and nothing more: botbuilder lets
  // jsonwebtoken's errors (a bad signature, a token not yet valid) and the OpenID fetch's own errors
  // (a forged issuer sends it to a metadata URL that may not answer) escape as plain errors, which
  // CloudAdapter answered with 500 and the internal message. The cause's class stays for the log.
  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    let result;
    try {
      result = await authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      throw Object.assign(new AuthenticationError('Unauthorized. The token could not be verified.', 401), { cause: err });
    }
    return result.connectorFactory ? { ...result, connectorFactory: shared(result.connectorFactory, result.claimsIdentity) } : result;
  };
  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity) => shared(createConnectorFactory(identity), identity);

  // The bot signs nobody in, but CloudAdapter makes a UserTokenClient for every turn all the same.
  const userTokenClients = createPromiseCache<UserTokenClient>();
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (identity) => userTokenClients(appIdOf(identity), () => createUserTokenClient(identity));
  return auth;
}

/**
 * At most MAX_CLIENTS promises, each made once per key. One that rejects (credentials that could not
 * be made) is dropped, so the next call tries afresh.
 */
function createPromiseCache<T>() {
  const cache = createBoundedMap<string, Promise<T>>(MAX_CLIENTS);
  return (key: string, make: () => Promise<T>): Promise<T> => {
    let made = cache.get(key);
    if (!made) {
      made = make();
      made.catch(() => cache.delete(key));
      cache.set(key, made);
    }
    return made;
  };
}

/** The app id botbuilder builds a turn's clients for (its own getAppId: audience claim, else appid). */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

function withTimeoutNoRetry(client: ConnectorClient, timeoutMs: number): ConnectorClient {
  // ServiceClientContext keeps its @azure/core-client ServiceClient in `client`.
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder connector client has no pipeline: check the botbuilder version');
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.addPolicy({
    name: 'engageOutboundTimeout',
    sendRequest: (request, next) => {
      if (!request.timeout) request.timeout = timeoutMs;
      return next(request);
    },
  });
  return client;
}

interface PipelineLike {
  removePolicy(options: { phase?: string; name?: string }): unknown;
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (r: { timeout: number }) => Promise<unknown>): Promise<unknown> }): void;
}

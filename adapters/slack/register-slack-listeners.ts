import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, RespondFn, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackEventMiddlewareArgs, SlackViewMiddlewareArgs, webApi } from '@slack/bolt';
import type { Bot } from '../../src/bot/create-bot';
import type { Actor } from '../../src/base/incoming';
import type { Logger } from '../../src/base/logger';
import type { Reply } from '../../src/base/reply';
import type { SlackPrompts } from './load-slack-prompts';
import type { SlackPager, SlackShownTo } from './create-slack-pager';
import { MORE_ACTION } from './create-slack-pager';
import type { TimeZoneLookup } from './create-time-zone-cache';
import { coreActionId, readInputValue, renderHome, renderModal, shorten } from './render-block-kit';
import { botCanPostIn } from './check-channel-membership';

// Slack payloads in, Incoming* to the core, Block Kit out. Every command in the catalog takes the same
// path, so a command added to prompts/commands.json (and the core) needs nothing here.

export interface ListenerDeps {
  bot: Bot;
  pager: SlackPager;
  prompts: SlackPrompts;
  timeZoneOf: TimeZoneLookup;
  logger: Logger;
  /** Called when Slack says the app was uninstalled or its bot token revoked. */
  forgetInstallation(teamId: string | undefined, enterpriseId: string | undefined, isEnterpriseInstall: boolean): Promise<void>;
}

/** Time left for the answer to travel in the acknowledgement; slower answers follow via response_url. */
const ANSWER_IN_ACK_MS = 2300;
const ERROR_TEXT_MAX = 150;

type Loose = Record<string, any>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function registerSlackListeners(app: App, deps: ListenerDeps): void {
  const { bot, pager, prompts, timeZoneOf, logger } = deps;

  const actorOf = async (client: webApi.WebClient, tenantId: string, userId: string): Promise<Actor> => {
    const timeZone = await timeZoneOf(client, tenantId, userId);
    return { platform: 'slack', tenantId, userId, ...(timeZone ? { timeZone } : {}) };
  };

  /** `shownTo`: the person whose command or click this answers (what is paged is filed under them). */
  const messagePayload = async (shownTo: SlackShownTo, reply: Reply) => ({
    response_type: reply.visibility === 'channel' ? ('in_channel' as const) : ('ephemeral' as const),
    ...(await pager.message(shownTo, reply)),
  });

  const openForm = async (client: webApi.WebClient, triggerId: string, shownTo: SlackShownTo, reply: Reply) => {
    const form = reply.form!;
    const view = renderModal(form, await pager.encodeMetadata(shownTo, form.metadata));
    await client.views.open({ trigger_id: triggerId, view: view as never });
  };

  /** A file the core produced (a CSV export) goes to the person's direct messages as a real file. */
  const uploadFile = async (client: webApi.WebClient, userId: string, file: NonNullable<Reply['file']>) => {
    try {
      const dm = await client.conversations.open({ users: userId });
      const channel = dm.channel?.id;
      if (!channel) return;
      await client.files.uploadV2({ channel_id: channel, filename: file.name, title: file.name, content: file.content });
    } catch (err) {
      logger.warn({ event: 'slack.file_failed', error: (err as Error)?.name, code: (err as { data?: { error?: string } })?.data?.error }, 'could not upload a file');
    }
  };

  /** A reply to a click or a submission: into the conversation it came from, else the person's DM. */
  const deliver = async (reply: Reply, at: { client: webApi.WebClient; tenantId: string; userId: string; respond?: RespondFn; triggerId?: string }) => {
    if (reply.form && at.triggerId) {
      await openForm(at.client, at.triggerId, at, reply);
      return;
    }
    if (reply.file) await uploadFile(at.client, at.userId, reply.file);
    const payload = await messagePayload(at, reply);
    if (at.respond) {
      await at.respond({ ...payload, replace_original: Boolean(reply.replaceOriginal) } as never);
      return;
    }
    await at.client.chat.postMessage({ channel: at.userId, text: payload.text, blocks: payload.blocks as never });
  };

  const onCommand = async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const name = command.command.replace(/^\//, '');
    const started = Date.now();
    const actor = await actorOf(client, command.team_id, command.user_id);
    const answer = bot.handleCommand({ actor, command: name, text: command.text ?? '', botCanPostIn: (channelId) => botCanPostIn(client, channelId, logger) });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reply = await Promise.race([
      answer,
      new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), Math.max(0, ANSWER_IN_ACK_MS - (Date.now() - started))); }),
    ]);
    clearTimeout(timer);
    if (!reply) {
      // Too slow for the acknowledgement: say so at once, answer through response_url.
      await ack({ response_type: 'ephemeral', text: prompts.slow });
      await deliver(await answer, { client, tenantId: actor.tenantId, userId: actor.userId, respond });
      return;
    }
    if (reply.form) {
      await ack();
      await openForm(client, command.trigger_id, actor, reply);
      return;
    }
    // The answer travels in the acknowledgement itself: no second round trip.
    await ack((await messagePayload(actor, reply)) as never);
    if (reply.file) await uploadFile(client, actor.userId, reply.file);
  };

  /** The person's App Home, rendered afresh: on opening it, and after a button on it changed something. */
  const publishHome = async (client: webApi.WebClient, tenantId: string, userId: string) => {
    const home = await bot.home(await actorOf(client, tenantId, userId));
    await client.views.publish({ user_id: userId, view: renderHome(home, prompts.homeTrimmed) as never });
  };

  const onAction = async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const b = body as Loose;
    const a = action as Loose;
    const tenantId = str(b.team?.id) ?? str(b.user?.team_id);
    const userId = str(b.user?.id);
    const actionId = str(a.action_id);
    if (b.type !== 'block_actions' || !tenantId || !userId || !actionId) return;
    const value = str(a.value) ?? str(a.selected_option?.value) ?? '';
    const where = { client, tenantId, userId, ...(b.response_url ? { respond } : {}), ...(b.trigger_id ? { triggerId: String(b.trigger_id) } : {}) };

    if (actionId.startsWith(MORE_ACTION)) {
      const page = await pager.nextPage({ tenantId, userId }, value);
      const payload = page ? { response_type: 'ephemeral' as const, ...page } : { response_type: 'ephemeral' as const, text: prompts.moreGone };
      if (where.respond) await where.respond({ ...payload, replace_original: false } as never);
      else await client.chat.postMessage({ channel: userId, ...payload } as never);
      return;
    }
    const reply = await bot.handleAction({ actor: await actorOf(client, tenantId, userId), action: coreActionId(actionId), value });
    // Unknown or stale buttons: acknowledged above, nothing else to do.
    if (!reply) return;
    await deliver(reply, where);
    // A button on the Home tab (cancel a reminder, …): the tab shows the change at once.
    if (b.view?.type === 'home' && !reply.form) await publishHome(client, tenantId, userId);
  };

  const onSubmission = async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const tenantId = str(body.team?.id) ?? str((body.user as Loose)?.team_id);
    const userId = str(body.user?.id);
    if (!tenantId || !userId) { await ack(); return; }
    const values: Record<string, string | string[] | undefined> = {};
    const state = (view.state?.values ?? {}) as Record<string, Record<string, unknown>>;
    // One input per block; its action_id is the field's input name ("value" unless the form says).
    for (const [blockId, inputs] of Object.entries(state)) values[blockId] = readInputValue(inputs && typeof inputs === 'object' ? Object.values(inputs)[0] : undefined);
    const metadata = await pager.decodeMetadata(tenantId, String(view.private_metadata ?? ''));
    const actor = await actorOf(client, tenantId, userId);
    const result = await bot.handleSubmission({ actor, formId: view.callback_id, values, metadata: metadata ?? '' });
    if ('errors' in result && Object.keys(result.errors).length) {
      // Slack refuses errors for blocks the modal does not have: those land on the first input.
      const blockIds = Object.keys(state);
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(result.errors)) {
        const target = blockIds.includes(field) ? field : blockIds[0];
        if (target) errors[target] = shorten(errors[target] ? `${errors[target]} ${message}` : message, ERROR_TEXT_MAX);
      }
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    if ('reply' in result && result.reply) await deliver(result.reply, { client, tenantId, userId });
  };

  const forget = async (body: Loose, why: string) => {
    const enterpriseId = str(body.enterprise_id);
    const isEnterpriseInstall = Boolean(body.is_enterprise_install);
    await deps.forgetInstallation(str(body.team_id), enterpriseId, isEnterpriseInstall);
    logger.info({ event: 'slack.installation_removed', teamId: str(body.team_id), why }, 'slack installation removed');
  };

  const onEvent = async ({ event, body, client }: SlackEventMiddlewareArgs & AllMiddlewareArgs) => {
    const e = event as Loose;
    if (e.type === 'app_home_opened') {
      if (e.tab !== 'home' || typeof e.user !== 'string') return;
      await publishHome(client, str((body as Loose).team_id) ?? '', e.user);
    } else if (e.type === 'app_uninstalled') {
      await forget(body as Loose, 'app_uninstalled');
    } else if (e.type === 'tokens_revoked' && (e.tokens?.bot ?? []).length) {
      // Only the bot token matters to this app; a person revoking their own token changes nothing.
      await forget(body as Loose, 'tokens_revoked');
    }
  };

  /**
   * No token: Slack signed the request, but the workspace has no installation here (see mount-slack).
   * A command is answered with how to install the app, not an error; anything else is acknowledged.
   */
  const notInstalled = async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    logger.warn({ event: 'slack.not_installed', teamId: str(args.context.teamId) }, 'request from a workspace without an installation');
    if ('command' in args) await args.ack({ response_type: 'ephemeral', text: prompts.notInstalled });
    else if ('ack' in args) await (args.ack as () => Promise<void>)();
  };
  // Slack sends these without a token by design: they are how an installation goes.
  const isUninstall = (args: AnyMiddlewareArgs) => 'event' in args && (args.event.type === 'app_uninstalled' || args.event.type === 'tokens_revoked');

  // One global middleware routes every payload by its kind, instead of app.command/action/view/event
  // listeners: Bolt runs every listener's middleware chain on every request, matching or not, and
  // three chains that do not match cost a slash command 20-28 µs of its ~110
  // (bench/measure-slack-stages.ts). Kinds this app does not handle go on to Bolt, which has no
  // listener for them, as before.
  app.use(async (args) => {
    if (!args.context.botToken && !isUninstall(args)) return notInstalled(args);
    if ('command' in args) return onCommand(args);
    if ('action' in args) return onAction(args);
    if ('view' in args && args.body.type === 'view_submission') return onSubmission(args as SlackViewMiddlewareArgs & AllMiddlewareArgs);
    if ('event' in args) return onEvent(args as SlackEventMiddlewareArgs & AllMiddlewareArgs);
    await args.next();
  });
}

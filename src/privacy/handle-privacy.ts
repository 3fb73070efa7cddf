import type { PrivacyContext } from './privacy-context';
import type { Actor, IncomingAction } from '../base/incoming';
import { textReply, type Block, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';

// `/engage forget me` and `/engage export me`. Erasure asks once for confirmation (a button only
// the person sees), then deletes from every registered source; export shows the data privately.

export const PRIVACY_ACTIONS = { forget: 'privacy.forget', keep: 'privacy.keep' } as const;

/** The sources that can hold something about this person: a platform's own only on that platform. */
const sourcesFor = (ctx: PrivacyContext, actor: Actor) => ctx.sources.filter((s) => !s.platform || s.platform === actor.platform);

export function confirmForget(ctx: PrivacyContext, actor: Actor): Reply {
  const m = ctx.messages;
  const text = fillTemplate(m.forgetConfirm, { sources: sourcesFor(ctx, actor).map((s) => s.label).join(', ') });
  return {
    text,
    visibility: 'private',
    blocks: [
      { type: 'text', text },
      { type: 'actions', buttons: [
        { action: PRIVACY_ACTIONS.forget, label: m.forgetButton, value: 'me', style: 'danger' },
        { action: PRIVACY_ACTIONS.keep, label: m.cancelButton, value: 'me' },
      ] },
    ],
  };
}

export async function exportPersonalData(ctx: PrivacyContext, actor: Actor): Promise<Reply> {
  const m = ctx.messages;
  const data: Record<string, unknown[]> = {};
  for (const source of sourcesFor(ctx, actor)) {
    const records = await source.export(actor);
    if (records.length) data[source.label] = records;
  }
  if (Object.keys(data).length === 0) return textReply(m.exportEmpty);
  const json = JSON.stringify({ platform: actor.platform, workspace: actor.tenantId, user: actor.userId, data }, null, 2);
  // One block: each renderer splits it where its platform must (Slack at line breaks, 3,000
  // characters a section), and the console prints it whole, ready to copy.
  const blocks: Block[] = [{ type: 'heading', text: m.exportHeading }, { type: 'context', text: m.exportIntro }, { type: 'text', text: json }];
  return { text: m.exportIntro, blocks, visibility: 'private' };
}

export async function handlePrivacyAction(ctx: PrivacyContext, action: IncomingAction): Promise<Reply | undefined> {
  const m = ctx.messages;
  if (action.action === PRIVACY_ACTIONS.keep) return { ...textReply(m.kept), replaceOriginal: true };
  if (action.action !== PRIVACY_ACTIONS.forget || action.value !== 'me') return undefined;
  let count = 0;
  for (const source of sourcesFor(ctx, action.actor)) count += await source.erase(action.actor);
  ctx.logger.info({ event: 'privacy.erased', platform: action.actor.platform, records: count }, 'personal data erased');
  return { ...textReply(count ? fillTemplate(m.forgotten, { count }) : m.forgottenNothing), replaceOriginal: true };
}

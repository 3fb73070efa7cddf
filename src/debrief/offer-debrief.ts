import type { DebriefContext } from './debrief-context';
import type { Actor, IncomingEvent } from '../base/incoming';
import type { Reply } from '../base/reply';
import { cleanUserText } from '../base/clean-user-text';
import { buildDebriefForm, LIMITS } from './build-debrief-form';
import { DEBRIEF_ACTIONS } from './render-debrief-result';

// A meeting the bot was in has ended (Teams' meeting-end event in the meeting's chat): one message
// offering the debrief to whoever attended. Each person who clicks gets their own private form;
// nobody is invited by name, because the event does not say who attended.

export function offerDebrief(ctx: DebriefContext, event: IncomingEvent): Promise<Reply> {
  const p = ctx.debriefPrompts.meetingEnded;
  const title = cleanUserText(event.title ?? '', LIMITS.meeting).text;
  return Promise.resolve({
    text: p.text,
    blocks: [
      { type: 'heading', text: p.heading },
      { type: 'text', text: p.text },
      { type: 'actions', buttons: [{ action: DEBRIEF_ACTIONS.begin, label: p.button, value: title, style: 'primary' }] },
    ],
    visibility: 'channel',
  });
}

/** The offer's button: a new debrief form named after the meeting, for the person who clicked. */
export function debriefEndedMeeting(ctx: DebriefContext, actor: Actor, title: string): Promise<Reply> {
  // No list of the companies this workspace has met: anyone in the meeting's chat may click, the
  // company's own staff included, and which companies an organisation meets is its own business.
  const form = buildDebriefForm(ctx, actor, {
    state: { kind: 'new', meeting: cleanUserText(title, LIMITS.meeting).text, invitees: [] },
    knownCompanies: [],
  });
  return Promise.resolve({ text: form.title, blocks: [], visibility: 'private', form });
}

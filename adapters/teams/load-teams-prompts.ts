import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../../src/base/load-prompts';

// Words only the Teams adapter says (card validation, the install welcome, the message actions'
// names). Validated at start-up.
const line = z.string().min(1).max(600);
/** What cards and replies need. */
const CardWords = z.strictObject({
  requiredField: line,
  fieldProblems: line,
  welcome: line,
  shared: line,
  done: line,
  /** Said in a channel or group chat when a private reply went to the person's 1:1 chat with the bot. */
  sentPrivately: line,
  /** Said there instead when the person has no 1:1 chat with the bot yet: open one and ask there. */
  askInPersonalChat: line,
  /** Said there when the 1:1 chat could not be reached: the reply is not posted in its place. */
  personalChatUnreachable: line,
  /** What `/engage export me` and `forget me` call the stored conversation reference. */
  conversationDetailsLabel: line,
  /** The command menu's entry for "home". */
  homeCommand: z.string().min(3).max(128),
  /** The app's name and descriptions in the Teams store and app details (limits: Teams' manifest schema). */
  appNameFull: z.string().min(3).max(100),
  appDescriptionShort: z.string().min(3).max(80),
  appDescriptionFull: z.string().min(3).max(4000),
});
export type TeamsPrompts = z.infer<typeof CardWords>;

/** The message actions ("…" on a message) as the manifest names them (limits: Teams' manifest schema). */
const MessageActionWords = z.strictObject({
  remindTitle: z.string().min(1).max(32),
  remindDescription: z.string().min(1).max(128),
  recordTitle: z.string().min(1).max(32),
  recordDescription: z.string().min(1).max(128),
  /** Shown in the dialog when an action has nothing to open yet. */
  unavailable: line,
});

/**
 * A private reply asked for in a channel or group chat lands in the 1:1 chat; its Share buttons stay,
 * posting back where it was asked (share-back-to-origin.ts). Their titles and answers name that place.
 */
const ShareBackWords = z.strictObject({
  channelButton: z.string().min(1).max(40),
  groupChatButton: z.string().min(1).max(40),
  sharedInChannel: line,
  sharedInGroupChat: line,
  /** The place is out of reach for good (the bot removed, the card too old), or the click was not the person's to make. */
  gone: line,
  /** Teams did not take the message this time. */
  unreachable: line,
  /** What `/engage export me` and `forget me` call the kept origins. */
  dataLabel: line,
});
export type ShareBackWords = z.infer<typeof ShareBackWords>;

/** The whole of prompts/teams.json. */
export const TeamsPrompts = CardWords.extend({ shareBack: ShareBackWords, messageActions: MessageActionWords });
export type TeamsWords = z.infer<typeof TeamsPrompts>;

export const loadTeamsPrompts = (dir = PROMPTS_DIR): TeamsWords => readPromptJson('teams.json', TeamsPrompts, dir);

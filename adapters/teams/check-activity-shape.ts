import { z } from 'zod';
import { bodyShapeProblem } from '../http/check-body-shape';

// botbuilder trusts the shape of what it is given: `entities` as a string, a `locale` object or a
// numeric `replyToId` make it (or the Connector's serializer, when it answers) throw in the middle
// of a turn. Every field the bot or botbuilder reads is typed here, and an activity that does not
// fit is refused with 400 before a turn starts (with TEAMS_LOCAL nothing else checks; with
// authentication on, only Microsoft's own activities get this far). Fields nobody reads pass as they
// are; null stands for "absent", as the Bot Framework sometimes sends it.

const id = z.string().min(1).max(1000);
const word = (max = 1000) => z.string().max(max).nullish();
const object = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

const Account = object({ id: word(), name: word(), aadObjectId: word(200), role: word(64) });

const Entity = object({
  type: z.string().max(100),
  text: word(),
  mentioned: Account.nullish(),
}).refine((e) => e.type.toLowerCase() !== 'mention' || Boolean(e.mentioned), { message: 'a mention needs `mentioned`', path: ['mentioned'] });

const TeamsActivity = object({
  type: z.string().min(1).max(64),
  id: word(),
  serviceUrl: z.string().max(1000).regex(/^https?:\/\//i, 'must be an http(s) URL'),
  channelId: word(64),
  conversation: object({ id, conversationType: word(64), tenantId: word(200), isGroup: z.boolean().nullish(), name: word() }),
  from: Account.extend({ id }).optional(),
  recipient: Account.extend({ id }),
  text: z.string().nullish(),
  textFormat: word(64),
  locale: word(64),
  localTimezone: word(100),
  timestamp: word(64),
  localTimestamp: word(64),
  expiration: word(64),
  replyToId: word(),
  name: word(200),
  action: word(64),
  deliveryMode: word(64),
  valueType: word(200),
  entities: z.array(Entity).max(100).nullish(),
  attachments: z.array(object({ contentType: word() })).max(50).nullish(),
  membersAdded: z.array(Account).max(1000).nullish(),
  membersRemoved: z.array(Account).max(1000).nullish(),
  relatesTo: object({}).nullish(),
  channelData: object({ tenant: object({ id: word(200) }).nullish() }).nullish(),
});

/** A short sentence naming the first field that does not fit (never its value), or undefined. */
export const activityShapeProblem = (body: Record<string, unknown>): string | undefined => bodyShapeProblem(TeamsActivity, body);

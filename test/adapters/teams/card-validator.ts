// The official Adaptive Cards parser (its Node entry: the package's ESM `main` does not load on Node 20).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.min.js');

/** Every parse warning and validation failure the official parser reports; [] means a clean card. */
export function cardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  if ((card as { version?: string }).version !== '1.5') problems.push('version is not 1.5');
  return problems;
}

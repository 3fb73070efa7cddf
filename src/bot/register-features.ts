import type { Actor } from '../base/incoming';
import type { ActionHandler, CommandHandler, DueRenderer, EngageWords, EventHandler, Feature, FormHandler, ShortcutHandler } from '../base/feature';
import type { Block } from '../base/reply';
import type { CommandSpec } from '../base/load-command-catalog';
import type { PersonalDataSource } from '../base/personal-data-source';

export interface Registry {
  commands: ReadonlyMap<string, CommandHandler>;
  actions: ReadonlyMap<string, ActionHandler>;
  forms: ReadonlyMap<string, FormHandler>;
  shortcuts: ReadonlyMap<string, ShortcutHandler>;
  events: ReadonlyMap<string, EventHandler>;
  /** In feature order, each under its feature's name (for logs). */
  home: ReadonlyArray<readonly [string, (actor: Actor) => Promise<Block[]>]>;
  engageWords: readonly EngageWords[];
  personalData: readonly PersonalDataSource[];
  dueMessages: ReadonlyMap<string, DueRenderer>;
}

/**
 * Collects what each feature contributes and refuses, at start-up, two features claiming one name,
 * and a command the catalog (prompts/commands.json) lists without a handler or the reverse: a
 * missing handler must be a start-up error, not an "unknown command" in front of a user.
 */
export function registerFeatures(features: readonly Feature[], catalog: readonly CommandSpec[]): Registry {
  const claim = <T>(table: Map<string, T>, what: string, feature: string, entries: Record<string, T> | undefined) => {
    for (const [name, value] of Object.entries(entries ?? {})) {
      if (table.has(name)) throw new Error(`${what} "${name}" is registered twice (again by the ${feature} feature)`);
      table.set(name, value);
    }
  };
  const names = new Set<string>();
  const commands = new Map<string, CommandHandler>();
  const actions = new Map<string, ActionHandler>();
  const forms = new Map<string, FormHandler>();
  const dueMessages = new Map<string, DueRenderer>();
  const shortcuts = new Map<string, ShortcutHandler>();
  const events = new Map<string, EventHandler>();
  for (const f of features) {
    if (names.has(f.name)) throw new Error(`two features are named "${f.name}"`);
    names.add(f.name);
    claim(commands, 'command', f.name, f.commands);
    claim(actions, 'action area', f.name, f.actions);
    claim(forms, 'form', f.name, f.forms);
    claim(dueMessages, 'reminder kind', f.name, f.dueMessages);
    claim(shortcuts, 'shortcut', f.name, f.shortcuts);
    claim(events, 'event', f.name, f.events);
  }
  const listed = new Set(catalog.map((c) => c.name));
  for (const name of listed) if (!commands.has(name)) throw new Error(`command "${name}" is in the catalog but has no handler`);
  for (const name of commands.keys()) if (!listed.has(name)) throw new Error(`handler "${name}" is missing from prompts/commands.json`);
  return {
    commands, actions, forms, dueMessages, shortcuts, events,
    home: features.flatMap((f) => (f.home ? [[f.name, f.home] as const] : [])),
    engageWords: features.flatMap((f) => (f.engageWords ? [f.engageWords] : [])),
    personalData: features.flatMap((f) => f.personalData ?? []),
  };
}

// What Slack refuses when a manifest is pasted into "Create New App → From a manifest", checked
// here first: no npm package ships Slack's manifest schema. The limits are those of Slack's app
// manifest reference (docs.slack.dev/reference/app-manifest) for the fields this app uses, plus the
// rules the manifest API reports ("Event Subscription requires either Request URL or Socket Mode
// Enabled", "Interactivity requires a Request URL"). One rule is this project's own: every request
// URL is https, because Slack's requests carry what people type.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['_metadata', 'display_information', 'features', 'oauth_config', 'settings'],
  display_information: ['name', 'description', 'long_description', 'background_color'],
  features: ['app_home', 'bot_user', 'slash_commands', 'shortcuts', 'unfurl_domains'],
  oauth_config: ['redirect_urls', 'scopes'],
  settings: ['event_subscriptions', 'interactivity', 'org_deploy_enabled', 'socket_mode_enabled', 'token_rotation_enabled', 'allowed_ip_address_ranges'],
};

/** Problems in words, one per string; none means Slack should accept it. */
export function checkSlackManifest(manifest: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(manifest)) return ['the manifest is not a JSON object'];
  for (const [section, keys] of Object.entries(KNOWN_KEYS)) {
    const value = section ? manifest[section] : manifest;
    if (value === undefined) continue;
    if (!isObject(value)) { problems.push(`${section} must be an object`); continue; }
    for (const key of Object.keys(value)) if (!keys.includes(key)) problems.push(`${section ? `${section}.` : ''}${key} is not a manifest field Slack knows`);
  }
  const display = isObject(manifest.display_information) ? manifest.display_information : undefined;
  if (!display) problems.push('display_information is required');
  else {
    length(problems, 'display_information.name', display.name, 1, 35);
    if (display.description !== undefined) length(problems, 'display_information.description', display.description, 1, 140);
    if (display.long_description !== undefined) length(problems, 'display_information.long_description', display.long_description, 175, 4000);
    if (display.background_color !== undefined && !/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(String(display.background_color))) problems.push('display_information.background_color must be a colour like #1d4e5f');
  }
  const features = isObject(manifest.features) ? manifest.features : {};
  const settings = isObject(manifest.settings) ? manifest.settings : {};
  const socketMode = settings.socket_mode_enabled === true;
  if (features.bot_user !== undefined) length(problems, 'features.bot_user.display_name', isObject(features.bot_user) ? features.bot_user.display_name : undefined, 1, 80);
  if (features.slash_commands !== undefined) {
    if (!Array.isArray(features.slash_commands) || features.slash_commands.length < 1 || features.slash_commands.length > 50) problems.push('features.slash_commands must list 1 to 50 commands');
    else features.slash_commands.forEach((c: unknown, i) => checkCommand(problems, c, i, socketMode));
  }
  if (features.shortcuts !== undefined) checkShortcuts(problems, features.shortcuts, settings.interactivity);
  const scopes = isObject(manifest.oauth_config) && isObject(manifest.oauth_config.scopes) ? manifest.oauth_config.scopes.bot : undefined;
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 50)) problems.push('oauth_config.scopes.bot must list the bot token scopes');
  const redirects = isObject(manifest.oauth_config) ? manifest.oauth_config.redirect_urls : undefined;
  if (redirects !== undefined) {
    if (!Array.isArray(redirects)) problems.push('oauth_config.redirect_urls must be a list');
    else redirects.forEach((u, i) => httpsUrl(problems, `oauth_config.redirect_urls[${i}]`, u));
  }
  const events = settings.event_subscriptions;
  if (events !== undefined) {
    if (!isObject(events)) problems.push('settings.event_subscriptions must be an object');
    else if (events.request_url !== undefined) httpsUrl(problems, 'settings.event_subscriptions.request_url', events.request_url);
    else if (!socketMode) problems.push('settings.event_subscriptions needs a request_url, or socket_mode_enabled: true');
  }
  const interactivity = settings.interactivity;
  if (isObject(interactivity) && interactivity.is_enabled === true) {
    if (interactivity.request_url !== undefined) httpsUrl(problems, 'settings.interactivity.request_url', interactivity.request_url);
    else if (!socketMode) problems.push('settings.interactivity needs a request_url, or socket_mode_enabled: true');
  }
  return problems;
}

function checkCommand(problems: string[], command: unknown, index: number, socketMode: boolean) {
  const where = `features.slash_commands[${index}]`;
  if (!isObject(command)) { problems.push(`${where} must be an object`); return; }
  if (typeof command.command !== 'string' || !/^\/\S{1,31}$/.test(command.command)) problems.push(`${where}.command must start with "/" and be at most 32 characters without spaces`);
  length(problems, `${where}.description`, command.description, 1, 2000);
  if (command.usage_hint !== undefined) length(problems, `${where}.usage_hint`, command.usage_hint, 1, 1000);
  if (command.url !== undefined) httpsUrl(problems, `${where}.url`, command.url);
  else if (!socketMode) problems.push(`${where} (${String(command.command)}) needs a url, or socket_mode_enabled: true`);
}

/** Slack's limits for shortcuts; they arrive over the interactivity request URL, so it must be on. */
function checkShortcuts(problems: string[], shortcuts: unknown, interactivity: unknown) {
  if (!Array.isArray(shortcuts) || shortcuts.length < 1 || shortcuts.length > 10) { problems.push('features.shortcuts must list 1 to 10 shortcuts'); return; }
  if (!isObject(interactivity) || interactivity.is_enabled !== true) problems.push('features.shortcuts need settings.interactivity.is_enabled: true');
  const ids = new Set<unknown>();
  shortcuts.forEach((shortcut: unknown, i) => {
    const where = `features.shortcuts[${i}]`;
    if (!isObject(shortcut)) { problems.push(`${where} must be an object`); return; }
    if (shortcut.type !== 'message' && shortcut.type !== 'global') problems.push(`${where}.type must be "message" or "global"`);
    length(problems, `${where}.name`, shortcut.name, 1, 24);
    length(problems, `${where}.callback_id`, shortcut.callback_id, 1, 255);
    length(problems, `${where}.description`, shortcut.description, 1, 150);
    if (ids.has(shortcut.callback_id)) problems.push(`${where}.callback_id ${String(shortcut.callback_id)} is used twice`);
    ids.add(shortcut.callback_id);
  });
}

function length(problems: string[], where: string, value: unknown, min: number, max: number) {
  if (typeof value !== 'string' || value.length < min || value.length > max) problems.push(`${where} must be text of ${min} to ${max} characters`);
}

function httpsUrl(problems: string[], where: string, value: unknown) {
  let ok = false;
  try {
    ok = typeof value === 'string' && new URL(value).protocol === 'https:';
  } catch { /* not a URL */ }
  if (!ok) problems.push(`${where} must be an https:// address`);
}

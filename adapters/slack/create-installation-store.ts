import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Storage } from '../../src/storage/open-storage';

// Workspaces that installed the app through OAuth, on the project's own storage (SQLite, Postgres or
// Redis) so every instance sees the same installations. An org-wide install is keyed by its
// enterprise id, a workspace install by its team id.

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

const keyOf = (q: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }) =>
  q.isEnterpriseInstall ? `org:${q.enterpriseId}` : `team:${q.teamId}`;

export class InstallationNotFound extends Error {
  override name = 'InstallationNotFound';
}

export interface SlackInstallationStore extends InstallationStore {
  deleteInstallation(q: InstallationQuery<boolean>): Promise<void>;
  /** The bot token that reaches a workspace: its own install's, or its organisation's org-wide one. */
  botTokenFor(teamId: string): Promise<string | undefined>;
}

/** `onInstalled`: a reinstall within the grace period keeps the workspace's data. */
export function createInstallationStore(storage: Storage, onInstalled: (teamId: string) => Promise<void> = async () => undefined): SlackInstallationStore {
  const installs = storage.namespace<AnyInstallation>('slack-installations');
  // A reminder knows only its workspace (team id). Under an org-wide install (Enterprise Grid) the
  // token is the organisation's, and only Slack's own requests say which organisation a workspace
  // belongs to: remembered from them, written once per workspace and process.
  const orgOf = storage.namespace<string>('slack-workspace-orgs');
  const remembered = new Map<string, string>();
  const remember = async (teamId: string, enterpriseId: string) => {
    if (remembered.get(teamId) === enterpriseId) return;
    await orgOf.set(teamId, enterpriseId);
    remembered.set(teamId, enterpriseId);
  };
  return {
    async storeInstallation(installation) {
      const key = keyOf({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
      await installs.set(key, installation as AnyInstallation);
      if (installation.team?.id) await onInstalled(installation.team.id);
    },
    async fetchInstallation(query) {
      const found = await installs.get(keyOf(query));
      if (!found) throw new InstallationNotFound('no installation for this workspace');
      if (query.isEnterpriseInstall && query.teamId && query.enterpriseId) await remember(query.teamId, query.enterpriseId);
      return found;
    },
    async deleteInstallation(query) {
      await installs.delete(keyOf(query));
    },
    async botTokenFor(teamId) {
      const own = await installs.get(keyOf({ teamId }));
      if (own) return own.bot?.token;
      const enterpriseId = await orgOf.get(teamId);
      return enterpriseId ? (await installs.get(keyOf({ isEnterpriseInstall: true, enterpriseId })))?.bot?.token : undefined;
    },
  };
}

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

/** `onInstalled`: a reinstall within the grace period keeps the workspace's data. */
export function createInstallationStore(storage: Storage, onInstalled: (teamId: string) => Promise<void> = async () => undefined): InstallationStore & { deleteInstallation(q: InstallationQuery<boolean>): Promise<void> } {
  const installs = storage.namespace<AnyInstallation>('slack-installations');
  return {
    async storeInstallation(installation) {
      const key = keyOf({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
      await installs.set(key, installation as AnyInstallation);
      if (installation.team?.id) await onInstalled(installation.team.id);
    },
    async fetchInstallation(query) {
      const found = await installs.get(keyOf(query));
      if (!found) throw new InstallationNotFound('no installation for this workspace');
      return found;
    },
    async deleteInstallation(query) {
      await installs.delete(keyOf(query));
    },
  };
}

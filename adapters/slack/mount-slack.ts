import type { MountDeps, PlatformMount } from '../platform-mount';

export async function mountSlack(_deps: MountDeps): Promise<PlatformMount> {
  throw new Error('The Slack adapter is not part of this build yet.');
}

import type { MountDeps, PlatformMount } from '../platform-mount';

export async function mountTeams(_deps: MountDeps): Promise<PlatformMount> {
  throw new Error('The Teams adapter is not part of this build yet.');
}

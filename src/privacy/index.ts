import type { Feature } from '../base/feature';
import type { PrivacyContext } from './privacy-context';
import { confirmForget, exportPersonalData, handlePrivacyAction } from './handle-privacy';

// People's control of their data: `/engage forget me` erases, `/engage export me` shows, what every
// registered source holds about the person. Workspace uninstalls and retention live here too.

export type { PrivacyContext } from './privacy-context';
export { loadPrivacyMessages, type PrivacyMessages } from './personal-data';
export { createWorkspaceLifecycle, type WorkspaceLifecycle } from './create-workspace-lifecycle';
export { startRetentionSweep, debriefRetentionJob, type RetentionJob } from './start-retention-sweep';

export function createPrivacyFeature(ctx: PrivacyContext): Feature {
  return {
    name: 'privacy',
    actions: { privacy: (action) => handlePrivacyAction(ctx, action) },
    engageWords(words, cmd, help) {
      if (words === 'forget me') return confirmForget(ctx, cmd.actor);
      if (words === 'export me') return exportPersonalData(ctx, cmd.actor);
      if (!words.startsWith('forget') && !words.startsWith('export')) return undefined;
      const reply = help();
      return { ...reply, blocks: [{ type: 'text', text: ctx.messages.usage }, ...reply.blocks] };
    },
  };
}

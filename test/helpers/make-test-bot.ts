import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleBot } from '../../src/bot/assemble-bot';
import { createDataCipher, parseDataKeys } from '../../src/crypto/create-data-cipher';
import { openStorage, type Storage } from '../../src/storage/open-storage';
import { fixedClock, type Clock } from '../../src/base/clock';
import type { Actor } from '../../src/base/incoming';
import type { AssembledBot } from '../../src/bot/assemble-bot';
import type { Logger } from '../../src/base/logger';
import type { Reminders } from '../../src/remind';

/**
 * A bot on a real SQLite file in a fresh temp folder; call `close()` in afterEach/afterAll. A `clock`
 * drives the storage's claims too (how long a replayed request or a held reminder is remembered).
 */
export function makeTestBot(opts: { clock?: Clock; logger?: Logger; reminders?: Pick<Reminders, 'create'>; debriefMinRespondents?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'engage-bot-test-'));
  const url = `sqlite://${join(dir, 'test.sqlite')}`;
  const storage: Storage = openStorage(url, opts.clock ? { clock: opts.clock } : {});
  const bot: AssembledBot = assembleBot({ storage, cipher: TEST_CIPHER, clock: opts.clock ?? fixedClock('2026-11-25T09:00:00Z'), ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.reminders ? { reminders: opts.reminders } : {}),
    ...(opts.debriefMinRespondents !== undefined ? { debriefMinRespondents: opts.debriefMinRespondents } : {}),
  });
  return {
    bot,
    storage,
    url,
    async close() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const slackActor: Actor = { platform: 'slack', tenantId: 'T0001', userId: 'U0001', timeZone: 'Africa/Nairobi' };

/** One fixed key for every test bot, so a test can reopen a store with a new bot and read it. */
export const TEST_CIPHER = createDataCipher(parseDataKeys('test:' + Buffer.alloc(32, 7).toString('base64')));

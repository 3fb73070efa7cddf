import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The directory holding engage-bot's package.json, found upwards from this code: the same from the
 * TypeScript sources (src/base/) and from the bundle `engage-bot start` runs (dist/), so prompts/
 * and the Teams app package are found from either.
 */
export function findPackageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

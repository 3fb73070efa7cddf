import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The guide text and the project's shared tools live in a `shared/` folder beside the repository
// (../shared from the project root). A clone elsewhere points SHARED_DIR at it; on the project's
// machines it is also at /work/shared. When none exists the tests that need it fail, loudly.
export function findSharedDir(): string {
  const candidates = [process.env.SHARED_DIR, join(__dirname, '..', '..', '..', 'shared'), '/work/shared'];
  const found = candidates.find((dir) => dir && existsSync(join(dir, 'guide', 'effective-engagement-guide.txt')));
  if (!found) throw new Error(`the shared/ folder (guide text, copy check) was not found; set SHARED_DIR (looked in ${candidates.filter(Boolean).join(', ')})`);
  return found;
}

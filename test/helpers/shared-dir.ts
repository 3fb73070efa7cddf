import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The guide text lives in a `shared/` folder beside the repository on the project's machines (or
// wherever SHARED_DIR points); it is never committed. Tests run on its fingerprint everywhere and
// check that fingerprint against the text only where the text is present.
export function findGuideText(): string | undefined {
  const candidates = [process.env.SHARED_DIR, join(__dirname, '..', '..', '..', 'shared'), '/work/shared'];
  const found = candidates.map((dir) => dir && join(dir, 'guide', 'effective-engagement-guide.txt')).find((p) => p && existsSync(p));
  return found ? readFileSync(found, 'utf8') : undefined;
}

// Checks one guide content file against the schema; used while writing content (npx tsx scripts/validate-guide-file.ts FILE).
import { readFileSync } from 'node:fs';
import { GuideFile } from '../src/guide/guide-schema';

for (const file of process.argv.slice(2)) {
  const parsed = GuideFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (parsed.success) console.log(`${file}: ${parsed.data.items.length} items valid`);
  else {
    console.log(`${file}: invalid`);
    for (const issue of parsed.error.issues) console.log(`  ${issue.path.join('.')}: ${issue.message}`);
    process.exitCode = 1;
  }
}

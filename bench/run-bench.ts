// `npm run bench`: measures the bot and prints a table; JSON results go to bench/results/.
// Not part of `npm test`: timings belong here, where they are reported, not asserted in unit tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchSearch } from './bench-search';
import { benchSlack } from './bench-slack';
import { benchStartup } from './bench-startup';
import { benchTeams } from './bench-teams';
import { benchReminders } from './bench-reminders';

/** One benchmark: `npm run bench -- <name>` runs only it. Return `{ table, ...details }` or a flat record. */
type Section = { name: string; run: () => unknown | Promise<unknown> };

const SECTIONS: Section[] = [
  { name: 'slack', run: () => benchSlack() },
  { name: 'search', run: benchSearch },
  { name: 'startup', run: () => benchStartup() },
  { name: 'teams', run: () => benchTeams() },
  { name: 'reminders', run: () => benchReminders() },
];

async function main() {
  const only = process.argv.slice(2);
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    at: new Date().toISOString(),
  };
  const results: Record<string, unknown> = { machine };
  for (const section of SECTIONS) {
    if (only.length && !only.includes(section.name)) continue;
    process.stderr.write(`bench: ${section.name} ...\n`);
    try {
      results[section.name] = await section.run();
    } catch (err) {
      results[section.name] = { error: (err as Error).message };
    }
    console.log(`\n## ${section.name}`);
    // A section may return { table, ...details }: the table is printed, everything goes to the JSON.
    const result = results[section.name] as { table?: unknown };
    console.table(result && typeof result === 'object' && 'table' in result ? result.table : result);
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nresults written to bench/results/latest.json (${machine.cores} cores, ${machine.cpu})`);
}

void main();

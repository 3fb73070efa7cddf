// Builds dist/engage-bot.js, the one file `engage-bot start` runs: our TypeScript bundled by esbuild,
// every package left to node_modules. Running the sources through tsx instead cost ~300 ms of a
// ~1.2 s start-up (its loader resolving, reading and checking every file; `npm run bench -- startup`).
// `npm install` builds it (prepare); bin/engage-bot.js builds it again when a source is newer, so an
// edited checkout never runs stale code. Plain JavaScript: it runs before anything is compiled.
const { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const OUTFILE = join(ROOT, 'dist', 'engage-bot.js');
const SOURCES = ['src', 'adapters'].map((dir) => join(ROOT, dir));

/** The latest modification time among the TypeScript sources. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  SOURCES.forEach(walk);
  return newest;
}

function isStale() {
  return !existsSync(OUTFILE) || statSync(OUTFILE).mtimeMs < newestSource();
}

function build() {
  const { buildSync } = require('esbuild');
  const result = buildSync({
    entryPoints: [join(ROOT, 'adapters', 'cli', 'run-cli.ts')],
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: OUTFILE,
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    logLevel: 'warning',
  });
  // Written aside and renamed: instances started together (a fleet, the tests) may build at once,
  // and none of them must load a half-written file.
  // The map first: the bundle names it, so it must be there once the bundle is.
  const mapFirst = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (const file of mapFirst) {
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
}

/** The bundle's path, built first if missing or older than a source. */
function ensureBundle() {
  if (!isStale()) return OUTFILE;
  try {
    build();
  } catch (err) {
    // A read-only install (a container, a service account) cannot write a new bundle: the one it
    // has still runs. A source that does not compile is an error, never a reason to run old code.
    const readOnly = ['EACCES', 'EPERM', 'EROFS'].includes(err && err.code);
    if (!readOnly || !existsSync(OUTFILE)) throw err;
    process.stderr.write(`engage-bot: cannot rewrite dist/engage-bot.js (${err.code}); running the bundle built before\n`);
  }
  return OUTFILE;
}

module.exports = { ensureBundle };

if (require.main === module) build();

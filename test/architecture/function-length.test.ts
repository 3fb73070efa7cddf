import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSync } from '@swc/core';

// Functions a newcomer can read in one screen: none in src/ or adapters/ runs over 80 lines.
const ROOT = join(__dirname, '..', '..');
const MAX_LINES = 80;
const FUNCTION_NODES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassMethod', 'MethodProperty', 'Constructor', 'GetterProperty', 'SetterProperty']);

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.ts$/.test(entry)) yield path;
  }
}

interface Span { start: number; end: number }

/** Every function's name (where it has one), first line and length in lines. */
export function functionLengths(code: string): { name: string; line: number; lines: number }[] {
  const module = parseSync(code, { syntax: 'typescript' }) as unknown as { span: Span; body: unknown[] };
  // swc counts in UTF-8 bytes from 1, and keeps counting across calls in one process: offsets are
  // taken relative to the module's own span, which starts at its first token.
  const bytes = Buffer.from(code);
  const firstToken = Buffer.from(code.slice(0, leadingTrivia(code))).length;
  const base = module.span.start - firstToken;
  const lineAt = (offset: number) => bytes.subarray(0, offset - base).toString().split('\n').length;
  const found: { name: string; line: number; lines: number }[] = [];
  const visit = (node: unknown, name: string) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) { for (const n of node) visit(n, name); return; }
    const n = node as Record<string, unknown> & { type?: string; span?: Span };
    const own = (n.identifier as { value?: string })?.value ?? ((n.key as { value?: string })?.value) ?? ((n.id as { value?: string })?.value);
    if (n.type && FUNCTION_NODES.has(n.type) && n.span) {
      const line = lineAt(n.span.start);
      found.push({ name: own ?? name, line, lines: lineAt(n.span.end) - line + 1 });
    }
    for (const [key, child] of Object.entries(n)) if (key !== 'span') visit(child, own ?? name);
  };
  visit(module.body, '(anonymous)');
  return found;
}

/** Characters of comments and blank space before the first token. */
function leadingTrivia(code: string): number {
  let i = 0;
  for (;;) {
    const rest = code.slice(i);
    const space = /^\s+/.exec(rest)?.[0].length ?? 0;
    if (space) { i += space; continue; }
    if (rest.startsWith('//')) { const nl = rest.indexOf('\n'); i += nl === -1 ? rest.length : nl + 1; continue; }
    if (rest.startsWith('/*')) { i += rest.indexOf('*/') + 2; continue; }
    if (rest.startsWith('#!')) { i += rest.indexOf('\n') + 1; continue; }
    return i;
  }
}

test(`no function in src/ or adapters/ is longer than ${MAX_LINES} lines`, () => {
  const long: string[] = [];
  for (const dir of ['src', 'adapters']) {
    for (const file of sources(join(ROOT, dir))) {
      for (const f of functionLengths(readFileSync(file, 'utf8'))) {
        if (f.lines > MAX_LINES) long.push(`${relative(ROOT, file)}:${f.line} ${f.name} (${f.lines} lines)`);
      }
    }
  }
  expect(long).toEqual([]);
});

test('the measure counts lines exactly, after comments and non-ASCII text, on every call', () => {
  const body = Array.from({ length: 79 }, (_, i) => `  const x${i} = 'é…→';`).join('\n');
  const code = `// a comment: é\n/* another */\n\nexport function fits() {\n${body}\n}\nconst over = () => {\n${body}\n  return 1;\n};\n`;
  for (let round = 0; round < 3; round++) {
    expect(functionLengths(code)).toEqual([
      { name: 'fits', line: 4, lines: 81 },
      { name: 'over', line: 85, lines: 82 },
    ]);
  }
});

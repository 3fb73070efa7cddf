// Deterministic generator of malformed and hostile values for the bad-input campaigns. Seeded, so
// a failure names a case number that reproduces.

export function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000\u0001\u0002\u001b[31m',
  '\u202eevil\u202c \u2066isolate\u2069',
  '\u200b\u200c\u200d\ufeff',
  '🙈🙉🙊🔥💯',
  'مرحبا، نريد توقيع اتفاقية عدم الإفشاء',
  '<!channel> <!here> <@U0001> <#C0001|general>',
  '@everyone @here',
  '<script>alert(1)</script>',
  '{"__proto__":{"polluted":true}}',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  "'; DROP TABLE engage; --",
  '%s%s%s%n',
  '${process.exit(1)}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '9'.repeat(400),
  'tip|'.repeat(300),
  '\n\n\n\r\r\t',
  'a\u0301\u0301\u0301\u0301\u0301\u0301',
];

/**
 * What people might type that a renderer could turn into markup for someone else to see: a live
 * link with a harmless label, an image, emphasis, a heading, a list, HTML, a mention of everyone.
 */
export const MARKUP_ATTACKS = [
  '[re-verify here](https://phishing.example)',
  '![logo](https://tracker.example/pixel.png)',
  '<https://phishing.example> <mailto:help@phishing.example>',
  '[click][1]\n\n[1]: https://phishing.example',
  '**urgent** __bold__ *it* _it_ ~~gone~~ `code`',
  '# Official notice from the bot',
  'Heading\n===',
  'Heading\n---',
  '- one\n- two\n* three\n+ four',
  '1. first\n2) second',
  '> quoted as if from the company',
  '<a href="https://phishing.example">Acme</a> <b>bold</b> <img src=x onerror=alert(1)>',
  '<at>everyone</at> <at>channel</at> <!channel> <@U0001>',
  '&#91;entity link&#93;&#40;https://phishing.example&#41; &lt;b&gt; &amp;',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '\\[already escaped\\](https://phishing.example)',
  'Acme\\',
  '    indented like code',
];

export function hostileString(rand: () => number): string {
  const pick = Math.floor(rand() * (NASTY_STRINGS.length + 3));
  if (pick === NASTY_STRINGS.length) return 'x'.repeat(5_000 + Math.floor(rand() * 100_000));
  if (pick === NASTY_STRINGS.length + 1) return Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(rand() * 0xffff))).join('');
  if (pick === NASTY_STRINGS.length + 2) return 'they want us to sign an NDA '.repeat(200);
  return NASTY_STRINGS[pick]!;
}

/** Any JSON-ish value of the wrong shape: numbers, arrays, objects, null, booleans, nasty strings. */
export function hostileValue(rand: () => number): unknown {
  switch (Math.floor(rand() * 8)) {
    case 0: return null;
    case 1: return undefined;
    case 2: return Math.floor(rand() * 1e9) * (rand() < 0.5 ? -1 : 1);
    case 3: return rand() < 0.5;
    case 4: return [hostileString(rand), 1, null];
    case 5: return { nested: hostileString(rand), __proto__: { polluted: true } };
    default: return hostileString(rand);
  }
}

/** Either a known-good value or a hostile one, so campaigns also reach deeper code paths. */
export function sometimes<T>(rand: () => number, good: T): unknown {
  return rand() < 0.4 ? good : hostileValue(rand);
}

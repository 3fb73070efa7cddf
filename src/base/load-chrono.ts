import type * as Chrono from 'chrono-node';

// chrono-node takes ~120 ms to load, an eighth of the bot's start-up (bench/bench-startup.ts), and
// only times typed to /engage-remind and /engage-debrief need it: loaded on first use instead.
let chrono: typeof Chrono | undefined;
export const loadChrono = (): typeof Chrono => (chrono ??= require('chrono-node') as typeof Chrono);

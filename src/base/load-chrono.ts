import type * as Chrono from 'chrono-node';

// chrono-node is a sizeable part of the bot's start-up to load (docs/performance.md), and only times
// typed to /engage-remind and /engage-debrief need it: loaded on first use instead.
let chrono: typeof Chrono | undefined;
export const loadChrono = (): typeof Chrono => (chrono ??= require('chrono-node') as typeof Chrono);

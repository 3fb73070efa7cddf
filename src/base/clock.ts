// Injected so tests and benchmarks control time; nothing else in src/ reads the system clock.
export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };
export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

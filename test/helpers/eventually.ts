/** Polls until `check` passes (a loaded CI machine may take longer than a fixed wait), then asserts it. */
export async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try { await check(); return; } catch (err) { if (Date.now() > until) throw err; }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Fills "{name}" placeholders. A missing value is a programming error: fail loudly in tests. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template value "${key}" missing`);
    return String(value);
  });
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, M: 2_592_000, y: 31_536_000 };

/** nginx time values (`90`, `90s`, `1m30s`, `500ms`) in seconds; undefined for variables or typos. */
export function nginxSeconds(value: string): number | undefined {
  if (!/^(\d+(ms|s|m|h|d|w|M|y)?)+$/.test(value)) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+)(ms|s|m|h|d|w|M|y)?/g)) total += Number(amount) * UNIT_SECONDS[unit ?? 's'];
  return total;
}

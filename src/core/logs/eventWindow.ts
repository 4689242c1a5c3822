/** The --since/--until window: events without a time are outside any window that is set. */
export interface EventWindow {
  since?: number;
  until?: number;
}

export function inWindow(time: number | undefined, { since, until }: EventWindow): boolean {
  if (since === undefined && until === undefined) return true;
  return time !== undefined && (since === undefined || time >= since) && (until === undefined || time <= until);
}

/** `date` plus whole calendar months; the 31st becomes the last day of a shorter month. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** The later of her last activity and the latest end of one of her counsellings. */
export function retentionBasis(lastActivityAt: Date, latestClosing: Date | null): Date {
  return latestClosing && latestClosing.getTime() > lastActivityAt.getTime()
    ? latestClosing
    : lastActivityAt;
}

/** Warnings go out this long before the deletion date. */
export const WARNING_BEFORE_MS = 14 * 24 * 3_600_000;

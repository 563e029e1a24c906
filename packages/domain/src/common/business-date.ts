/**
 * Business dates are calendar days in Asia/Shanghai (UTC+8, no daylight saving), written
 * YYYY-MM-DD. Pure: the instant comes from the caller's clock.
 *
 * @example
 * businessDateOf(new Date('2024-06-30T16:30:00Z')) // '2024-07-01'
 */
const shanghaiOffsetMs = 8 * 60 * 60 * 1000;

export function businessDateOf(instant: Date): string {
  return new Date(instant.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

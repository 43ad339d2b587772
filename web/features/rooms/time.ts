// China wall-clock helpers for the rooms pages: the server speaks instants, people pick dates and times in UTC+8.
const OFFSET = 8 * 3_600_000;

/** 'YYYY-MM-DD' in China time. */
export const cnDate = (iso: string | number | Date) =>
  new Date(new Date(iso).getTime() + OFFSET).toISOString().slice(0, 10);
/** 'HH:MM' in China time. */
export const cnTime = (iso: string | number | Date) =>
  new Date(new Date(iso).getTime() + OFFSET).toISOString().slice(11, 16);
/** The instant of a China date and time, as ISO with the +08:00 offset the server reads. */
export const instant = (date: string, time: string) => `${date}T${time}:00+08:00`;
/** 'YYYY-MM-DD' `n` days after `date`. */
export const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Today's China date. */
export const cnToday = () => cnDate(Date.now());

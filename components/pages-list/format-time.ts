/**
 * A readable time that is the same on the server and in the browser (so
 * hydration matches): UTC, medium date, short time. The exact ISO instant
 * goes in `<time dateTime>` and its title.
 */
const FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function readableTime(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  return `${FORMAT.format(date)} UTC`;
}

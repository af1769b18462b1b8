// How the console writes instants: day/month/year and the time, in the deployment's time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatInstant(instant: Date | null | undefined, timeZone: string): string {
  if (!instant) return '—';
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant).replace(',', '');
}

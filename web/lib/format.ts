// Small display helpers: dates and times in the reader's locale.
/** Formats an ISO timestamp as local date and time, or '—' when absent. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}

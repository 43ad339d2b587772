// Masking of personal data in lists: phones keep the first 3 and last 4 digits.
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length <= 7) return phone.replace(/.(?=.{2})/g, '*');
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** A person's name in lists and ledgers: the first character kept, the rest starred ('陈晨' → '陈*'). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

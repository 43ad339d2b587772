// The report draft in localStorage (fields and photo ids), restored on return, with one Idempotency-Key per draft.
import { useCallback, useEffect, useState } from 'react';
import type { DraftPhoto } from '../PhotoUploader';

export type ReportDraft = {
  /** The Idempotency-Key of this draft: made once, sent with every try, dropped with the draft. */
  key: string;
  categoryCode: string | null;
  location: { lat: number; lng: number } | null;
  address: string;
  description: string;
  photos: DraftPhoto[];
  solvedOnSpot: boolean;
  anonymous: boolean;
  /**
   * The resident the report is about (a care visit's finding): linked on the case instead of naming them in the
   * description, which may be made public. Only the id is kept here; the form reads the name through the people API.
   */
  residentId: number | null;
  /** A send was tried: the server may hold the case already, so a retry skips the "similar reports" step. */
  attempted: boolean;
};

const storageKey = (userId: number) => `jiayuan.reportDraft.${userId}`;

/** A random UUID; crypto.randomUUID needs a secure context, so plain-HTTP intranet hosts get the same from getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const empty = (): ReportDraft => ({
  key: newIdempotencyKey(),
  categoryCode: null,
  location: null,
  address: '',
  description: '',
  photos: [],
  solvedOnSpot: false,
  anonymous: false,
  residentId: null,
  attempted: false,
});

/** Whether a person typed or picked anything (an untouched form is not worth restoring). */
const hasContent = (d: ReportDraft) =>
  d.categoryCode !== null ||
  d.location !== null ||
  d.address !== '' ||
  d.description !== '' ||
  d.photos.length > 0 ||
  d.residentId !== null;

function load(userId: number): ReportDraft | null {
  try {
    const text = window.localStorage.getItem(storageKey(userId));
    if (!text) return null;
    const saved = JSON.parse(text) as Partial<ReportDraft>;
    if (typeof saved.key !== 'string' || saved.key.length < 8) return null;
    return { ...empty(), ...saved, photos: Array.isArray(saved.photos) ? saved.photos : [] };
  } catch {
    return null;
  }
}

function save(userId: number, draft: ReportDraft): void {
  try {
    if (hasContent(draft)) window.localStorage.setItem(storageKey(userId), JSON.stringify(draft));
    else window.localStorage.removeItem(storageKey(userId));
  } catch {
    // Private mode or a full storage: the draft lives as long as the page.
  }
}

/** The draft of this user, whether it was restored, a patch function and `clear()` (after the server acknowledged). */
export function useReportDraft(userId: number) {
  const [initial] = useState(() => {
    const saved = load(userId);
    return { draft: saved ?? empty(), restored: saved !== null && hasContent(saved) };
  });
  const [draft, setDraft] = useState<ReportDraft>(initial.draft);
  const [restored, setRestored] = useState(initial.restored);

  useEffect(() => save(userId, draft), [userId, draft]);

  const update = useCallback((patch: Partial<Omit<ReportDraft, 'key'>>) => setDraft((d) => ({ ...d, ...patch })), []);
  const clear = useCallback(() => {
    try {
      window.localStorage.removeItem(storageKey(userId));
    } catch {
      // Nothing stored.
    }
    setDraft(empty());
    setRestored(false);
  }, [userId]);

  return { draft, restored, update, clear };
}

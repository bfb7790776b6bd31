import { useEffect, useState } from 'react';
import { useDocumentStore } from '../stores/document-store';

/** A transient toast for the store's notices (errors stay until dismissed or replaced; info fades after 4 s). */
export function NoticeToast() {
  const notice = useDocumentStore((s) => s.notice);
  const [hidden, setHidden] = useState<number | null>(null);
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const t = setTimeout(() => setHidden(notice.seq), 4000);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice || hidden === notice.seq) return null;
  return (
    <div className={`toast ${notice.kind === 'error' ? 'is-error' : 'is-info'}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" className="btn ghost small" aria-label="Dismiss" onClick={() => setHidden(notice.seq)}>
        ✕
      </button>
    </div>
  );
}

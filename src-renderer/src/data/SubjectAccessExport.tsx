import { useState } from 'react';
import { call, saveBytes } from '../api.ts';
import { Announced } from '../ui/Announced.tsx';
import { useFocusReturn } from '../ui/use-focus-if-lost.ts';

/**
 * "Export everything held" for one household (subject access request), for its record page:
 * `<SubjectAccessExport id={household.id} />`.
 */
export function SubjectAccessExport({ id }: { id: number }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const returnFocus = useFocusReturn(busy);
  const run = (format: 'xlsx' | 'json') => {
    returnFocus();
    setBusy(true);
    setMessage(null);
    call('data.exportHousehold', { id, format })
      .then((file) => {
        saveBytes(file.fileName, file.base64, file.mime);
        setMessage({ text: `Saved ${file.fileName}.`, error: false });
      })
      .catch((e: unknown) => setMessage({ text: (e as Error).message, error: true }))
      .finally(() => setBusy(false));
  };
  return (
    <div role="group" aria-label="Subject access export" className="data-confirm">
      <span>Everything held about this household:</span>
      <button type="button" className="secondary" disabled={busy} onClick={() => run('xlsx')}>
        Export (Excel)
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={() => run('json')}>
        Export (JSON)
      </button>
      <span role="status" className={message?.error ? 'error' : undefined}>
        <Announced news={message} />
      </span>
    </div>
  );
}

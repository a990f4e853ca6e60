import { useEffect, useRef, useState } from 'react';

/**
 * A Refresh button reads the figures again and, focus staying on it, nothing on screen need change:
 * a keyboard or screen reader user had no sign it had done anything. Call `asked` as it is pressed;
 * once the reading it started has ended, `news` (for Announced, in a status line) says `words`, each
 * time afresh. A reading that failed says nothing here: its error is an alert of its own.
 */
export function useRefreshed(loading: boolean, failed: boolean, words: string) {
  const [waiting, setWaiting] = useState(false);
  const [news, setNews] = useState<{ text: string } | null>(null);
  // The reading starts after the press is drawn (useApi's effect): the end is a fall from loading.
  const wasLoading = useRef(loading);
  useEffect(() => {
    if (waiting && wasLoading.current && !loading) {
      setWaiting(false);
      setNews(failed ? null : { text: words });
    }
    wasLoading.current = loading;
  }, [waiting, loading, failed, words]);
  const asked = () => {
    setNews(null);
    setWaiting(true);
  };
  return { news, asked };
}

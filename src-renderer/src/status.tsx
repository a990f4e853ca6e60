import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Status } from '../../src-main/contract/system.ts';
import { call } from './api.ts';
import { onNewDay, setToday } from './households/format.ts';
import { takePrefetched } from './ui/prefetch.ts';

interface StatusState {
  status: Status | null;
  /**
   * Why the status could not be read, as news for Announced: a new object for each failed read, so
   * the same words failing again are said again (App's banner), where a string would change nothing.
   */
  failure: { text: string } | null;
  /** Re-reads the status, e.g. after switching database or importing. */
  refresh(): Promise<void>;
  /** Replaces the status with one a call already returned. */
  set(status: Status): void;
}

const StatusContext = createContext<StatusState | null>(null);

export function StatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [failure, setFailure] = useState<{ text: string } | null>(null);
  const refresh = useCallback(async () => {
    try {
      // The first status was asked for at start-up (App.tsx); a refresh asks again.
      const s = await (takePrefetched('system.getStatus', '{}') ?? call('system.getStatus', {}));
      setToday(s.today);
      setStatus(s);
      setFailure(null);
    } catch (e) {
      setFailure({ text: (e as Error).message });
    }
  }, []);
  useEffect(() => {
    void refresh();
    // Past midnight, the core is asked its day again the first time a form wants today.
    onNewDay(() => void refresh());
    return () => onNewDay(null);
  }, [refresh]);
  return (
    <StatusContext.Provider
      value={{
        status,
        failure,
        refresh,
        set: (s: Status) => (setToday(s.today), setStatus(s)),
      }}
    >
      {children}
    </StatusContext.Provider>
  );
}

export function useStatus(): StatusState {
  const value = useContext(StatusContext);
  if (!value) throw new Error('useStatus outside StatusProvider');
  return value;
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportJobView, ImportResult } from '../../../src-main/contract/imports.ts';
import { call } from '../api.ts';

export interface StartOptions {
  path: string;
  fileName: string;
  sheet?: string;
  kind?: 'enquiries' | 'carers' | 'auto';
  mapping?: Array<{ column: number; field: string | null }>;
  overwriteHand?: boolean;
}

const POLL_MS = 150;

/**
 * One import job seen from the UI: start it, poll its progress until the core has a
 * preview (or an error), cancel it, commit it. The core does the work in a worker process;
 * this only asks how far it has got. While a commit is being written nothing else is offered.
 */
export function useImportJob() {
  const [job, setJob] = useState<ImportJobView | null>(null);
  // News for Announced: a new object for each failure, so a second one in the same words (Cancel
  // pressed again with the core out of reach) is said again.
  const [error, setError] = useState<{ text: string } | null>(null);
  const [committing, setCommitting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The job being followed. An answer about any other (one asked for before Cancel, or before
  // another file was chosen) is dropped: shown, it put a cancelled job back to "reading" and,
  // polled again, left the newer job unfollowed.
  const following = useRef<string | null>(null);
  const stopPolling = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    following.current = null;
  };
  useEffect(() => stopPolling, []);

  const poll = useCallback((jobId: string) => {
    stopPolling();
    following.current = jobId;
    timer.current = setTimeout(async () => {
      try {
        const next = await call('imports.getJob', { jobId });
        if (following.current !== jobId) return;
        setJob(next);
        if (next.state === 'running') poll(jobId);
      } catch (e) {
        if (following.current === jobId) setError({ text: (e as Error).message });
      }
    }, POLL_MS);
  }, []);

  const start = useCallback(
    async (o: StartOptions) => {
      stopPolling();
      setError(null);
      try {
        const started = await call('imports.startImport', {
          path: o.path,
          fileName: o.fileName,
          sheet: o.sheet,
          kind: o.kind ?? 'auto',
          mapping: o.mapping,
          overwriteHand: o.overwriteHand ?? false,
        });
        setJob(started);
        if (started.state === 'running') poll(started.jobId);
      } catch (e) {
        setError({ text: (e as Error).message });
      }
    },
    [poll],
  );

  const cancel = useCallback(async () => {
    if (!job) return;
    stopPolling();
    try {
      setJob(await call('imports.cancelImport', { jobId: job.jobId }));
    } catch (e) {
      setError({ text: (e as Error).message });
    }
  }, [job]);

  const commit = useCallback(
    async (saveProfileAs?: string): Promise<ImportResult | null> => {
      if (!job) return null;
      setError(null);
      setCommitting(true);
      try {
        const result = await call('imports.commitImport', { jobId: job.jobId, saveProfileAs });
        setJob({ ...job, state: 'committed', batchId: result.batch });
        return result;
      } catch (e) {
        setError({ text: (e as Error).message });
        return null;
      } finally {
        setCommitting(false);
      }
    },
    [job],
  );

  const reset = useCallback(() => {
    stopPolling();
    setJob(null);
    setError(null);
  }, []);

  return { job, error, committing, start, cancel, commit, reset };
}

import { useCallback, useState } from 'react';
import type { HomeDrillResult } from '../../../src-main/contract/planning.ts';
import { call } from '../api.ts';

export interface DrillState {
  key: string;
  title: string;
  result: HomeDrillResult | null;
  error: string | null;
}

/** The dashboard's open list: which number was chosen, and its households once the core answers. */
export function useDrill() {
  const [drill, setDrill] = useState<DrillState | null>(null);
  const open = useCallback((key: string, title: string) => {
    setDrill({ key, title, result: null, error: null });
    call('planning.listHouseholds', { drill: key })
      .then((result) => setDrill((d) => (d?.key === key ? { ...d, result } : d)))
      .catch((e: Error) => setDrill((d) => (d?.key === key ? { ...d, error: e.message } : d)));
  }, []);
  return { drill, open, close: () => setDrill(null) };
}

/** What every panel gets to open a number's households. */
export interface DrillProps {
  selected: string | null;
  onOpen(key: string, title: string): void;
}

import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import type { Input, MethodName, Output } from '../../../src-main/contract/index.ts';
import { call } from '../api.ts';
import { useAction } from '../ui/use-action.ts';

/** What every journey action form takes: the record, and where the fresh record goes once the core answers. */
export interface JourneyFormProps {
  record: HouseholdRecord;
  /** `what`: what was saved, where the status line should say it ("the correction"). */
  onDone(r: HouseholdRecord, what?: string): void;
}

/** The methods that change a household's journey: each answers with the whole fresh record. */
type RecordMethod = { [M in MethodName]: Output<M> extends HouseholdRecord ? M : never }[MethodName];

/**
 * What a method's save is called in the status line, where where the household now stands would not
 * say it (helper-254: after a correction it said only "Saved. FF000394 has ceased fostering.").
 */
const SAID: Partial<Record<RecordMethod, string>> = {
  'households.correctClosure': 'the correction',
  'households.correctCessation': 'the correction',
};

/**
 * One journey action: `send` calls the core through useAction (busy, the refusal beside its field)
 * and hands the fresh record to the page; `then` runs only when the core accepted (to clear the form).
 */
export function useJourneyAction(onDone: JourneyFormProps['onDone']) {
  const act = useAction();
  const send = <M extends RecordMethod>(method: M, input: Input<M>, then?: () => void) =>
    void act.run(async () => {
      onDone((await call(method, input)) as HouseholdRecord, SAID[method]);
      then?.();
    });
  return { ...act, send };
}

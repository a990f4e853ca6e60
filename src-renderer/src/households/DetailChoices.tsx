import {
  HOUSEHOLD_TYPES,
  SOURCES,
  householdTypeLabel,
  sourceLabel,
} from '../../../src-main/contract/vocab.ts';
import { ChoiceField } from '../ui/ChoiceField.tsx';

interface Props {
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
}

/** Where the enquiry came from: the adding and the editing forms share it. */
export const SourceField = (p: Props) => (
  <ChoiceField label="Source" choices={SOURCES} labelOf={sourceLabel} {...p} />
);

/** Single applicant or couple: the adding and the editing forms share it. */
export const HouseholdTypeField = (p: Props) => (
  <ChoiceField label="Household" choices={HOUSEHOLD_TYPES} labelOf={householdTypeLabel} {...p} />
);

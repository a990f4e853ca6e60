import {
  CONNECTED_PERSON_BASES,
  CONNECTED_PERSON_BASIS_LABELS,
  type ConnectedPersonBasis,
} from '../../../src-main/contract/vocab.ts';
import { ChoiceField, choicesOf } from '../ui/ChoiceField.tsx';
import { NumberField } from '../ui/NumberField.tsx';

/** Settings › Your data's form as typed: the numbers as text until saved. */
export interface SettingsForm {
  keep: string;
  enquirer: string;
  applicant: string;
  carer: string;
  connected: string;
  connectedPersons: ConnectedPersonBasis;
}

export const EMPTY_FORM: SettingsForm = {
  keep: '',
  enquirer: '',
  applicant: '',
  carer: '',
  connected: '',
  connectedPersons: 'kinship_pathway',
};

const CONNECTED_PERSONS = choicesOf<ConnectedPersonBasis>(
  CONNECTED_PERSON_BASES,
  CONNECTED_PERSON_BASIS_LABELS,
);

/**
 * How many backups to keep and how long personal details are kept: each period with the law that
 * sets its least (the core refuses less too), and which households are kept as connected persons.
 */
export function SettingsFields({
  form,
  onChange,
}: {
  form: SettingsForm;
  onChange(form: SettingsForm): void;
}) {
  const field = (
    key: Exclude<keyof SettingsForm, 'connectedPersons'>,
    label: string,
    hint: string,
    min: number,
  ) => (
    <NumberField
      label={label}
      hint={hint}
      min={min}
      max={key === 'keep' ? 1000 : 100}
      required
      value={form[key]}
      onChange={(text) => onChange({ ...form, [key]: text })}
    />
  );
  return (
    <>
      {field('keep', 'Backups to keep', 'Older ones are deleted.', 1)}
      {field('enquirer', 'Enquirers who never applied (years after closure)', 'Local policy; at least 1.', 1)}
      {field(
        'applicant',
        'Withdrawn or refused applicants (years after the decision)',
        'Fostering Services Regulations 2011, reg. 32: at least 3.',
        3,
      )}
      {field('carer', 'Carers (years after ceasing to foster)', 'Reg. 32(1): at least 10.', 10)}
      {field(
        'connected',
        'Connected persons, kinship (years after the placement ended)',
        'Reg. 32(2): at least 10. Counted from the closure date.',
        10,
      )}
      <ChoiceField
        label="Who is kept as a connected person"
        hint="Reg. 32(2) keeps the records of people a child was placed with under reg. 24. Choose the second only if every reg. 24 placement is recorded in the app: a kinship household without one is then kept as an enquirer or applicant. A decision for your data protection officer."
        empty={false}
        choices={CONNECTED_PERSONS}
        value={form.connectedPersons}
        onChange={(k) => onChange({ ...form, connectedPersons: k as ConnectedPersonBasis })}
      />
    </>
  );
}

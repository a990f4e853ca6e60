import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { OfstedSettings } from '../../../src-main/contract/carers.ts';
import { call } from '../api.ts';
import { SaveStatus } from '../ui/SaveStatus.tsx';
import { useSave } from '../ui/use-save.ts';
import { DateField } from '../ui/DateField.tsx';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';

type Counts = Record<string, string>;

const toText = (counts: Record<string, number>): Counts =>
  Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, String(n)]));

/**
 * Settings: the local children-in-care profile by ethnic group, typed in from the service's own
 * figures (e.g. the SSDA903 return at 31 March). The diversity table shows it beside the people
 * coming forward. An empty box means no figure for that group.
 */
export function ChildrenInCareProfile({
  settings,
  onSaved,
}: {
  settings: OfstedSettings;
  /** The settings as the save stored them, shown as they are (not read again). */
  onSaved(saved: OfstedSettings): void;
}) {
  const [asAt, setAsAt] = useState('');
  const [counts, setCounts] = useState<Counts>({});
  const act = useSave();
  const errorId = useId();
  const table = useRef<HTMLTableElement>(null);
  // A refused box is marked, described by the message, and takes focus: the person is where it says.
  const countField = (key: string) => `childrenInCare.counts.${key}`;
  useEffect(() => {
    if (act.error?.field?.startsWith('childrenInCare.counts.'))
      table.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [act.error]);
  // Reset to what is stored only when the stored profile changes (not when the other form saves).
  const stored = JSON.stringify(settings.childrenInCare);
  useEffect(() => {
    const profile = JSON.parse(stored) as OfstedSettings['childrenInCare'];
    setAsAt(profile.asAt ?? '');
    setCounts(toText(profile.counts));
  }, [stored]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const numbers: Record<string, number> = {};
    for (const g of settings.groups) {
      const text = (counts[g.key] ?? '').trim().replace(/,/g, '');
      if (text === '') continue;
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0) {
        act.setError({
          message: `${g.label}: give a whole number of children, or leave it empty.`,
          field: countField(g.key),
        });
        return;
      }
      numbers[g.key] = n;
    }
    act.save(async () => {
      // Drawn from the save's own answer, the fields locked till then: a reading asked after
      // "Saved." and answered late put the stored counts back over one typed since.
      onSaved(
        await call('carers.saveOfstedSettings', { childrenInCare: { asAt: asAt || null, counts: numbers } }),
      );
      return 'Saved. The diversity table shows this profile.';
    });
  };

  return (
    <section aria-labelledby="children-in-care-title">
      <h2 id="children-in-care-title">Children in care profile</h2>
      <p className="hint">
        Children in the council&apos;s care by ethnic group, from your own figures. The diversity table shows
        them beside the people coming forward to foster.
      </p>
      <form onSubmit={submit}>
        <FieldsLockedWhileSaving saving={act.busy}>
          <div className="planning-choices">
            <DateField
              label="Figures as at"
              error={act.errorFor('asAt', 'childrenInCare.asAt')}
              hint="The date the figures describe, e.g. 31 March."
              value={asAt}
              onChange={(d) => setAsAt(d)}
            />
          </div>
          <TableScroll>
            <table className="planning-grid" ref={table}>
              <caption className="visually-hidden">Children in care by ethnic group</caption>
              <thead>
                <tr>
                  <th scope="col">Ethnic group</th>
                  <th scope="col">Children</th>
                </tr>
              </thead>
              <tbody>
                {settings.groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{g.label}</th>
                    <td>
                      <input
                        autoComplete="off"
                        {...(act.error?.field === countField(g.key)
                          ? { 'aria-invalid': true, 'aria-describedby': errorId }
                          : {})}
                        type="text"
                        inputMode="numeric"
                        size={7}
                        aria-label={`Children in care: ${g.label}`}
                        value={counts[g.key] ?? ''}
                        onChange={(e) => setCounts((c) => ({ ...c, [g.key]: e.target.value }))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </FieldsLockedWhileSaving>
        <SaveStatus
          save={act}
          label="Save profile"
          shown={['asAt', 'childrenInCare.asAt']}
          errorId={errorId}
        />
      </form>
    </section>
  );
}

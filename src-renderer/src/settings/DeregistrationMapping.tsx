import { useEffect, useState, type FormEvent } from 'react';
import type { OfstedSettings } from '../../../src-main/contract/carers.ts';
import { call } from '../api.ts';
import { SaveStatus } from '../ui/SaveStatus.tsx';
import { useSave } from '../ui/use-save.ts';
import { TableScroll } from '../ui/TableScroll.tsx';

/**
 * Settings: which of the Ofsted return's deregistration categories each leaving reason counts
 * under. The default reasons map to the category of the same name; a reason the service added
 * counts as "other" until it is mapped here. Retired reasons stay listed: past cessations use them.
 */
export function DeregistrationMapping({ settings, onSaved }: { settings: OfstedSettings; onSaved(): void }) {
  // Only the categories chosen here, over the stored ones: the settings are read again whenever a
  // reason is added or renamed above, or a save is answered, and taking every stored category
  // afresh then put back a choice not yet saved (or made since "Saved.").
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const act = useSave();
  const categoryOf = (d: OfstedSettings['deregistration'][number]) => chosen[d.reasonKey] ?? d.category;
  // A choice the stored mapping now holds is no longer the person's own (a change made elsewhere shows).
  useEffect(() => {
    const stored = new Map(settings.deregistration.map((d) => [d.reasonKey, d.category]));
    setChosen((c) => {
      const kept = Object.entries(c).filter(([k, v]) => stored.has(k) && stored.get(k) !== v);
      return kept.length === Object.keys(c).length ? c : Object.fromEntries(kept);
    });
  }, [settings.deregistration]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const mapping = Object.fromEntries(settings.deregistration.map((d) => [d.reasonKey, categoryOf(d)]));
    act.save(async () => {
      await call('carers.saveOfstedSettings', { deregistration: mapping });
      onSaved();
      return 'Saved. The Ofsted return counts leaving reasons under these categories.';
    });
  };

  return (
    <section aria-labelledby="deregistration-title">
      <h2 id="deregistration-title">Ofsted deregistration categories</h2>
      <p className="hint">
        The Ofsted return counts households that stopped fostering by its own deregistration categories.
        Choose the category each leaving reason counts under.
      </p>
      <form onSubmit={submit}>
        <TableScroll>
          <table className="planning-grid">
            <caption className="visually-hidden">
              Leaving reasons and their Ofsted deregistration categories
            </caption>
            <thead>
              <tr>
                <th scope="col">Leaving reason</th>
                <th scope="col">Ofsted category</th>
              </tr>
            </thead>
            <tbody>
              {settings.deregistration.map((d) => (
                <tr key={d.reasonKey} className={d.retired ? 'hint' : undefined}>
                  <th scope="row">
                    {d.reasonLabel}
                    {d.retired ? ' (retired)' : ''}
                  </th>
                  <td>
                    <select
                      aria-label={`Ofsted category for ${d.reasonLabel}`}
                      value={categoryOf(d)}
                      onChange={(e) => setChosen((c) => ({ ...c, [d.reasonKey]: e.target.value }))}
                    >
                      {settings.categories.map((c) => (
                        <option key={c.key} value={c.key}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <SaveStatus save={act} label="Save categories" />
      </form>
    </section>
  );
}

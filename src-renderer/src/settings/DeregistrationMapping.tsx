import { useEffect, useState, type FormEvent } from 'react';
import type { OfstedSettings } from '../../../src-main/contract/carers.ts';
import { call } from '../api.ts';
import { SaveStatus } from '../ui/SaveStatus.tsx';
import { useSave } from '../ui/use-save.ts';

/**
 * Settings: which of the Ofsted return's deregistration categories each leaving reason counts
 * under. The default reasons map to the category of the same name; a reason the service added
 * counts as "other" until it is mapped here. Retired reasons stay listed: past cessations use them.
 */
export function DeregistrationMapping({ settings, onSaved }: { settings: OfstedSettings; onSaved(): void }) {
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const act = useSave();
  // Reset to what is stored only when the stored mapping changes (not when the other form saves).
  const stored = JSON.stringify(settings.deregistration);
  useEffect(() => {
    const list = JSON.parse(stored) as OfstedSettings['deregistration'];
    setMapping(Object.fromEntries(list.map((d) => [d.reasonKey, d.category])));
  }, [stored]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
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
                    value={mapping[d.reasonKey] ?? d.category}
                    onChange={(e) => setMapping((m) => ({ ...m, [d.reasonKey]: e.target.value }))}
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
        <SaveStatus save={act} label="Save categories" />
      </form>
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { PipelineColumn } from '../../../src-main/contract/households.ts';
import { countOf, PATHWAYS, type Pathway } from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { Announced } from '../ui/Announced.tsx';
import { pathwayLabel, stageLabel, uk } from './format.ts';

/** Open households in columns by current stage, longest waiting first. */
export function Pipeline() {
  const [pathway, setPathway] = useState<Pathway | ''>('');
  const [columns, setColumns] = useState<PipelineColumn[] | null>(null);
  // A new object for each failure: another pathway failing with the same words is said again.
  const [failure, setFailure] = useState<{ text: string } | null>(null);
  useEffect(() => {
    let live = true;
    call('households.getPipeline', { pathway: pathway || undefined, limit: 50 })
      .then((c) => live && (setColumns(c), setFailure(null)))
      .catch((e: Error) => live && setFailure({ text: e.message }));
    return () => {
      live = false;
    };
  }, [pathway]);
  return (
    <div>
      <div className="hh-field hh-inline">
        <label htmlFor="pipeline-pathway">Pathway</label>
        <select
          id="pipeline-pathway"
          value={pathway}
          onChange={(e) => setPathway(e.target.value as typeof pathway)}
        >
          <option value="">All</option>
          {PATHWAYS.map((p) => (
            <option key={p} value={p}>
              {pathwayLabel(p)}
            </option>
          ))}
        </select>
      </div>
      {failure && (
        <p role="alert" className="error">
          <Announced news={failure} />
        </p>
      )}
      <div className="hh-pipeline">
        {columns?.map((c) => (
          <section key={c.stage} aria-labelledby={`pipe-${c.stage}`} className="hh-pipe-col">
            <h2 id={`pipe-${c.stage}`}>
              {stageLabel(c.stage)} <span className="hh-pipe-count">{c.count.toLocaleString('en-GB')}</span>
            </h2>
            <ul>
              {c.households.map((h) => (
                <li key={h.id} className={h.overdue ? 'hh-overdue' : undefined}>
                  <a href={`#/households?id=${h.id}`}>
                    {h.reference} {h.name}
                  </a>
                  <span className="hint">
                    {' '}
                    {h.days === null ? '– days' : countOf(h.days, 'day')} (since {uk(h.stageDate)})
                    {h.overdue ? ', overdue alert' : ''}
                  </span>
                </li>
              ))}
            </ul>
            {c.count > c.households.length && (
              <p className="hint">
                <a href={`#/households?status=open&stage=${c.stage}`}>
                  All {c.count.toLocaleString('en-GB')} at {stageLabel(c.stage)}
                </a>
              </p>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}

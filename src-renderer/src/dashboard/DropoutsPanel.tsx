import { countOf } from '../../../src-main/contract/vocab.ts';
import { NumberButton } from '../ui/NumberButton.tsx';
import { Panel } from '../ui/Page.tsx';
import { counted, type P } from './panels.tsx';

/**
 * The commonest drop-out reasons of the year: the five, and every reason with as many as the fifth,
 * numbered by rank (tied reasons share a number and say "joint"), so no reason is put below
 * another it equals. Too many tied with the fifth to list are counted in one line instead.
 */
export function DropoutsPanel({ d, selected, onOpen }: P) {
  const o = d.dropouts;
  const more = o.more;
  const moreWhat = more
    ? `${countOf(more.reasons, o.top.length > 0 ? 'more reason' : 'reason')} with ${countOf(more.each, 'drop-out')} each`
    : '';
  return (
    <Panel id="dropouts" title={`Top drop-out reasons, ${d.fy} ${counted(d)}`}>
      {o.top.length === 0 && !more && <p>No drop-outs recorded this year.</p>}
      {o.top.length > 0 && (
        <ol className="dash-list">
          {o.top.map((r) => (
            <li key={r.reason} value={r.rank}>
              {r.label}:{' '}
              <NumberButton
                value={r.count.value}
                what={`drop-outs, ${r.label}`}
                pressed={selected === r.count.drill}
                onOpen={() => onOpen(r.count.drill, `Drop-outs in ${d.fy}: ${r.label}`)}
              />
              {r.joint ? ' (joint)' : ''}
            </li>
          ))}
        </ol>
      )}
      {more && (
        <p>
          {o.top.length > 0 ? 'And ' : ''}
          {moreWhat},{' '}
          <NumberButton
            value={more.count.value}
            what={`drop-outs, the ${moreWhat}`}
            pressed={selected === more.count.drill}
            onOpen={() => onOpen(more.count.drill, `Drop-outs in ${d.fy}: the ${moreWhat}`)}
          />{' '}
          in all
        </p>
      )}
      <p>
        All drop-outs this year:{' '}
        <NumberButton
          value={o.total.value}
          what={`drop-outs in ${d.fy}`}
          pressed={selected === o.total.drill}
          onOpen={() => onOpen(o.total.drill, `Drop-outs in ${d.fy}`)}
        />
      </p>
    </Panel>
  );
}

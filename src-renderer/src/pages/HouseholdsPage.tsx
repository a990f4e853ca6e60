import { AddHousehold } from '../households/AddHousehold.tsx';
import { HouseholdList, filterFromParams, sortFromParams } from '../households/HouseholdList.tsx';
import { HouseholdRecord } from '../households/HouseholdRecord.tsx';
import { Pipeline } from '../households/Pipeline.tsx';
import { keptOffAddress, useNavigationCount } from '../routes.ts';
import '../households/households.css';
import type { PageProps } from './page-props.ts';

const VIEWS = [
  { key: 'list', label: 'List' },
  { key: 'pipeline', label: 'Pipeline' },
  { key: 'add', label: 'Add household' },
] as const;

/**
 * Households: the list (virtualised, indexed queries), the pipeline, adding by hand, and one
 * household's record at `#/household?id=N` (also `#/households?id=N`).
 */
export function HouseholdsPage({ params }: PageProps) {
  const id = Number(params.get('id'));
  const view = (params.get('view') ?? 'list') as (typeof VIEWS)[number]['key'];
  // The list keeps its filters and sort in the address itself, its search off it (keepOffAddress);
  // each navigation (a drill's link, Back from a record, List) starts it again from them.
  const navigation = useNavigationCount();
  if (Number.isInteger(id) && id > 0) return <HouseholdRecord key={id} id={id} />;
  const search = keptOffAddress();
  const filter = search ? { ...filterFromParams(params), search } : filterFromParams(params);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Households</h1>
      <nav aria-label="Households views" className="hh-views">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.key}>
              <a
                href={v.key === 'list' ? '#/households' : `#/households?view=${v.key}`}
                aria-current={view === v.key ? 'page' : undefined}
              >
                {v.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {view === 'pipeline' ? (
        <Pipeline />
      ) : view === 'add' ? (
        <AddHousehold />
      ) : (
        <HouseholdList key={navigation} initial={filter} initialSort={sortFromParams(params)} />
      )}
    </section>
  );
}

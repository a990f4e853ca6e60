import { useRef, useState, type MouseEvent } from 'react';
import type { CarersRecord } from '../../../src-main/contract/carers.ts';
import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import { peopleWord, personLabel } from '../../../src-main/contract/vocab.ts';
import { uk } from '../households/format.ts';
import { LoadState } from '../ui/Page.tsx';
import { useApi } from '../ui/use-api.ts';
import { useFocusIfLost } from '../ui/use-focus-if-lost.ts';
import { ApprovalTermsForm } from './ApprovalTermsForm.tsx';
import { PersonForm } from './PersonForm.tsx';
import { PlaceChanges } from './PlaceChanges.tsx';
import './carers.css';

const nameOf = (p: CarersRecord['people'][number]) =>
  [p.firstName, p.surname].filter(Boolean).join(' ') || '(no name)';

/**
 * A household's people (carer or applicant 1 and 2), and once approved its terms and changes of
 * places: what the Ofsted return's carers and places at 31 March and the diversity table count.
 */
export function CarersSection({ household, onChanged }: { household: HouseholdRecord; onChanged(): void }) {
  const carers = useApi('carers.getCarers', { householdId: household.id });
  const who = peopleWord(household.status);
  const approved = who === 'Carer';
  const title = approved ? 'Carers and approval' : 'Applicants';
  const [saves, setSaves] = useState(0);
  // Once another change is asked for (a form sent, a button pressed), what the last one saved is no
  // longer the news: the line is cleared, so a refusal does not stand beside "Saved.", and said again
  // when the change is saved, so a second save is announced as the first was (as the record's line).
  const [asking, setAsking] = useState(false);
  const askedByClick = (e: MouseEvent) => {
    if ((e.target as Element).closest('button')) setAsking(true);
  };
  // Each change answers with the household's people: shown at once, with the form's own end of busy,
  // not after reading them again (a form saved for the first time was drawn afresh only then, and
  // what was typed into it meanwhile was lost). They are read again too: two forms saved at once may
  // be answered out of order, and the older answer, shown last, lacked the other's person, whose
  // form was drawn empty. The reading, asked last, wins; the ids it gives keep every form as drawn.
  const saved = (fresh: CarersRecord) => {
    carers.replace(fresh);
    carers.refresh();
    onChanged();
    setAsking(false);
    setSaves((n) => n + 1);
  };
  const r = carers.data;
  // A form saved for the first time (a new person, new terms) is drawn afresh with the save's answer:
  // focus, dropped on the page's body then, goes to the line saying it was saved.
  const savedLine = useRef<HTMLParagraphElement>(null);
  useFocusIfLost(savedLine, saves > 0 && r);
  const current = (position: 1 | 2) => r?.people.find((p) => p.position === position && !p.leftOn);
  const formKey = (position: 1 | 2) => `${position}-${current(position)?.id ?? 'new'}`;
  const leavers = r?.people.filter((p) => p.leftOn) ?? [];

  return (
    <section
      aria-labelledby="carers-title"
      onSubmitCapture={() => setAsking(true)}
      onClickCapture={askedByClick}
    >
      <h2 id="carers-title">{title}</h2>
      <p className="hint">
        What the Ofsted return and the diversity table count. Leave anything not known empty: it is counted as
        not recorded.
      </p>
      <p role="status" className="hh-saved" ref={savedLine} tabIndex={-1}>
        {saves > 0 && !asking ? 'Saved.' : ''}
      </p>
      <LoadState loading={carers.loading && !r} failure={carers.failure} />
      {r && (
        <>
          <div className="carers-people">
            {([1, 2] as const).map((position) => (
              <PersonForm
                key={formKey(position)}
                householdId={household.id}
                position={position}
                person={current(position)}
                who={who}
                onSaved={saved}
              />
            ))}
          </div>
          {leavers.length > 0 && (
            <ul aria-label="People who left the household">
              {leavers.map((p) => (
                <li key={p.id}>
                  {personLabel(household.status, p.position)}, {nameOf(p)}: left {uk(p.leftOn)}
                </li>
              ))}
            </ul>
          )}
          {approved && (
            <div className="hh-actions">
              <ApprovalTermsForm
                key={JSON.stringify(r.terms)}
                householdId={household.id}
                terms={r.terms}
                onSaved={saved}
              />
              <PlaceChanges record={r} onSaved={saved} />
            </div>
          )}
        </>
      )}
    </section>
  );
}

import {
  checkMilestoneOrder,
  checkTypedTelephone,
  earlyDateFault,
  emailFault,
  identifiesHousehold,
  postcodeFault,
  UNIDENTIFIED_HOUSEHOLD,
  ukPostcode,
} from '../../../src-main/contract/vocab.ts';

/**
 * What Add household can know is wrong before asking the core, by the rules the core refuses each
 * by: every fault holds the form back and is said at one Save, beside its field. A date typed wrong
 * stopped the form before the core was asked, so the email's and telephone's faults waited for the
 * next Save; a wrong email, asked, hid the date's (in the future). Null: none.
 */
export function addHouseholdFaults(
  v: { enquiryDate: string; reference: string; firstName: string; surname: string } & Record<
    'email' | 'telephone' | 'postcode',
    string
  >,
  today: string,
) {
  const typed = (s: string) => s.trim() || null;
  const [email, telephone, postcode] = [typed(v.email), typed(v.telephone), typed(v.postcode)];
  const phone = telephone === null ? null : checkTypedTelephone(telephone);
  return {
    enquiryDate: v.enquiryDate
      ? (earlyDateFault(v.enquiryDate) ??
        checkMilestoneOrder({ enquiry: v.enquiryDate }, today)[0]?.message ??
        null)
      : null,
    firstName: identifiesHousehold({
      reference: typed(v.reference),
      firstName: typed(v.firstName),
      surname: typed(v.surname),
      email,
    })
      ? null
      : UNIDENTIFIED_HOUSEHOLD,
    email: email === null ? null : emailFault(email),
    telephone: phone && !phone.ok ? phone.message : null,
    postcode: postcode === null || ukPostcode(postcode) ? null : postcodeFault(postcode),
  };
}

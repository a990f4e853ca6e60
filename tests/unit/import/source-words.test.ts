import { describe, expect, it } from 'vitest';
import { normaliseLabel } from '../../../src-main/domain/reasons.ts';
import { buildVocab, sourceNamedIn } from '../../../src-main/import/records/vocab.ts';

/**
 * An enquiry export words its sources its own way: "Council website", "Facebook advert",
 * "Friend/family". Matched only outright, each was recorded as Other, and the sources table
 * credited the council's own website with none of them.
 */
describe('a source cell naming no source outright', () => {
  it('is read as the one source its words name', () => {
    expect(sourceNamedIn('Council website')).toBe('website');
    expect(sourceNamedIn('Online enquiry form')).toBe('website');
    expect(sourceNamedIn('Facebook advert')).toBe('social_media');
    expect(sourceNamedIn('Saw it on TikTok')).toBe('social_media');
    expect(sourceNamedIn('Friend/family')).toBe('word_of_mouth');
    expect(sourceNamedIn('Information event - Leeds library')).toBe('event');
    expect(sourceNamedIn('RADIO ADVERT (Heart FM)')).toBe('radio');
    expect(sourceNamedIn('Google search')).toBe('website');
  });

  it('is left to Other where its words name no source, or two', () => {
    // "Referral" names a carer's referral only alone: a self-referral is none.
    expect(sourceNamedIn('Self-referral')).toBeNull();
    expect(sourceNamedIn('GP referral')).toBeNull();
    expect(sourceNamedIn('Leaflet')).toBeNull();
    // A word inside another word is not that word.
    expect(sourceNamedIn('Webinar')).toBeNull();
    expect(sourceNamedIn('Facebook event')).toBeNull();
    expect(sourceNamedIn('Radio and website')).toBeNull();
  });

  it('takes a foster carer as a carer referral, whichever carer', () => {
    const source = buildVocab([]).source;
    for (const cell of ['Foster carer', 'Existing foster carer', 'CURRENT FOSTER CARER', 'Existing carer'])
      expect({ cell, key: source.get(normaliseLabel(cell)) }).toEqual({ cell, key: 'carer_referral' });
  });
});

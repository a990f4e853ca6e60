import { describe, expect, it } from 'vitest';
import { checkTypedTelephone, tidyTelephone } from '../../../src-main/domain/telephone.ts';

describe('UK telephone numbers', () => {
  it('stores one spaced national form however the number was typed or read', () => {
    const same: Array<string | number> = [
      '07305006212',
      '07305 006212',
      '07305-006-212',
      '(07305) 006212',
      '+447305006212',
      '+44 7305 006212',
      '+44 (0)7305 006212',
      '0044 7305 006212',
      '447305006212',
      7305006212,
      447305006212,
      ' 7305 006212 ',
    ];
    for (const t of same) expect({ t, n: tidyTelephone(t) }).toEqual({ t, n: '07305 006212' });
  });

  it('groups each range as the numbering plan writes it', () => {
    expect(tidyTelephone('01134960000')).toBe('0113 496 0000');
    expect(tidyTelephone(1614960000)).toBe('0161 496 0000');
    expect(tidyTelephone('02079460000')).toBe('020 7946 0000');
    expect(tidyTelephone('01632960123')).toBe('01632 960123');
    expect(tidyTelephone('03001234567')).toBe('0300 123 4567');
    expect(tidyTelephone('0800 123 4567')).toBe('0800 123 4567');
    expect(tidyTelephone('0800 1111')).toBe('0800 1111');
    expect(tidyTelephone(1697712345)).toBe('01697 712345');
  });

  it('keeps numbers that are not UK numbers exactly as typed', () => {
    for (const t of [
      '+33 1 23 45 67 89',
      '001 212 555 0100',
      '0113 496 0000 ext 12',
      'ring after 6',
      '12345',
    ])
      expect(tidyTelephone(t)).toBe(t);
    expect(tidyTelephone('+353  1 234 5678')).toBe('+353 1 234 5678');
    // 04 and 06 are not UK ranges: a 10-digit number beginning 4 is not a lost 0.
    expect(tidyTelephone(4412345678)).toBe('4412345678');
  });
});

describe('a telephone number typed by hand', () => {
  it('is stored in the import’s form when UK, as typed when abroad, and refused otherwise', () => {
    const ok = (typed: string) => {
      const r = checkTypedTelephone(typed);
      return r.ok ? r.value : null;
    };
    for (const t of ['07305006212', '+44 (0)7305 006212', '0044 7305 006212', '7305006212'])
      expect(ok(t)).toBe(tidyTelephone(t));
    expect(ok('0113 496 0000 x 12')).toBe('0113 496 0000 ext 12');
    expect(ok('0113 496 0000, extension 12')).toBe('0113 496 0000 ext 12');
    expect(ok('+1 (555) 010-0199')).toBe('+1 (555) 010-0199');
    expect(ok('00353 1 234 5678')).toBe('00353 1 234 5678');
    // Too short or too long for anywhere, a UK number of the wrong length, words, an extension alone.
    for (const t of [
      '+33 12',
      '+1 2345 6789 0123 4567',
      '0113 496 00',
      '+44 113 496',
      'mobile',
      'ext 12',
      '12345',
    ])
      expect({ t, r: checkTypedTelephone(t).ok }).toEqual({ t, r: false });
  });
});

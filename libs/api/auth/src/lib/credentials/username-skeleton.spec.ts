import { skeleton, usernameSkeleton } from './username-skeleton';

describe('skeleton (UTS #39)', () => {
  it('maps a Cyrillic а to the Latin a', () => {
    expect(skeleton('\u0430nna')).toBe('anna');
  });

  it('maps a dotless ı to i', () => {
    expect(skeleton('\u0131ris')).toBe('iris');
  });

  it('maps the fullwidth letters of confusables.txt to ASCII', () => {
    // Not every fullwidth letter is listed (ｎ is not): usernameSkeleton applies NFKC first.
    expect(skeleton('\uff41\uff21')).toBe('aA');
  });

  it('decomposes first and composes nothing back: a precomposed and a combining ü agree', () => {
    expect(skeleton('j\u00fcrgen')).toBe('ju\u0308rgen');
    expect(skeleton('ju\u0308rgen')).toBe('ju\u0308rgen');
  });

  it('maps a combining mark to its look-alike prototype', () => {
    // U+0313 COMBINING COMMA ABOVE looks like U+0313's prototype; U+0315 maps to it too.
    expect(skeleton('a\u0315')).toBe(skeleton('a\u0313'));
  });

  it('drops zero-width characters and other default ignorables', () => {
    for (const invisible of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']) {
      expect(skeleton(`an${invisible}na`)).toBe('anna');
    }
  });

  it('maps characters to longer prototypes (m looks like rn)', () => {
    expect(skeleton('marie')).toBe(skeleton('rnarie'));
  });

  it('leaves distinct letters distinct', () => {
    expect(skeleton('anna')).not.toBe(skeleton('anne'));
    expect(skeleton('mueller')).not.toBe(skeleton('muller'));
  });
});

describe('usernameSkeleton', () => {
  it.each([
    ['\u0430nna', 'anna', 'Cyrillic а'],
    ['\u0410NNA', 'anna', 'Cyrillic А in capitals'],
    ['\u0131ris', 'iris', 'dotless ı'],
    ['\u0131ris', 'Iris', 'dotless ı next to a capital'],
    ['\uff41\uff4e\uff4e\uff41', 'anna', 'fullwidth'],
    ['Anna', 'anna', 'letter case'],
    ['an\u200bna', 'anna', 'a zero-width space'],
    ['b0b', 'bob', 'the digit 0'],
    ['anna1', 'annal', 'the digit 1'],
    ['\u15f0arie', 'marie', 'a prototype whose lower case has a prototype (ᗰ -> M -> m -> rn)'],
  ])('gives %s the skeleton of %s (%s)', (lookalike, original) => {
    expect(usernameSkeleton(lookalike)).toBe(usernameSkeleton(original));
  });

  it.each([
    ['m\u00fcller', 'muller'],
    ['m\u00fcller', 'mueller'],
    ['anna', 'anne'],
    ['j\u00f6rg', 'jorg'],
  ])('keeps %s and %s apart, as UTS #39 does (diacritics are visible)', (a, b) => {
    expect(usernameSkeleton(a)).not.toBe(usernameSkeleton(b));
  });

  it('is a fixed point and lower case', () => {
    for (const name of ['\u15f0arie', 'M\u00fcller', '\u0130ris', 'Gro\u00df', '\u0410NNA']) {
      const once = usernameSkeleton(name);
      expect(usernameSkeleton(once)).toBe(once);
      expect(once).toBe(once.toLowerCase());
    }
  });
});

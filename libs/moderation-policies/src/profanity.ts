import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';

// Built once: compiling the dataset's patterns is the expensive part.
const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** Profanity found by the obscenity library (it sees through leetspeak and repeated letters), as the dataset's canonical words. */
export function findProfanity(text: string): string[] {
  const words: Array<string | undefined> = matcher.getAllMatches(text).map((match) => englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord);
  return [...new Set(words.filter((word): word is string => Boolean(word)))].sort();
}

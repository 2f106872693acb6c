import type { Decision } from './case-draft';
import { findBlockedTerms } from './blocked-terms';
import { countLinks } from './links';
import type { ModerationPolicy } from './policy';
import { findProfanity } from './profanity';

export interface ContentFinding {
  reason: 'blocked_term' | 'profanity' | 'link_spam';
  decision: Decision;
  details: Record<string, unknown>;
}

/**
 * What is wrong with one piece of text, if anything. Offensive words hide the content (where the
 * catalog has a hide event); link spam is only flagged, since links are legitimate in moderation.
 */
export function checkContent(text: string, policy: ModerationPolicy): ContentFinding[] {
  const findings: ContentFinding[] = [];
  const terms = findBlockedTerms(text, policy.blockedTerms);
  if (terms.length > 0) findings.push({ reason: 'blocked_term', decision: 'hide', details: { terms } });
  const profanity = policy.profanityFilter ? findProfanity(text) : [];
  if (profanity.length > 0) findings.push({ reason: 'profanity', decision: 'hide', details: { terms: profanity, category: 'profanity' } });
  const links = countLinks(text);
  if (links > policy.maxLinks) findings.push({ reason: 'link_spam', decision: 'flag', details: { links, max_links: policy.maxLinks } });
  return findings;
}

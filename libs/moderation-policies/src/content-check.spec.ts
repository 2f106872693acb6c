import { checkContent } from './content-check';
import { findBlockedTerms } from './blocked-terms';
import { countLinks } from './links';
import { findProfanity } from './profanity';
import { DEFAULT_POLICY, parsePolicy } from './policy';

const policy = parsePolicy({ blockedTerms: ['Scamcoin', 'free money'], maxLinks: 2 });

describe('findBlockedTerms', () => {
  it('matches whole words and phrases case-insensitively', () => {
    expect(findBlockedTerms('Buy SCAMCOIN now, free money!', policy.blockedTerms)).toEqual(['scamcoin', 'free money']);
  });
  it('does not match inside other words', () => {
    expect(findBlockedTerms('scamcoins are not scamcoin-ish? antiscamcoin', ['scamcoin'])).toEqual(['scamcoin']);
    expect(findBlockedTerms('antiscamcoin scamcoins', ['scamcoin'])).toEqual([]);
  });
});

describe('findProfanity', () => {
  it('finds obfuscated profanity through the library', () => {
    expect(findProfanity('you are a b1tch')).toEqual(['bitch']);
  });
  it('leaves ordinary words alone', () => {
    expect(findProfanity('The class assessment is on Thursday')).toEqual([]);
  });
});

describe('countLinks', () => {
  it('counts scheme, www and bare-domain links', () => {
    expect(countLinks('see https://a.example/x and www.b.net plus cheap.ru/deal')).toBe(3);
  });
  it('counts nothing in plain text', () => {
    expect(countLinks('see you at 10.30, ok? e.g. tomorrow')).toBe(0);
  });
});

describe('checkContent', () => {
  it('finds nothing wrong in a clean message', () => {
    expect(checkContent('Great lesson today, thanks everyone', policy)).toEqual([]);
  });
  it('hides blocked terms and reports only the terms, not the text', () => {
    expect(checkContent('get scamcoin here', policy)).toEqual([{ reason: 'blocked_term', decision: 'hide', details: { terms: ['scamcoin'] } }]);
  });
  it('flags more links than the policy allows', () => {
    const [finding] = checkContent('http://a.com http://b.com http://c.com', policy);
    expect(finding).toEqual({ reason: 'link_spam', decision: 'flag', details: { links: 3, max_links: 2 } });
    expect(checkContent('http://a.com http://b.com', policy)).toEqual([]);
  });
  it('skips the profanity library when the policy turns it off', () => {
    expect(checkContent('b1tch', { ...DEFAULT_POLICY, profanityFilter: false })).toEqual([]);
    expect(checkContent('b1tch', DEFAULT_POLICY).map((f) => f.reason)).toEqual(['profanity']);
  });
});

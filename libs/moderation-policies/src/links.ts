// URLs with a scheme, www. hosts, and bare domains with a common TLD: spammers drop the scheme to dodge filters.
const LINK = /\bhttps?:\/\/[^\s]+|\bwww\.[^\s]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|ru|xyz|info|biz|link|ly|me|app|dev)\b(?:\/[^\s]*)?/gi;

export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

/** `--topics a,b`-style options: the comma-separated items, trimmed, empty ones dropped. */
export const parseList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

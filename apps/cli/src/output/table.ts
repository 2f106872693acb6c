/** Left-aligned columns sized to their content; a long last column wraps at the terminal's width. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const last = widths.length - 1;
  const lead = widths.slice(0, last).reduce((sum, width) => sum + width + 2, 0);
  const room = Math.max(30, (process.stdout.columns ?? 160) - lead);
  const line = (cells: string[]) =>
    wrap(cells[last] ?? '', room)
      .map((chunk, n) => [...cells.slice(0, last).map((cell, i) => (n === 0 ? cell : '').padEnd(widths[i])), chunk].join('  '))
      .join('\n');
  const rule = widths.map((width, i) => '─'.repeat(i === last ? Math.min(width, room) : width)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && current.length + word.length + 1 > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return lines.length === 0 && current === '' ? [''] : [...lines, current];
}

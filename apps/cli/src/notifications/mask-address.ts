/**
 * An email address as an operator's terminal shows it: enough to recognise (first letter, domain),
 * not enough to copy into a log or ticket. Anything that is not an email address is shown as is.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  return `${address[0]}***${address.slice(at)}`;
}

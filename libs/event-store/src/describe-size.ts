/**
 * A size as people read it, in French: « 9,2 Mio », « 256 Kio », « 870 octets ». Kept here, beside the limits it
 * words, so that the store and the transport need nothing of the money library.
 */
export function describeSize(bytes: number): string {
  const format = (value: number) => value.toLocaleString('fr-FR', { maximumFractionDigits: 1 }).replace(/\s/g, ' ');
  if (bytes >= 1024 * 1024) return `${format(bytes / 1024 / 1024)} Mio`;
  if (bytes >= 1024) return `${format(bytes / 1024)} Kio`;
  return `${bytes} octets`;
}

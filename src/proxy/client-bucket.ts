/**
 * The rate-limit bucket of a client address. One IPv6 host is handed a whole /64 (often
 * more), so a bucket per IPv6 address would let one host make up buckets at will and
 * pass every limit: IPv6 clients share their /64. IPv4 (and IPv4-mapped IPv6) addresses
 * are their own bucket; anything that is not an address is kept as it is.
 */
export function clientBucket(address: string): string {
  if (!address.includes(':')) return address;
  // [::1]:443 style brackets and a zone (fe80::1%eth0) are not part of the network.
  const ip = address.replace(/^\[([^\]]*)\].*$/, '$1').split('%')[0]!.toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip.replace(/^::/, ''));
  if (mapped) return mapped[1]!;
  const halves = ip.split('::');
  if (halves.length > 2) return address;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return address;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const network = groups.slice(0, 4);
  if (!network.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${network.map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

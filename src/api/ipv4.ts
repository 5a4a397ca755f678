// IPv4 addresses and CIDR blocks as numbers: the arithmetic every allocator and range choice needs.

export interface Cidr {
  /** The network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

/** `10.96.0.1` -> number, or undefined when it is not a dotted IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** `10.96.0.0/12` -> its network and prefix, or undefined. */
export function parseCidr(text: string): Cidr | undefined {
  const [ip, bits, extra] = text.split('/');
  if (extra !== undefined || !ip || !bits || !/^\d{1,2}$/.test(bits) || Number(bits) > 32) return undefined;
  const addr = parseIPv4(ip);
  if (addr === undefined) return undefined;
  const prefix = Number(bits);
  return { base: addr - (addr % cidrSize({ base: 0, prefix })), prefix };
}

export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.base)}/${c.prefix}`;
}

/** How many addresses the block holds. */
export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + cidrSize(c);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

/** The n-th address of the block (1 = the first usable one, as kubeadm counts). */
export function nthAddress(c: Cidr, n: number): string {
  return formatIPv4(c.base + n);
}

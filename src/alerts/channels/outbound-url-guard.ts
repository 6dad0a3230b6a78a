import * as dns from 'node:dns';
import { BlockList, isIP, LookupFunction } from 'node:net';

// Link-local ranges hold the cloud metadata services (AWS, GCP, Azure on 169.254.169.254, AWS
// IPv6 on fd00:ec2::254, Alibaba on 100.100.100.200): a webhook pointed there would hand
// the instance's credentials to whoever can read the alert's delivery errors.
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN.addAddress('100.100.100.200', 'ipv4');
FORBIDDEN.addAddress('0.0.0.0', 'ipv4');
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6');
FORBIDDEN.addAddress('::', 'ipv6');
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/** True for an address no outbound request may reach (IPv4-mapped IPv6 forms included). */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return FORBIDDEN.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return false;
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Decides which URLs alert channels may call: http(s) only, never a link-local or metadata
 * address (checked on the URL when it is saved and again on every resolved address when it
 * is called, so a DNS name cannot be repointed there), and only the hosts of
 * LOGNEST_WEBHOOK_ALLOWED_HOSTS when that is set.
 */
type Resolver = (hostname: string, options: dns.LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

export class OutboundUrlGuard {
  constructor(
    private readonly allowedHosts: string[] = [],
    private readonly resolve: Resolver = dns.lookup,
  ) {}

  /** Why the URL may not be called, or null when it may. */
  problem(raw: string): string | null {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'is not a URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
    if (url.username || url.password) return 'must not carry credentials';
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
    if (isForbiddenAddress(host) || METADATA_NAMES.has(host)) return 'points at a link-local or cloud metadata address';
    if (this.allowedHosts.length > 0 && !this.allowedHosts.some((pattern) => hostMatches(host, pattern))) {
      return `host ${host} is not in LOGNEST_WEBHOOK_ALLOWED_HOSTS`;
    }
    return null;
  }

  /** A `lookup` for http.request that refuses forbidden resolved addresses at connect time. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolve(hostname, { ...options, all: true }, (error, list) => {
      if (error) return callback(error, '', 0);
      const bad = list.find((a) => isForbiddenAddress(a.address));
      if (bad) return callback(Object.assign(new Error(`${hostname} resolves to ${bad.address}, a link-local or metadata address`), { code: 'EFORBIDDEN' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.replace(/^\[|\]$/g, '');
  return p.startsWith('*.') ? host.endsWith(p.slice(1)) : host === p;
}

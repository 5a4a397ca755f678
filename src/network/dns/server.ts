// The cluster DNS server: UDP and TCP on one port, answering cluster names from the index and
// forwarding everything else to the upstream resolvers. UDP answers larger than the client can
// take are sent truncated (TC) so the client retries over TCP, as RFC 1035 and CoreDNS do.
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket, { type Answer, type DecodedPacket, type Packet } from 'dns-packet';
import { answer, DEFAULT_DNS_CONFIG, type DnsAnswer, type DnsConfig } from './answer.js';
import { forwardQuery, frame, type Transport, type Upstream } from './forward.js';
import type { DnsIndex } from './record-index.js';

export interface DnsServerOptions {
  host: string;
  /** 0 picks a free port (the same for UDP and TCP). */
  port: number;
  index: DnsIndex;
  upstream: Upstream[];
  config?: Partial<DnsConfig>;
  /** Per upstream, before trying the next one; SERVFAIL when all time out. */
  forwardTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface DnsServer {
  port: number;
  close(): Promise<void>;
}

const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4 } as const;
const QR = 0x8000;
const RD = 0x0100;
const CLASSIC_UDP_LIMIT = 512;
/** What we advertise in our OPT record: the size recommended by DNS Flag Day 2020. */
const OUR_UDP_PAYLOAD = 1232;
const TCP_IDLE_MS = 10_000;

function requestUdpLimit(query: DecodedPacket): number {
  const opt = query.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  return opt ? Math.max(CLASSIC_UDP_LIMIT, Math.min(opt.udpPayloadSize ?? 0, 65535)) : CLASSIC_UDP_LIMIT;
}

function responseFlags(query: DecodedPacket, rcode: number, authoritative: boolean): number {
  const rd = (query.flags ?? 0) & RD;
  return (
    QR | rd | (authoritative ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | dnsPacket.RECURSION_AVAILABLE | rcode
  );
}

function optRecord(query: DecodedPacket): Answer[] {
  if (!query.additionals?.some((a) => a.type === 'OPT')) return [];
  return [
    {
      type: 'OPT',
      name: '.',
      udpPayloadSize: OUR_UDP_PAYLOAD,
      extendedRcode: 0,
      ednsVersion: 0,
      flags: 0,
      flag_do: false,
      options: [],
    },
  ];
}

function encodeReply(query: DecodedPacket, result: DnsAnswer, transport: Transport): Buffer {
  const base: Packet = {
    type: 'response',
    id: query.id,
    flags: responseFlags(query, RCODES[result.rcode], true),
    questions: query.questions,
  };
  const full = dnsPacket.encode({
    ...base,
    answers: result.answers,
    authorities: result.authority,
    additionals: [...result.additionals, ...optRecord(query)],
  });
  if (transport === 'tcp' || full.length <= requestUdpLimit(query)) return full;
  return dnsPacket.encode({
    ...base,
    flags: (base.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE,
    additionals: optRecord(query),
  });
}

function errorReply(query: DecodedPacket, rcode: number): Buffer {
  return dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags: responseFlags(query, rcode, false),
    questions: query.questions,
  });
}

export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const config: DnsConfig = { ...DEFAULT_DNS_CONFIG, ...options.config };
  const timeoutMs = options.forwardTimeoutMs ?? 2000;
  const log = options.log ?? (() => {});

  /** An ExternalName pointing outside the cluster: its target's records from upstream follow the CNAME. */
  async function chase(result: DnsAnswer, transport: Transport): Promise<DnsAnswer> {
    if (!result.chase) return result;
    const query = dnsPacket.encode({
      type: 'query',
      id: Math.floor(Math.random() * 65536),
      flags: RD,
      questions: [{ name: result.chase.name, type: result.chase.type, class: 'IN' }],
    });
    const reply = await forwardQuery(query, upstream, transport, timeoutMs, log);
    if (!reply) return result;
    try {
      return { ...result, answers: [...result.answers, ...(dnsPacket.decode(reply).answers ?? [])] };
    } catch {
      return result;
    }
  }

  async function handle(message: Buffer, transport: Transport): Promise<Buffer | undefined> {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return undefined; // not DNS: drop, as there is no id to answer to
    }
    if (query.type !== 'query') return undefined;
    if ((query as { opcode?: string }).opcode !== 'QUERY') return errorReply(query, RCODES.NOTIMP);
    const question = query.questions?.[0];
    if (!question) return errorReply(query, RCODES.FORMERR);
    const result = answer(question, options.index, config);
    if (result) return encodeReply(query, await chase(result, transport), transport);
    const reply = await forwardQuery(message, upstream, transport, timeoutMs, log);
    return reply ?? errorReply(query, RCODES.SERVFAIL);
  }

  const family = net.isIPv6(options.host) ? 'udp6' : 'udp4';
  const { udp, tcp } = await bindBoth(options.host, options.port, family);
  const port = (udp.address() as net.AddressInfo).port;
  // Forwarding to ourselves would loop each query until it times out (CoreDNS's `loop` plugin
  // stops the server on this); drop such an upstream and say so.
  const upstream = options.upstream.filter((u) => {
    const self = u.host === options.host && u.port === port;
    if (self) log(`dns: upstream ${u.host}:${u.port} is this server; not forwarding there`);
    return !self;
  });
  const connections = new Set<net.Socket>();

  udp.on('message', (message, rinfo) => {
    handle(message, 'udp').then(
      (reply) => {
        if (reply) udp.send(reply, rinfo.port, rinfo.address);
      },
      (err) => log(`dns: udp query failed: ${(err as Error).message}`),
    );
  });
  udp.on('error', (err) => log(`dns: udp socket: ${err.message}`));

  tcp.on('connection', (socket) => {
    connections.add(socket);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      // Clients may pipeline several queries on one connection; answer each as it completes.
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + message.length);
        handle(Buffer.from(message), 'tcp').then(
          (reply) => {
            if (reply && !socket.destroyed) socket.write(frame(reply));
          },
          (err) => log(`dns: tcp query failed: ${(err as Error).message}`),
        );
      }
    });
  });

  return {
    port,
    close: async () => {
      for (const socket of connections) socket.destroy();
      await Promise.all([
        new Promise<void>((r) => udp.close(() => r())),
        new Promise<void>((r) => tcp.close(() => r())),
      ]);
    },
  };
}

/** UDP and TCP on the same port; with port 0, retries until a port free for both is found. */
async function bindBoth(
  host: string,
  port: number,
  family: 'udp4' | 'udp6',
): Promise<{ udp: dgram.Socket; tcp: net.Server }> {
  for (let attempt = 0; ; attempt++) {
    const udp = dgram.createSocket(family);
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    const bound = (udp.address() as net.AddressInfo).port;
    const tcp = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(bound, host, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      return { udp, tcp };
    } catch (err) {
      udp.close();
      if (port !== 0 || attempt >= 10 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
}

// The DNS server over real UDP and TCP sockets on 127.0.0.1, with a fake upstream resolver on
// 127.0.0.1 (never a real one): cluster answers, forwarding relayed byte for byte, SERVFAIL when
// the upstream is silent, truncation of big UDP answers and the TCP retry.
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket, { type Answer, type DecodedPacket } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frame } from '../../../../src/network/dns/forward.js';
import { type DnsServer, startDnsServer } from '../../../../src/network/dns/server.js';
import { clusterIndex, service, slice } from './fixtures.js';

const HOST = '127.0.0.1';

/** A resolver that answers `*.example` with 192.0.2.1 (TTL 1234) and ignores `silent.example`. */
class FakeUpstream {
  udp = dgram.createSocket('udp4');
  tcp = net.createServer();
  port = 0;
  lastReply?: Buffer;
  queries: string[] = [];

  reply(message: Buffer): Buffer | undefined {
    const q = dnsPacket.decode(message);
    const question = q.questions?.[0];
    if (!question) return undefined;
    this.queries.push(`${question.type} ${question.name}`);
    if (question.name === 'silent.example') return undefined;
    this.lastReply = dnsPacket.encode({
      type: 'response',
      id: q.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
      questions: q.questions,
      answers:
        question.type === 'A'
          ? [{ type: 'A', name: question.name, ttl: 1234, class: 'IN', data: '192.0.2.1' }]
          : [],
    });
    return this.lastReply;
  }

  async start(): Promise<void> {
    // The same port for UDP and TCP: a port free for UDP may be taken for TCP; then another one.
    for (let attempt = 0; ; attempt++) {
      await new Promise<void>((r) => this.udp.bind(0, HOST, () => r()));
      this.port = (this.udp.address() as net.AddressInfo).port;
      const listened = await new Promise<boolean>((resolve, reject) => {
        this.tcp.once('error', (e: NodeJS.ErrnoException) =>
          e.code === 'EADDRINUSE' && attempt < 5 ? resolve(false) : reject(e),
        );
        this.tcp.listen(this.port, HOST, () => resolve(true));
      });
      if (listened) break;
      this.udp.close();
      this.udp = dgram.createSocket('udp4');
      this.tcp = net.createServer();
    }
    this.udp.on('message', (m, rinfo) => {
      const reply = this.reply(m);
      if (reply) this.udp.send(reply, rinfo.port, rinfo.address);
    });
    this.tcp.on('connection', (s) => {
      s.on('data', (chunk) => {
        const reply = this.reply(chunk.subarray(2));
        if (reply) s.write(frame(reply));
      });
      s.on('error', () => {});
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.udp.close(() => r()));
    await new Promise<void>((r) => this.tcp.close(() => r()));
  }
}

let nextId = 1;
function query(name: string, type: string, edns = false): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id: nextId++,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type: type as 'A', class: 'IN' }],
    additionals: edns
      ? [
          {
            type: 'OPT',
            name: '.',
            udpPayloadSize: 4096,
            flags: 0,
            flag_do: false,
            options: [],
          } as unknown as Answer,
        ]
      : [],
  });
}

function askUdp(port: number, message: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      s.close();
      reject(new Error('no UDP reply'));
    }, 5000);
    s.on('message', (m) => {
      clearTimeout(timer);
      s.close();
      resolve(m);
    });
    s.send(message, port, HOST);
  });
}

function askTcp(port: number, message: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: HOST, port }, () => s.write(frame(message)));
    let buf = Buffer.alloc(0);
    s.on('data', (c) => {
      buf = Buffer.concat([buf, c]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        s.destroy();
        resolve(buf.subarray(2, 2 + buf.readUInt16BE(0)));
      }
    });
    s.on('error', reject);
  });
}

/** The parts of a reply a client acts on. */
function summary(reply: Buffer) {
  const p: DecodedPacket = dnsPacket.decode(reply);
  return {
    rcode: (p as unknown as { rcode: string }).rcode,
    aa: p.flag_aa,
    tc: p.flag_tc,
    rd: p.flag_rd,
    ra: p.flag_ra,
    answers: (p.answers ?? []).map(
      (a) =>
        `${a.name} ${(a as { ttl: number }).ttl} ${a.type} ${JSON.stringify((a as { data: unknown }).data)}`,
    ),
    authorities: (p.authorities ?? []).map((a) => `${a.name} ${a.type}`),
  };
}

describe('startDnsServer', () => {
  const upstream = new FakeUpstream();
  const index = clusterIndex();
  let server: DnsServer;

  beforeAll(async () => {
    await upstream.start();
    // 60 ready endpoints: far more than 512 bytes of A records.
    const many = Array.from({ length: 60 }, (_, i) => ({ ip: `10.244.1.${i + 1}` }));
    index.applyService('ADDED', service('default', 'big', { clusterIP: 'None', ports: [{ port: 80 }] }));
    index.applyEndpointSlice('ADDED', slice('default', 'big', many, [{ port: 80 }]));
    server = await startDnsServer({
      host: HOST,
      port: 0,
      index,
      upstream: [{ host: HOST, port: upstream.port }],
      forwardTimeoutMs: 300,
    });
  });
  afterAll(async () => {
    await server.close();
    await upstream.stop();
  });

  it('answers a service name over UDP, authoritatively', async () => {
    expect(summary(await askUdp(server.port, query('meow-svc.default.svc.cluster.local', 'A')))).toEqual({
      rcode: 'NOERROR',
      aa: true,
      tc: false,
      rd: true,
      ra: true,
      answers: ['meow-svc.default.svc.cluster.local 5 A "10.96.23.187"'],
      authorities: [],
    });
  });

  it('answers a service name over TCP', async () => {
    expect(
      summary(await askTcp(server.port, query('web-0.nginx.default.svc.cluster.local', 'A'))).answers,
    ).toEqual(['web-0.nginx.default.svc.cluster.local 5 A "10.244.0.10"']);
  });

  it('answers NXDOMAIN with the SOA for a missing cluster name', async () => {
    expect(summary(await askUdp(server.port, query('nope.default.svc.cluster.local', 'A')))).toEqual({
      rcode: 'NXDOMAIN',
      aa: true,
      tc: false,
      rd: true,
      ra: true,
      answers: [],
      authorities: ['cluster.local SOA'],
    });
  });

  it('relays the upstream reply byte for byte, over UDP and over TCP', async () => {
    const viaUdp = await askUdp(server.port, query('www.example', 'A'));
    expect(viaUdp).toEqual(upstream.lastReply);
    const viaTcp = await askTcp(server.port, query('tcp.example', 'A'));
    expect(viaTcp).toEqual(upstream.lastReply);
    expect(summary(viaTcp).answers).toEqual(['tcp.example 1234 A "192.0.2.1"']);
  });

  it('answers SERVFAIL when the upstream does not answer in time', async () => {
    const started = Date.now();
    const reply = summary(await askUdp(server.port, query('silent.example', 'A')));
    expect(reply).toEqual({
      rcode: 'SERVFAIL',
      aa: false,
      tc: false,
      rd: true,
      ra: true,
      answers: [],
      authorities: [],
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('follows an ExternalName CNAME to the upstream', async () => {
    expect(summary(await askUdp(server.port, query('ext.default.svc.cluster.local', 'A'))).answers).toEqual([
      'ext.default.svc.cluster.local 5 CNAME "example.com"',
      'example.com 1234 A "192.0.2.1"',
    ]);
  });

  it('truncates a UDP answer too big for 512 bytes, and the TCP retry gets it whole', async () => {
    const overUdp = summary(await askUdp(server.port, query('big.default.svc.cluster.local', 'A')));
    expect(overUdp).toEqual({
      rcode: 'NOERROR',
      aa: true,
      tc: true,
      rd: true,
      ra: true,
      answers: [],
      authorities: [],
    });
    const overTcp = summary(await askTcp(server.port, query('big.default.svc.cluster.local', 'A')));
    expect(overTcp.tc).toBe(false);
    expect(overTcp.answers).toEqual(
      Array.from({ length: 60 }, (_, i) => `big.default.svc.cluster.local 5 A "10.244.1.${i + 1}"`),
    );
  });

  it('sends a big answer whole over UDP when the client advertises a larger EDNS buffer', async () => {
    const reply = dnsPacket.decode(
      await askUdp(server.port, query('big.default.svc.cluster.local', 'A', true)),
    );
    expect([reply.flag_tc, reply.answers?.length, reply.additionals?.map((a) => a.type)]).toEqual([
      false,
      60,
      ['OPT'],
    ]);
  });
});

describe('startDnsServer edge cases', () => {
  it('answers NOTIMP to an opcode other than QUERY', async () => {
    const server = await startDnsServer({ host: HOST, port: 0, index: clusterIndex(), upstream: [] });
    try {
      const notify = dnsPacket.encode({
        type: 'query',
        id: 7,
        flags: 4 << 11,
        questions: [{ name: 'cluster.local', type: 'SOA' }],
      });
      expect(summary(await askUdp(server.port, notify))).toEqual({
        rcode: 'NOTIMP',
        aa: false,
        tc: false,
        rd: false,
        ra: true,
        answers: [],
        authorities: [],
      });
    } finally {
      await server.close();
    }
  });

  it('never forwards to itself: SERVFAIL at once, and says why', async () => {
    const lines: string[] = [];
    // A port free for UDP may be taken for TCP by another process: try another one then.
    let server: Awaited<ReturnType<typeof startDnsServer>> | undefined;
    let port = 0;
    for (let attempt = 0; !server; attempt++) {
      const probe = dgram.createSocket('udp4');
      await new Promise<void>((r) => probe.bind(0, HOST, () => r()));
      port = (probe.address() as net.AddressInfo).port;
      probe.close();
      server = await startDnsServer({
        host: HOST,
        port,
        index: clusterIndex(),
        upstream: [{ host: HOST, port }],
        log: (l) => lines.push(l),
      }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EADDRINUSE' || attempt >= 5) throw e;
        return undefined;
      });
    }
    try {
      expect(summary(await askUdp(server.port, query('loop.example', 'A'))).rcode).toBe('SERVFAIL');
      expect(lines).toEqual([`dns: upstream 127.0.0.1:${port} is this server; not forwarding there`]);
    } finally {
      await server.close();
    }
  });
});

describe('startDnsServer with several upstreams', () => {
  it('asks the next upstream when the first is silent', async () => {
    const silent = dgram.createSocket('udp4'); // bound, never answers
    await new Promise<void>((r) => silent.bind(0, HOST, () => r()));
    const good = new FakeUpstream();
    await good.start();
    const server = await startDnsServer({
      host: HOST,
      port: 0,
      index: clusterIndex(),
      upstream: [
        { host: HOST, port: (silent.address() as net.AddressInfo).port },
        { host: HOST, port: good.port },
      ],
      forwardTimeoutMs: 200,
    });
    try {
      expect(summary(await askUdp(server.port, query('two.example', 'A'))).answers).toEqual([
        'two.example 1234 A "192.0.2.1"',
      ]);
      expect(good.queries).toEqual(['A two.example']);
    } finally {
      await server.close();
      await good.stop();
      silent.close();
    }
  });
});

// kubectl's port specs, named ports, Service port translation and --address parsing, each
// against whole results or the exact error kubectl prints.
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import {
  checkUdpPortsInPod,
  checkUdpPortsInService,
  convertPodNamedPorts,
  parseAddresses,
  parsePorts,
  translateServicePorts,
} from '../../../src/commands/port-forward-ports.js';

const pod: Pod = {
  metadata: { name: 'web-1' },
  spec: {
    containers: [
      { name: 'app', ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9000 }] },
      { name: 'dns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] },
    ],
    initContainers: [{ name: 'init', ports: [{ name: 'setup', containerPort: 7000 }] }],
  },
};

const service = (mutate: (s: Service) => void = () => {}): Service => {
  const s: Service = {
    metadata: { name: 'web' },
    spec: {
      clusterIP: '10.96.0.20',
      ports: [
        { name: 'web', port: 80, targetPort: 8080, protocol: 'TCP' },
        { name: 'https', port: 443, targetPort: 'http', protocol: 'TCP' },
        { name: 'plain', port: 9000, protocol: 'TCP' },
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
      ],
    },
  };
  mutate(s);
  return s;
};

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('parsePorts (client-go)', () => {
  const cases: Array<[string, string[], unknown]> = [
    ['a single port is the same port on both sides', ['5000'], [{ local: 5000, remote: 5000 }]],
    ['LOCAL:REMOTE maps one to the other', ['8888:5000'], [{ local: 8888, remote: 5000 }]],
    ['an empty local port picks one', [':5000'], [{ local: 0, remote: 5000 }]],
    ['local 0 picks one too', ['0:5000'], [{ local: 0, remote: 5000 }]],
    [
      'several ports keep their order',
      ['80', ':81', '8082:82'],
      [
        { local: 80, remote: 80 },
        { local: 0, remote: 81 },
        { local: 8082, remote: 82 },
      ],
    ],
    ['leading zeros parse as ParseUint parses them', ['0080:080'], [{ local: 80, remote: 80 }]],
  ];
  for (const [name, specs, want] of cases) it(name, () => expect(parsePorts(specs)).toEqual(want));

  const errors: Array<[string, string[], string]> = [
    ['three parts', ['1:2:3'], "invalid port format '1:2:3'"],
    [
      'a word as local port',
      ['abc:80'],
      `error parsing local port 'abc': strconv.ParseUint: parsing "abc": invalid syntax`,
    ],
    [
      'a local port too large',
      ['70000:80'],
      `error parsing local port '70000': strconv.ParseUint: parsing "70000": value out of range`,
    ],
    [
      'an empty remote port',
      ['8080:'],
      `error parsing remote port '': strconv.ParseUint: parsing "": invalid syntax`,
    ],
    [
      'a negative remote port',
      ['8080:-1'],
      `error parsing remote port '-1': strconv.ParseUint: parsing "-1": invalid syntax`,
    ],
    ['remote port zero', ['0'], 'remote port must be > 0'],
    ['no ports', [], 'you must specify at least 1 port'],
  ];
  for (const [name, specs, want] of errors)
    it(`refuses ${name}`, () => expect(errorOf(() => parsePorts(specs))).toBe(want));
});

describe('convertPodNamedPorts', () => {
  it('turns named remote ports into numbers, keeping numbers and local ports', () => {
    expect(convertPodNamedPorts(['http', '9090:http', ':setup', '8000', '1:2'], pod)).toEqual([
      '8080',
      '9090:8080',
      ':7000',
      '8000',
      '1:2',
    ]);
  });
  it('reads a three-part spec as kubectl does: its first part on both sides', () => {
    expect(convertPodNamedPorts(['1:2:3'], pod)).toEqual(['1']);
  });
  it('refuses a name no container has', () => {
    expect(errorOf(() => convertPodNamedPorts(['8080:nope'], pod))).toBe(
      "Pod 'web-1' does not have a named port 'nope'",
    );
  });
  it('refuses an empty remote port', () => {
    expect(errorOf(() => convertPodNamedPorts(['8080:'], pod))).toBe('remote port cannot be empty');
  });
});

describe('translateServicePorts', () => {
  const cases: Array<[string, string[], Service, string[]]> = [
    ['a service port goes to its numeric targetPort', ['18081:80'], service(), ['18081:8080']],
    ['a lone service port listens on itself', ['80'], service(), ['80:8080']],
    ['a random local port stays random', [':80'], service(), [':8080']],
    ['a named targetPort is resolved in the pod', ['8443:443'], service(), ['8443:8080']],
    ['a named service port alone listens on its number', ['https'], service(), ['443:8080']],
    ['a named service port with a local port', ['9443:https'], service(), ['9443:8080']],
    ['no targetPort means the port itself', ['9000'], service(), ['9000']],
    [
      'a headless Service forwards the port as given',
      ['8080:80'],
      service((s) => {
        s.spec!.clusterIP = 'None';
      }),
      ['8080:80'],
    ],
  ];
  for (const [name, specs, svc, want] of cases)
    it(name, () => expect(translateServicePorts(specs, svc, pod)).toEqual(want));

  it('refuses a port the Service does not have', () => {
    expect(errorOf(() => translateServicePorts(['8080:81'], service(), pod))).toBe(
      'Service web does not have a service port 81',
    );
  });
  it('refuses a service port name the Service does not have', () => {
    expect(errorOf(() => translateServicePorts(['grpc'], service(), pod))).toBe(
      "Service 'web' does not have a named port 'grpc'",
    );
  });
  it('refuses a named targetPort the pod does not have', () => {
    const svc = service((s) => {
      s.spec!.ports![1]!.targetPort = 'metrics';
    });
    expect(errorOf(() => translateServicePorts(['443'], svc, pod))).toBe(
      "Pod 'web-1' does not have a named port 'metrics'",
    );
  });
});

describe('UDP ports', () => {
  it('refuses a Service port that is UDP only', () => {
    expect(errorOf(() => checkUdpPortsInService(['5353:53'], service()))).toBe(
      'UDP protocol is not supported for 53',
    );
  });
  it('refuses a pod port that is UDP only, by name too', () => {
    expect(errorOf(() => checkUdpPortsInPod(['dns'], pod))).toBe('UDP protocol is not supported for dns');
  });
  it('lets TCP ports through', () => {
    expect(errorOf(() => checkUdpPortsInPod(['8080', 'http'], pod))).toBe('no error');
  });
});

describe('parseAddresses (client-go)', () => {
  it('makes localhost both loopbacks, IPv4 first', () => {
    expect(parseAddresses(['localhost'])).toEqual([
      { address: '127.0.0.1', family: 4, failureMode: 'all' },
      { address: '::1', family: 6, failureMode: 'all' },
    ]);
  });
  it('takes IPs that must bind, sorted as text, duplicates once', () => {
    expect(parseAddresses(['0.0.0.0', 'localhost', '127.0.0.1', '::'])).toEqual([
      { address: '0.0.0.0', family: 4, failureMode: 'any' },
      { address: '127.0.0.1', family: 4, failureMode: 'any' },
      { address: '::', family: 6, failureMode: 'any' },
      { address: '::1', family: 6, failureMode: 'all' },
    ]);
  });
  it('refuses a host name', () => {
    expect(errorOf(() => parseAddresses(['example.com']))).toBe('example.com is not a valid IP');
  });
  it('refuses an IPv4 address out of range', () => {
    expect(errorOf(() => parseAddresses(['256.1.1.1']))).toBe('256.1.1.1 is not a valid IP');
  });
});

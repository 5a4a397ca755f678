// dockerode loads gRPC (for BuildKit sessions of image builds) and docker-modem loads ssh2 (for
// ssh:// engines) as soon as they are required: ~150 ms of every agent start and of every command
// that talks to Docker (logs, exec, cp, ...), for what mkube never does (it builds no images and
// speaks HTTP to the engine's socket or TCP port with its own agent). Their two module slots get
// stand-ins before dockerode loads; calling one says what is not supported.
import { createRequire, Module } from 'node:module';

const requireHere = createRequire(import.meta.url);

function standIn(path: string, what: string): void {
  if (requireHere.cache[path]) return;
  const mod = new Module(path);
  mod.filename = path;
  mod.loaded = true;
  mod.exports = () => {
    throw new Error(`mkube does not support ${what}`);
  };
  requireHere.cache[path] = mod;
}

/** Fill the slots once, before the first `require('dockerode')`. */
export function installDockerodeStandIns(): void {
  try {
    const fromDockerode = createRequire(requireHere.resolve('dockerode'));
    standIn(fromDockerode.resolve('./session'), 'BuildKit sessions (image builds through dockerode)');
    const fromModem = createRequire(fromDockerode.resolve('docker-modem'));
    standIn(fromModem.resolve('./ssh'), 'ssh:// Docker hosts; use the socket or tcp://');
  } catch {
    // Another layout of the packages: load them whole, only slower.
  }
}

installDockerodeStandIns();

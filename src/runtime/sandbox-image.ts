// The sandbox image: a tar holding only /pause, imported into the local engine. No registry, no
// build tools: the same on Linux and Docker Desktop, amd64 and arm64.
import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { isNotFound, RuntimeError } from './client.js';
import { type PauseArch, pauseArchOf, pauseElf } from './pause-elf.js';

/** Tagged by the program's content, so a changed generator yields a new image by itself. */
export const PAUSE_IMAGE = `mkube/pause:${createHash('sha256')
  .update(pauseElf('amd64'))
  .update(pauseElf('arm64'))
  .digest('hex')
  .slice(0, 12)}`;

/** An uncompressed tar with one file, /pause (0755, root). */
export async function pauseTar(arch: PauseArch): Promise<Buffer> {
  const { pack } = await import('tar-stream');
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  const content = pauseElf(arch);
  tar.entry(
    { name: 'pause', mode: 0o755, uid: 0, gid: 0, mtime: new Date(0), size: content.length },
    content,
  );
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function imagePresent(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** Import PAUSE_IMAGE when the engine lacks it; returns its reference. */
export async function ensureSandboxImage(docker: Docker): Promise<string> {
  if (await imagePresent(docker, PAUSE_IMAGE)) return PAUSE_IMAGE;
  try {
    const version = await docker.version();
    const arch = pauseArchOf(version.Arch ?? '');
    if (!arch)
      throw new Error(
        `unsupported engine architecture ${version.Arch}: mkube makes sandboxes for amd64 and arm64`,
      );
    const [repo, tag] = PAUSE_IMAGE.split(':') as [string, string];
    const importImage = docker.importImage.bind(docker) as unknown as (
      file: Buffer,
      opts: Record<string, unknown>,
    ) => Promise<NodeJS.ReadableStream>;
    const stream = await importImage(await pauseTar(arch), {
      repo,
      tag,
      platform: `linux/${arch}`,
      changes: ['CMD ["/pause"]'],
      message: 'mkube pod sandbox: holds the pod network namespace',
    });
    await followImport(docker, stream);
    return PAUSE_IMAGE;
  } catch (err) {
    throw new RuntimeError('build sandbox image', PAUSE_IMAGE, err);
  }
}

function followImport(docker: Docker, stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((o) => o.error);
      if (err) reject(err);
      else if (failed) reject(new Error(failed.error));
      else resolve();
    });
  });
}

// `mkube cp`: kubectl cp over mkube's own exec path — `tar` in the container through the runtime,
// tar built and read here with kubectl's rules: a directory destination gets the source's name,
// empty directories and symlinks carried in, symlinks skipped on the way out with kubectl's
// warning, and nothing written outside the local target.
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, readlink, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Header, Pack } from 'tar-stream';
import { ApiError, UserError } from '../api/errors.js';
import { goQuote } from '../printers/go-template/fmt.js';
import type { Ctx } from './context.js';
import { copyToPodTarget, extractFileSpec, type FileSpec, tarPrefix, untarTarget } from './cp-paths.js';
import { boolFlags, namespaceFlags, namespaceOf } from './flags.js';
import { defaultContainer, execTarget, podHasContainer, resolvePod } from './pod-target.js';

interface CpFlags {
  namespace?: string;
  container?: string;
  noPreserve?: boolean;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('cp')
    .description('Copy files and directories to and from containers')
    .usage('<file-spec-src> <file-spec-dest> [options]')
    .argument('[specs...]', '<file-spec-src> <file-spec-dest>')
    .option(
      '-c, --container <name>',
      'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
    );
  namespaceFlags(cmd);
  boolFlags(cmd, [
    [
      '--no-preserve',
      "The copied file/directory's ownership and permissions will not be preserved in the container",
    ],
  ]);
  cmd.action((specs: string[], flags: CpFlags) => runCp(ctx, specs, flags));
}

async function runCp(ctx: Ctx, args: string[], flags: CpFlags): Promise<void> {
  if (args.length !== 2) throw new UserError('source and destination are required');
  const src = extractFileSpec(args[0]!);
  const dest = extractFileSpec(args[1]!);
  if (src.pod && dest.pod) throw new UserError('one of src or dest must be a local file specification');
  if (!src.file || !dest.file) throw new UserError('filepath can not be empty');
  if (src.pod) return copyFromPod(ctx, flags, src, dest.file);
  if (dest.pod) return copyToPod(ctx, flags, src.file, dest);
  throw new UserError('one of src or dest must be a remote file specification');
}

/** The running container a spec's pod execs in (kubectl exec's checks and container choice). */
async function containerOf(ctx: Ctx, flags: CpFlags, spec: FileSpec): Promise<string> {
  const podObj = await resolvePod({
    store: ctx.store(),
    namespace: spec.namespace ?? namespaceOf(flags).namespace,
    target: spec.pod!,
    verb: 'exec',
    timeoutMs: 60_000,
  });
  const pod = podObj as unknown as Pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    throw new UserError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  let name = flags.container;
  if (name && !podHasContainer(pod, name))
    throw new ApiError('BadRequest', `container ${name} is not valid for pod ${pod.metadata?.name}`);
  if (!name) {
    const choice = defaultContainer(pod, 'exec', false);
    for (const notice of choice.notices) ctx.err.write(`${notice}\n`);
    name = choice.name;
  }
  const runtime = await ctx.runtime();
  const container = execTarget(await runtime.listContainers({ podUid: podObj.metadata.uid }), name);
  if (!container) throw new UserError(`unable to upgrade connection: container not found ("${name}")`);
  return container.id;
}

const discard = { write: () => true } as unknown as NodeJS.WritableStream;

async function exec(
  ctx: Ctx,
  id: string,
  command: string[],
  io: { stdin?: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const runtime = await ctx.runtime();
  try {
    return await runtime.exec(id, { command, tty: false, ...io });
  } catch (err) {
    if ((err as Error).name === 'RuntimeError') throw new UserError((err as Error).message);
    throw err;
  }
}

function reportExit(ctx: Ctx, code: number): void {
  if (code === 0) return;
  ctx.err.write(`command terminated with exit code ${code}\n`);
  process.exitCode = code;
}

async function copyToPod(ctx: Ctx, flags: CpFlags, localFile: string, dest: FileSpec): Promise<void> {
  try {
    await stat(localFile);
  } catch {
    throw new UserError(`${localFile} doesn't exist in local filesystem`);
  }
  const id = await containerOf(ctx, flags, dest);
  const destIsDir =
    (await exec(ctx, id, ['test', '-d', dest.file], { stdout: discard, stderr: discard })) === 0;
  const { entryBase, extractDir } = copyToPodTarget(localFile, dest.file, destIsDir);
  const { pack } = await import('tar-stream');
  const tar = pack();
  const packing = packTree(tar, localFile.replace(/(.)\/+$/, '$1'), entryBase).then(
    () => tar.finalize(),
    (err: Error) => tar.destroy(err),
  );
  const command = flags.noPreserve
    ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-']
    : ['tar', '-xmf', '-'];
  const code = await exec(ctx, id, [...command, '-C', extractDir], {
    stdin: tar as unknown as NodeJS.ReadableStream,
    stdout: ctx.out,
    stderr: ctx.err,
  });
  await packing;
  reportExit(ctx, code);
}

/** kubectl's recursiveTar: files and symlinks by name, a header for a directory only when empty. */
async function packTree(tar: Pack, path: string, name: string): Promise<void> {
  const st = await lstat(path);
  const common = { name, mode: st.mode & 0o7777, mtime: st.mtime, uid: st.uid, gid: st.gid };
  if (st.isDirectory()) {
    const entries = await readdir(path);
    if (entries.length === 0) await addEntry(tar, { ...common, type: 'directory' });
    for (const e of entries.sort()) await packTree(tar, join(path, e), `${name}/${e}`);
  } else if (st.isSymbolicLink()) {
    await addEntry(tar, { ...common, type: 'symlink', linkname: await readlink(path) });
  } else {
    await new Promise<void>((resolve, reject) => {
      const entry = tar.entry({ ...common, type: 'file', size: st.size }, (err) =>
        err ? reject(err) : resolve(),
      );
      createReadStream(path).on('error', reject).pipe(entry);
    });
  }
}

function addEntry(tar: Pack, header: Partial<Header> & { name: string }): Promise<void> {
  return new Promise((resolve, reject) => tar.entry(header, (err) => (err ? reject(err) : resolve())));
}

async function copyFromPod(ctx: Ctx, flags: CpFlags, src: FileSpec, destFile: string): Promise<void> {
  const id = await containerOf(ctx, flags, src);
  const prefix = tarPrefix(src.file);
  const { extract } = await import('tar-stream');
  const untar = extract();
  let failure: Error | undefined;
  let symlinkWarned = false;
  const writes: Promise<void>[] = [];
  untar.on('entry', (header, stream, next) => {
    const skip = () => {
      stream.resume();
      stream.on('end', () => next());
    };
    const target = untarTarget(prefix, destFile, header.name);
    if (target.kind === 'corrupted') {
      failure ??= new UserError('tar contents corrupted');
      return skip();
    }
    if (failure) return skip();
    if (target.kind === 'outside') {
      ctx.err.write(`warning: file ${goQuote(target.path)} is outside target destination, skipping\n`);
      return skip();
    }
    if (header.type === 'symlink') {
      ctx.err.write(
        symlinkWarned
          ? `warning: skipping symlink: ${goQuote(target.path)} -> ${goQuote(header.linkname ?? '')}\n`
          : `warning: skipping symlink: ${goQuote(target.path)} -> ${goQuote(header.linkname ?? '')} (consider using "mkube exec -n ${goQuote(src.namespace ?? '')} ${goQuote(src.pod!)} -- tar cf - ${goQuote(src.file)} | tar xf -")\n`,
      );
      symlinkWarned = true;
      return skip();
    }
    const write = writeEntry(
      target.path,
      header.type === 'directory',
      stream as unknown as NodeJS.ReadableStream,
    ).then(
      () => next(),
      (err: Error) => {
        failure ??= err;
        skip();
      },
    );
    writes.push(write);
  });
  const done = new Promise<void>((resolve, reject) => {
    untar.on('finish', resolve);
    untar.on('close', resolve);
    untar.on('error', reject);
  });
  // kubectl writes the remote tar's stderr to its own stdout.
  const code = await exec(ctx, id, ['tar', 'cf', '-', src.file], { stdout: untar, stderr: ctx.out });
  untar.end(Buffer.alloc(0));
  await done;
  await Promise.all(writes);
  if (failure) throw failure instanceof UserError ? failure : new UserError(failure.message);
  reportExit(ctx, code);
}

async function writeEntry(path: string, isDir: boolean, stream: NodeJS.ReadableStream): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  if (isDir) {
    await mkdir(path, { recursive: true, mode: 0o755 });
    stream.resume();
    await new Promise<void>((resolve) => stream.on('end', () => resolve()));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('error', reject);
    out.on('finish', () => resolve());
    stream.on('error', reject);
    stream.pipe(out);
  });
}

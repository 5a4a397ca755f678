// The editor side of `edit` (kubectl cmd/util/editor): which editor ($KUBE_EDITOR, $EDITOR, vi),
// the temp file it opens, the comment header, and comparing what came back.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../../api/errors.js';
import { canonicalJSON } from './semantic.js';

export interface Editor {
  args: string[];
  shell: boolean;
}

/** defaultEnvEditor: plain words are split on spaces; anything quoted goes through the shell. */
export function editorFromEnv(env: NodeJS.ProcessEnv): Editor {
  const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
  if (!editor.includes(' ')) return { args: [editor], shell: false };
  if (!/["'\\]/.test(editor)) return { args: editor.split(' '), shell: false };
  return { args: [env.SHELL || '/bin/bash', '-c', editor], shell: true };
}

/** The command line that opens `path` (Editor.args). */
export function editorCommand(e: Editor, path: string): string[] {
  const args = [...e.args];
  if (e.shell) args[args.length - 1] = `${args[args.length - 1]} ${JSON.stringify(path)}`;
  else args.push(path);
  return args;
}

/** Write `content` to a new temp file, open the editor on it, return what it holds after. */
export function launchTempFile(e: Editor, ext: string, content: string): { edited: string; file: string } {
  let file = '';
  let fd = -1;
  for (let i = 0; fd < 0; i++) {
    file = join(tmpdir(), `mkube-edit-${randomInt(1e9, 1e10)}${ext}`);
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (err) {
      if (i > 10) throw err;
    }
  }
  writeSync(fd, content);
  closeSync(fd);
  const [cmd, ...args] = editorCommand(e, resolve(file));
  const r = spawnSync(cmd!, args, { stdio: 'inherit' });
  const shown = e.args.join(' ');
  // Nothing was edited and the user is not told of the file: remove it (kubectl leaves it in /tmp).
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    rmSync(file, { force: true });
    throw new UserError(`unable to launch the editor "${shown}"`);
  }
  if (r.error || r.status !== 0) {
    rmSync(file, { force: true });
    throw new UserError(`there was a problem with the editor "${shown}"`);
  }
  return { edited: readFileSync(file, 'utf8'), file };
}

export interface EditReason {
  head: string;
  other: string[];
}

// hashOnLineBreak: continuation lines of a reason stay comments.
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?=[^#])/g, '\n# ');
}

/** The comment block kubectl puts above the object, with the reasons of a failed save. */
export function editHeader(reasons: EditReason[]): string {
  let out =
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
    '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
    '# reopened with the relevant failures.\n#\n';
  for (const r of reasons) {
    out += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** cmdutil.ManualStrip: drop comment lines (not `#!`). */
export function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const t = line.trim();
      return !(t.startsWith('#') && !t.startsWith('#!'));
    })
    .join('\n');
}

/** cmdutil.StripComments: the document as data when it parses, else the text without comments. */
export async function stripComments(text: string): Promise<string> {
  const { parseAllDocuments } = await import('yaml');
  const docs = parseAllDocuments(text);
  if (docs.some((d) => d.errors.length > 0)) return manualStrip(text);
  return canonicalJSON(docs.map((d) => d.toJS()));
}

/** hasLines: anything left that is not blank or a comment. */
export function hasLines(text: string): boolean {
  return text.split('\n').some((l) => {
    const t = l.trim();
    return t.length > 0 && !t.startsWith('#');
  });
}

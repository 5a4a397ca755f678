// kubectl (pflag) accepts `-o=json` and `-n=demo`; commander does not. Rewrite `-x=value` to
// `-x value` before parsing, but never past `--` (what follows belongs to exec's command).
export function normalizeArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const short = /^-([A-Za-z])=(.*)$/s.exec(arg);
    if (short) out.push(`-${short[1]}`, short[2]!);
    else out.push(arg);
  }
  return out;
}

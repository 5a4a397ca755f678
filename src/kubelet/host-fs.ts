// The host filesystem as the hostPath checks see it.
import { closeSync, mkdirSync, openSync, realpathSync, statSync } from 'node:fs';
import type { HostFs } from './volumes.js';

export const hostFs: HostFs = {
  kind(path) {
    try {
      const st = statSync(path);
      if (st.isDirectory()) return 'directory';
      if (st.isFile()) return 'file';
      if (st.isSocket()) return 'socket';
      if (st.isCharacterDevice()) return 'char';
      if (st.isBlockDevice()) return 'block';
      return 'other';
    } catch {
      return undefined;
    }
  },
  mkdirp(path) {
    mkdirSync(path, { recursive: true, mode: 0o755 });
  },
  touch(path) {
    closeSync(openSync(path, 'a', 0o644));
  },
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};

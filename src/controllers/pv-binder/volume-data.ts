// What the reclaim policies do to a volume's directory on this host: Delete removes it, Recycle
// empties it (the recycler pod's `rm -rf /scrub/..?* /scrub/.[!.]* /scrub/*`).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface VolumeData {
  remove(path: string): Promise<void>;
  wipe(path: string): Promise<void>;
}

export const hostVolumeData: VolumeData = {
  async remove(path) {
    rmSync(path, { recursive: true, force: true });
  },
  async wipe(path) {
    let entries: string[];
    try {
      entries = readdirSync(path);
    } catch {
      return; // nothing there: nothing to scrub
    }
    for (const entry of entries) rmSync(join(path, entry), { recursive: true, force: true });
  },
};

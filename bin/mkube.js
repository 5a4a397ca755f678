#!/usr/bin/env node
// Launcher only: everything lives in the bundle built from src/.
import { main } from '../dist/mkube.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

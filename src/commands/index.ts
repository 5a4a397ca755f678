// Every command, in the order `mkube --help` lists them. One file per verb.
import type { Command } from 'commander';
import * as agent from './agent.js';
import * as apiResources from './api-resources.js';
import * as apply from './apply.js';
import type { Ctx } from './context.js';
import * as create from './create.js';
import * as del from './delete.js';
import * as describe from './describe.js';
import * as exec from './exec.js';
import * as get from './get.js';
import * as logs from './logs.js';
import * as version from './version.js';

export const COMMANDS: ReadonlyArray<(program: Command, ctx: Ctx) => void> = [
  create.register,
  get.register,
  del.register,
  apply.register,
  describe.register,
  logs.register,
  exec.register,
  apiResources.register,
  version.register,
  agent.register,
];

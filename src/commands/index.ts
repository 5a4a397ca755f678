// Every command, in the order `mkube --help` lists them. One file per verb.
import type { Command } from 'commander';
import * as agent from './agent.js';
import * as annotate from './annotate.js';
import * as apiResources from './api-resources.js';
import * as apply from './apply.js';
import type { Ctx } from './context.js';
import * as create from './create.js';
import * as del from './delete.js';
import * as describe from './describe.js';
import * as edit from './edit.js';
import * as exec from './exec.js';
import * as get from './get.js';
import * as label from './label.js';
import * as logs from './logs.js';
import * as rollout from './rollout.js';
import * as run from './run.js';
import * as scale from './scale.js';
import * as set from './set.js';
import * as version from './version.js';
import * as wait from './wait.js';

export const COMMANDS: ReadonlyArray<(program: Command, ctx: Ctx) => void> = [
  create.register,
  get.register,
  del.register,
  run.register,
  set.register,
  apply.register,
  edit.register,
  rollout.register,
  scale.register,
  label.register,
  annotate.register,
  wait.register,
  describe.register,
  logs.register,
  exec.register,
  apiResources.register,
  version.register,
  agent.register,
];

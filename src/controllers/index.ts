// Every controller the agent runs (kube-controller-manager's list, for the kinds mkube knows).
import type { ControllerFactory } from './controller.js';
import { namespaceController } from './namespace.js';

export const CONTROLLERS: readonly ControllerFactory[] = [namespaceController];

// The shapes every module shares. Objects are kept loose (`KObject`) because mkube stores any
// known kind; typed views come from kubernetes-types where a module needs them.
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

export type { ObjectMeta };

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [field: string]: any;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
}

// THE write path (the API server's generic store): every change to the state, whoever makes it
// — a verb, a controller, the kubelet, the agent — goes decode -> default -> validate -> admit
// -> commit here, or stops before the commit for a dry run (the same path, never a copy).
// Reads go to the store (or, in the agent, to whatever reader it hands in, e.g. the informer
// cache, which is told of every committed write so the writer reads it back at once).
import { applyDefaults } from '../api/defaults.js';
import { ApiError } from '../api/errors.js';
import { type KindInfo, POD, qualifiedResource } from '../api/kinds.js';
import { applyPatch, type PatchType } from '../api/patch/index.js';
import type { JsonMap } from '../api/patch/json-value.js';
import { ApplyConflictError, managedFieldsAfterUpdate, serverSideApply } from '../api/ssa/index.js';
import { rfc3339 } from '../api/time.js';
import type { KObject, WatchEvent } from '../api/types.js';
import { hasFinalizers, isReadyToRemove } from '../state/plan.js';
import type { ListOptions, Store, StoreReader, Watcher, WatchOptions } from '../state/types.js';
import { decodeInput } from './decode.js';
import { isWriteObserver, type WriteObserver } from './informer-cache.js';
import { strategyFor } from './strategy.js';
import type { ApplyOptions, DeleteOptions, UpdateOptions, WriteOptions } from './types.js';
import { validate } from './validate.js';

export type Mutation = (current: KObject) => KObject | undefined;

export class Registry implements StoreReader {
  readonly home: string;
  private readonly reader: StoreReader;
  private readonly observer: WriteObserver | undefined;

  constructor(
    private readonly store: Store,
    reader?: StoreReader,
    /** The field manager of writes that name none (the API server takes the user agent's). */
    private readonly defaultManager = 'kubectl',
  ) {
    this.home = store.home;
    this.reader = reader ?? store;
    this.observer = reader && isWriteObserver(reader) ? reader : undefined;
  }

  /** The same registry, writing as `manager` when a write names no field manager (kubelet, controllers). */
  withFieldManager(manager: string): Registry {
    return new Registry(this.store, this.reader, manager);
  }

  /** managedFields of `next` after an update (or create, with no `live`) by the caller's manager. */
  private recordManager(live: KObject | undefined, next: KObject, opts: UpdateOptions): void {
    const managedFields = managedFieldsAfterUpdate({
      live,
      next,
      manager: opts.fieldManager || this.defaultManager,
      subresource: opts.subresource ?? opts.managerSubresource,
      now: rfc3339(Date.now()),
    });
    if (managedFields) next.metadata.managedFields = managedFields;
    else delete next.metadata.managedFields;
  }

  /** Tell the reader (a cache) what was just committed; a dry run committed nothing. */
  private committed<T extends KObject | undefined>(
    kind: KindInfo,
    obj: T,
    gone: boolean,
    dryRun?: boolean,
  ): T {
    if (obj && !dryRun) this.observer?.observeWrite(kind, obj, gone);
    return obj;
  }

  // ---- reads ------------------------------------------------------------------------------

  get(kind: KindInfo, namespace: string | undefined, name: string): KObject | undefined {
    return this.reader.get(kind, namespace, name);
  }

  list(kind: KindInfo, opts?: ListOptions): KObject[] {
    return this.reader.list(kind, opts);
  }

  resourceVersion(): number {
    return this.reader.resourceVersion();
  }

  watch(fromResourceVersion: number, onEvent: (ev: WatchEvent) => void, opts?: WatchOptions): Watcher {
    return this.reader.watch(fromResourceVersion, onEvent, opts);
  }

  // ---- writes -----------------------------------------------------------------------------

  /** POST: the object as stored (or as it would be, for a dry run). */
  async create(input: KObject, opts: WriteOptions = {}): Promise<KObject> {
    const { info, obj, warnings } = this.admitCreate(input, opts);
    this.recordManager(undefined, obj, opts);
    const admit = strategyFor(info).admit;
    const created = this.committed(
      info,
      await this.store.create(obj, { dryRun: opts.dryRun, admit }),
      false,
      opts.dryRun,
    );
    for (const w of warnings) opts.warn?.(w);
    return created;
  }

  /**
   * Every step of a create that needs no stored state: decode, prepare, default, validate. Also
   * what a client-side dry run shows (kubectl validates before it sends).
   */
  admitCreate(input: KObject, opts: WriteOptions = {}): { info: KindInfo; obj: KObject; warnings: string[] } {
    const { info, obj, warnings } = decodeInput(input, opts.fieldValidation);
    obj.metadata ??= {};
    if (info.namespaced) obj.metadata.namespace ||= 'default';
    else delete obj.metadata.namespace;
    const strategy = strategyFor(info);
    strategy.prepareForCreate?.(obj);
    const defaulted = applyDefaults(obj);
    validate(info, defaulted, undefined);
    warnings.push(...(strategy.warnings?.(defaulted, info) ?? []));
    return { info, obj: defaulted, warnings };
  }

  /** PUT: replace the object (a set resourceVersion is a precondition). */
  async update(input: KObject, opts: UpdateOptions = {}): Promise<KObject> {
    const { info, obj, warnings } = decodeInput(input, opts.fieldValidation);
    const sent = obj.metadata?.resourceVersion;
    const result = await this.mutate(
      info,
      obj.metadata?.namespace,
      obj.metadata?.name ?? '',
      (current) => {
        if (sent && sent !== current.metadata.resourceVersion) {
          throw ApiError.conflict(qualifiedResource(info), current.metadata.name!);
        }
        return obj;
      },
      opts,
    );
    for (const w of warnings) opts.warn?.(w);
    return result!;
  }

  /** PUT .../status. */
  updateStatus(input: KObject, opts: WriteOptions = {}): Promise<KObject> {
    return this.update(input, { ...opts, subresource: 'status' });
  }

  /**
   * Read-modify-write inside the store's lock (the API server's GuaranteedUpdate): `mutate` gets
   * a fresh copy of the live object and returns the new one, or undefined for "no change". The
   * result is admitted as an update. Resolves to the stored object, or undefined when `mutate`
   * declined.
   */
  async mutate(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    mutate: Mutation,
    opts: UpdateOptions = {},
  ): Promise<KObject | undefined> {
    const status = opts.subresource === 'status';
    const warnings: string[] = [];
    const strategy = strategyFor(kind);
    const result = await this.store.patch(
      kind,
      kind.namespaced ? namespace || 'default' : undefined,
      name,
      (current) => {
        const live = structuredClone(current);
        const next = mutate(current);
        if (next === undefined) return next;
        if (status) {
          // Only the status is written (the store keeps the rest): that is what is owned.
          const written = { ...live, metadata: { ...live.metadata }, status: next.status };
          this.recordManager(live, written, opts);
          return { ...next, metadata: { ...next.metadata, managedFields: written.metadata.managedFields } };
        }
        strategy.prepareForUpdate?.(next, live);
        const defaulted = applyDefaults(next);
        // The live object may predate a default (written by an older mkube): compare like with like.
        validate(kind, defaulted, applyDefaults(live));
        warnings.push(...(strategy.warnings?.(defaulted, kind) ?? []));
        if (!opts.managedFieldsSet) this.recordManager(live, defaulted, opts);
        return defaulted;
      },
      status ? 'status' : 'main',
      { dryRun: opts.dryRun, admit: status ? undefined : strategy.admit },
    );
    for (const w of warnings) opts.warn?.(w);
    // An update that clears the last finalizer of an object being deleted removes it.
    return this.committed(kind, result, !!result && isReadyToRemove(result), opts.dryRun);
  }

  /**
   * PATCH: apply a json, merge or strategic merge patch (`body`, JSON text) to the live object
   * inside the lock, then admit the result as an update. Resolves to the stored object (the live
   * one, unchanged, when the patch changes nothing).
   */
  async patch(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: string,
    opts: UpdateOptions = {},
  ): Promise<KObject> {
    let live: KObject | undefined;
    const result = await this.mutate(
      kind,
      namespace,
      name,
      (current) => {
        live = current;
        return applyPatch(type, structuredClone(current) as JsonMap, body, kind.kind) as KObject;
      },
      opts,
    );
    return result ?? live!;
  }

  /**
   * PATCH with application/apply-patch+yaml (server-side apply): merge `applied` into the live
   * object as `opts.fieldManager` (required, as the API server requires it for apply), taking
   * ownership of what it sets; fields other managers own with another value are a 409 Conflict
   * (ApplyConflictError, with causes) unless `opts.force`. Creates the object when it does not
   * exist. Resolves to the stored object (the live one when nothing changes).
   */
  async apply(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    applied: KObject,
    opts: ApplyOptions,
  ): Promise<KObject> {
    const { info, obj, warnings } = decodeInput(applied, opts.fieldValidation);
    if (info.kind !== kind.kind || info.group !== kind.group) {
      throw new ApiError(
        'BadRequest',
        `the kind in the body (${info.kind}) does not match the resource (${kind.kind})`,
      );
    }
    obj.metadata ??= {};
    if (obj.metadata.name && obj.metadata.name !== name) {
      throw new ApiError(
        'BadRequest',
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    obj.metadata.name = name;
    if (kind.namespaced) {
      if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace) {
        throw new ApiError(
          'BadRequest',
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      obj.metadata.namespace = namespace || obj.metadata.namespace || 'default';
    } else delete obj.metadata.namespace;
    const now = rfc3339(Date.now());
    const manager = opts.fieldManager;
    const live = this.get(kind, obj.metadata.namespace, name);
    let result: KObject | undefined;
    if (!live) {
      const created = serverSideApply({ live: undefined, applied: obj, manager, force: !!opts.force, now });
      result = await this.createApplied(created.object!, opts);
    } else {
      let unchanged: KObject | undefined;
      result = await this.mutate(
        kind,
        obj.metadata.namespace,
        name,
        (current) => {
          const out = serverSideApply({ live: current, applied: obj, manager, force: !!opts.force, now });
          if (out.conflicts) throw new ApplyConflictError(out.conflicts);
          unchanged = current;
          return out.object;
        },
        { ...opts, fieldValidation: 'Ignore', managedFieldsSet: true },
      );
      result ??= unchanged;
    }
    for (const w of warnings) opts.warn?.(w);
    return result!;
  }

  /** The create an apply makes: admitted like any create, with the applier's managedFields. */
  private async createApplied(obj: KObject, opts: ApplyOptions): Promise<KObject> {
    const managedFields = obj.metadata.managedFields;
    const { info, obj: admitted, warnings } = this.admitCreate(obj, { ...opts, fieldValidation: 'Ignore' });
    admitted.metadata.managedFields = managedFields;
    const created = this.committed(
      info,
      await this.store.create(admitted, { dryRun: opts.dryRun, admit: strategyFor(info).admit }),
      false,
      opts.dryRun,
    );
    for (const w of warnings) opts.warn?.(w);
    return created;
  }

  /**
   * POST pods/NAME/binding (the scheduler's write): set spec.nodeName of a pod that has none.
   * Resolves to the bound pod, or undefined when `uid` no longer matches or it was bound already.
   */
  async bind(
    namespace: string,
    name: string,
    uid: string | undefined,
    nodeName: string,
  ): Promise<KObject | undefined> {
    // Straight to the store: spec.nodeName is otherwise immutable, binding is its one way in.
    const bound = await this.store.patch(POD, namespace, name, (cur) => {
      if ((uid && cur.metadata.uid !== uid) || cur.spec?.nodeName || cur.metadata.deletionTimestamp)
        return undefined;
      return { ...cur, spec: { ...cur.spec, nodeName } };
    });
    return this.committed(POD, bound, false);
  }

  /** DELETE: the object as it is after the call (Terminating, or gone). */
  async delete(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): Promise<KObject> {
    const result = await this.store.delete(kind, kind.namespaced ? namespace || 'default' : undefined, name, {
      gracePeriodSeconds: opts.gracePeriodSeconds,
      propagationPolicy: opts.propagationPolicy,
      uid: opts.uid,
      dryRun: opts.dryRun,
    });
    // Removed now unless a finalizer or a pod's grace period holds it (the store's delete plan).
    const gone = !hasFinalizers(result) && (result.metadata.deletionGracePeriodSeconds ?? 0) === 0;
    return this.committed(kind, result, gone, opts.dryRun);
  }

  /** DELETE on a collection: every object `select` keeps; errors are collected, not fatal. */
  async deleteCollection(
    kind: KindInfo,
    list: ListOptions & { select?: (obj: KObject) => boolean },
    opts: DeleteOptions = {},
  ): Promise<{ deleted: KObject[]; errors: unknown[] }> {
    const deleted: KObject[] = [];
    const errors: unknown[] = [];
    for (const obj of this.list(kind, list)) {
      if (list.select && !list.select(obj)) continue;
      try {
        deleted.push(await this.delete(kind, obj.metadata.namespace, obj.metadata.name!, opts));
      } catch (err) {
        errors.push(err);
      }
    }
    return { deleted, errors };
  }
}

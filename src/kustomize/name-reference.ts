// kustomize's name reference fix-up, run once at the end of a build: a field that names another
// resource by any name it had (before prefixes, suffixes and content hashes) is rewritten to its
// final name. Among several candidates the one in the referrer's namespace wins, then the one
// built with the same prefixes and suffixes (filters/nameref).
import { NAME_REFERENCES, type NameReference } from './builtin-specs.js';
import { applySpecs } from './fieldspec.js';
import { gvkOf, isNamespaced, isObject, nameOf, namespaceOf, type Resource } from './resource.js';

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function referralFor(
  all: Resource[],
  ref: NameReference,
  referrer: Resource,
  name: string,
  ns?: string,
): Resource | undefined {
  let found = all.filter((r) => {
    const g = gvkOf(r.obj);
    if (g.kind !== ref.kind || (ref.group && g.group !== ref.group)) return false;
    return r.orgName === name || r.prevNames.includes(name);
  });
  const referrerNs = ns ?? namespaceOf(referrer.obj);
  if (isNamespaced(gvkOf(referrer.obj)) || ns !== undefined) {
    found = found.filter(
      (r) =>
        !isNamespaced(gvkOf(r.obj)) || namespaceOf(r.obj) === referrerNs || r.orgNamespace === referrerNs,
    );
  }
  if (found.length > 1) {
    const alike = found.filter(
      (r) => sameList(r.prefixes, referrer.prefixes) && sameList(r.suffixes, referrer.suffixes),
    );
    if (alike.length) found = alike;
  }
  return found[0];
}

function rewriteSubjects(all: Resource[], ref: NameReference, referrer: Resource, subjects: unknown): void {
  if (!Array.isArray(subjects)) return;
  for (const s of subjects) {
    if (!isObject(s) || s.kind !== ref.kind || typeof s.name !== 'string') continue;
    const ns = typeof s.namespace === 'string' ? s.namespace : undefined;
    const referral = referralFor(all, ref, referrer, s.name, ns);
    if (!referral) continue;
    s.name = nameOf(referral.obj);
    if (namespaceOf(referral.obj)) s.namespace = namespaceOf(referral.obj);
  }
}

export function fixNameReferences(all: Resource[]): void {
  for (const ref of NAME_REFERENCES) {
    for (const referrer of all) {
      applySpecs(referrer.obj, gvkOf(referrer.obj), ref.specs, (parent, field) => {
        const value = parent[field];
        if (field === 'subjects') return rewriteSubjects(all, ref, referrer, value);
        const rename = (name: unknown) => {
          if (typeof name !== 'string') return name;
          const referral = referralFor(all, ref, referrer, name);
          return referral ? nameOf(referral.obj) : name;
        };
        parent[field] = Array.isArray(value) ? value.map(rename) : rename(value);
      });
    }
  }
}

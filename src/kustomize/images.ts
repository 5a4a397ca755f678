// kustomize's `images`: a new name, tag or digest for every container and init container image
// whose name (the part before the tag or digest) matches (filters/imagetag, image.Split).
import { isObject, type JsonObject, type Resource } from './resource.js';

export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** image.Split: name, tag and digest, a registry's `host:port/` not taken for a tag. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let slash = image.indexOf('/');
  const search = slash > 0 ? image.slice(slash) : image;
  if (slash <= 0) slash = 0;
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) {
    at += slash;
    return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) };
  }
  if (at >= 0 && colon >= 0) {
    at += slash;
    colon += slash;
    return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) };
  }
  colon += slash;
  return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

export function updateImage(image: string, entry: ImageEntry): string {
  let { name, tag, digest } = splitImage(image);
  if (name !== entry.name) return image;
  if (entry.newName) name = entry.newName;
  const newTag = entry.newTag === undefined || entry.newTag === null ? '' : String(entry.newTag);
  if (newTag && entry.digest) {
    tag = newTag;
    digest = entry.digest;
  } else if (newTag) {
    tag = newTag;
    digest = '';
  } else if (entry.digest) {
    tag = '';
    digest = entry.digest;
  }
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

function visit(node: unknown, entries: ImageEntry[]): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, entries);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) {
        if (!isObject(c) || typeof c.image !== 'string') continue;
        for (const e of entries) (c as JsonObject).image = updateImage(c.image as string, e);
      }
    }
    visit(value, entries);
  }
}

export function setImages(resources: Resource[], entries: ImageEntry[]): void {
  if (!entries.length) return;
  for (const res of resources) visit(res.obj, entries);
}

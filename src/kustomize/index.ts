// kustomize's build, in the subset most repositories use. Pure of the store: it reads the
// kustomization's files and returns objects; the verbs print or apply them.
export { type BuildOutput, kustomizeBuild } from './build.js';
export { renderKustomize } from './render.js';

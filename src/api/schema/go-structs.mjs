// The Go sources' struct fields as the schema generators read them (generate-order.mjs,
// generate-proto.mjs): per struct, its fields in source order with name, type and struct tags;
// and the named slice types (`type X []Y`). A line scanner for gofmt'ed k8s.io sources, no parser.

/** Struct name -> [{ name, type, tags }] in source order, and the names of slice types. */
export function scanGoStructs(text) {
  const structs = new Map();
  const sliceTypes = new Set();
  let current;
  for (const line of text.split('\n')) {
    const slice = /^type (\w+) \[\]\w+$/.exec(line);
    if (slice) sliceTypes.add(slice[1]);
    const start = /^type (\w+) struct \{/.exec(line);
    if (start) {
      current = [];
      structs.set(start[1], current);
      continue;
    }
    if (!current) continue;
    if (line === '}') {
      current = undefined;
      continue;
    }
    const field = /^\t(?:(\w+)\s+)?([\w.*[\]]+)\s+`([^`]*)`/.exec(line);
    if (field) current.push({ name: field[1], type: field[2], tags: field[3] });
  }
  return { structs, sliceTypes };
}

// The shape of the generated field schema (fields.gen.ts).

/** One Go struct of the Kubernetes API: field name -> type code, and its required fields. */
export interface StructSchema {
  f: Record<string, string>;
  r?: string[];
}

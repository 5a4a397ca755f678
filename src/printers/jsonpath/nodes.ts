// The syntax tree of the Kubernetes JSONPath dialect (client-go util/jsonpath/node.go).

export interface ParamsEntry {
  value: number;
  known: boolean;
  /** The end of `[n]`, derived as n+1. */
  derived: boolean;
}

export type Node =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'identifier'; name: string }
  | { type: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] };

export interface ListNode {
  type: 'list';
  nodes: Node[];
}

export const newList = (): ListNode => ({ type: 'list', nodes: [] });

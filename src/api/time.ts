// Times as the API server writes them: RFC3339 to the second, as metav1.Time marshals
// (`2026-11-22T06:50:04Z`), from a Date or milliseconds since the epoch.
export function rfc3339(at: Date | number): string {
  const date = typeof at === 'number' ? new Date(at) : at;
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** One changed field of an audited record: its value before and after (undefined = not there). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields whose values differ between the record before and after the action, in a stable order. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  return fields.flatMap((field) => {
    const b = before?.[field];
    const a = after?.[field];
    return JSON.stringify(b) === JSON.stringify(a) ? [] : [{ field, before: b, after: a }];
  });
}

/** A value as the audit log shows it: text as is, nothing as a dash, anything else as compact JSON. */
export function shownValue(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

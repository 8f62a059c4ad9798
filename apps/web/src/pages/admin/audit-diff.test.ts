import { describe, expect, it } from 'vitest';
import { changedFields, shownValue } from './audit-diff';

describe('the audit log diff', () => {
  it('lists only the fields that changed, sorted, with what they were and became', () => {
    expect(changedFields({ status: 'pending', feeBps: 500, name: 'A' }, { status: 'active', feeBps: 500, name: 'A', approvedAt: '2026-12-07' })).toEqual([
      { field: 'approvedAt', before: undefined, after: '2026-12-07' },
      { field: 'status', before: 'pending', after: 'active' },
    ]);
    expect(changedFields(null, { hidden: true })).toEqual([{ field: 'hidden', before: undefined, after: true }]);
    expect(changedFields({ tags: ['a'] }, { tags: ['a'] })).toEqual([]);
    expect(changedFields(null, null)).toEqual([]);
  });

  it('shows values plainly', () => {
    expect([shownValue(null), shownValue(undefined), shownValue('active'), shownValue(''), shownValue(500), shownValue({ a: 1 })]).toEqual(['—', '—', 'active', '""', '500', '{"a":1}']);
  });
});

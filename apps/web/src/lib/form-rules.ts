import type { FormErrors } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { z } from 'zod';

/**
 * A form's field errors from one of the shared zod schemas, so the browser applies the rules the server applies
 * (lengths, control characters, email shape). One message per field, the first problem found. The schemas say
 * plain "Required" for an empty field; `required` words it for a field where the form asks more precisely.
 * `prefix` places the errors under a nested path of the form's values (`contact.` → `contact.name`).
 */
export function schemaErrors(
  schema: z.ZodType,
  values: Record<string, unknown>,
  opts: { required?: string | Record<string, string>; prefix?: string } = {},
): FormErrors {
  const found = zod4Resolver(schema, { errorPriority: 'first' })(values);
  const requiredFor = (path: string) => (typeof opts.required === 'string' ? opts.required : opts.required?.[path]);
  return Object.fromEntries(
    Object.entries(found).map(([path, message]) => [`${opts.prefix ?? ''}${path}`, message === 'Required' ? (requiredFor(path) ?? message) : message]),
  );
}

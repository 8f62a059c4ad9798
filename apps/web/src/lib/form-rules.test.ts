import { contactSchema, customerSignupInput } from '@makeries/shared';
import { describe, expect, it } from 'vitest';
import { schemaErrors } from './form-rules';

describe('schemaErrors', () => {
  it('gives each field the shared schema’s message, first problem only, under the form’s path', () => {
    const errors = schemaErrors(contactSchema, { name: '  ', email: 'not-an-email', phone: 'x'.repeat(41) }, { prefix: 'contact.' });
    expect(errors).toEqual({
      'contact.name': 'Required',
      'contact.email': 'Enter a valid email address',
      'contact.phone': expect.stringMatching(/40/),
    });
  });

  it('words an empty field the form’s way and keeps every other message as the server says it', () => {
    const errors = schemaErrors(customerSignupInput, { name: 'Ann\u202Egnp', email: '', password: 'short' }, { required: { name: 'Enter your name' } });
    expect(errors.name).toBe('Names cannot contain control characters or invisible formatting characters');
    expect(errors.password).toBe('Passwords need at least 10 characters');
    expect(schemaErrors(customerSignupInput, { name: '', email: 'a@b.co', password: 'long enough pw' }, { required: { name: 'Enter your name' } })).toEqual({
      name: 'Enter your name',
    });
  });

  it('finds nothing wrong with good values', () => {
    expect(schemaErrors(contactSchema, { name: 'Ann', email: 'ann@example.test', phone: '' })).toEqual({});
  });
});

import type { FormErrors } from '@mantine/form';
import { addressSchema, contactSchema, type Contact } from '@makeries/shared';
import type { DeliveryAddress } from '../../lib/cart/requests';
import { schemaErrors } from '../../lib/form-rules';
import { lookupPostcode } from '../../lib/postcodes';

export type AddressDraft = {
  line1: string;
  line2: string;
  city: string;
  postcode: string;
};

export interface CheckoutFormValues {
  contact: Contact;
  address: AddressDraft;
  note: string;
}

/** An empty checkout, with the town set to the marketplace's city. */
export function checkoutStart(city: string): CheckoutFormValues {
  return { contact: { name: '', email: '', phone: '' }, address: { line1: '', line2: '', city, postcode: '' }, note: '' };
}

/** The typed part of a delivery address, checked by the same rules as the order's address on the server. */
const typedAddress = addressSchema.pick({ line1: true, line2: true, city: true, postcode: true });
const ADDRESS_REQUIRED = { line1: 'Enter the street address', city: 'Enter the town' };

/**
 * The checkout form's field errors: the contact always, the address only when a shop delivers. The postcode must
 * also be one we can place on the map (the delivery zone is a radius around the shop).
 */
export function checkoutErrors(values: CheckoutFormValues, delivering: boolean): FormErrors {
  const errors = schemaErrors(contactSchema, values.contact, { prefix: 'contact.' });
  if (!delivering) return errors;
  Object.assign(errors, schemaErrors(typedAddress, values.address, { prefix: 'address.', required: ADDRESS_REQUIRED }));
  const pc = lookupPostcode(values.address.postcode);
  if (!pc.ok) errors['address.postcode'] = pc.message;
  return errors;
}

/** The address the order is sent with (trimmed, the postcode as we write it, its map point); null when it is not valid. */
export function deliveryAddressOf(a: AddressDraft): DeliveryAddress | null {
  const pc = lookupPostcode(a.postcode);
  const parsed = typedAddress.safeParse(a);
  if (!pc.ok || !parsed.success) return null;
  const { line1, line2, city } = parsed.data;
  return { line1, line2: line2?.trim() || undefined, city, postcode: pc.place.postcode, lat: pc.place.lat, lng: pc.place.lng };
}

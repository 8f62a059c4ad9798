import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

/**
 * Numbers set aside for drama and tests that libphonenumber does not list as mobile: Ofcom's 07700 900000–900999.
 * They can be typed and saved (demos and tests never text a real person); a provider refuses to send to them.
 */
const FICTIONAL_MOBILE = [/^\+447700900\d{3}$/];

export type MobileNumber = { ok: true; e164: string; national: string } | { ok: false; message: string };

/**
 * A number as a customer types it ("07700 900123", "+44 7700 900123", "0044…"), read with the marketplace's
 * country, as E.164 (`+447700900123`) — or why it cannot take texts (a landline, too short, not a number).
 */
export function readMobile(raw: string, country: string): MobileNumber {
  const typed = raw.trim();
  if (typed === '') return { ok: false, message: 'Enter your mobile number to get texts' };
  const parsed = parsePhoneNumberFromString(typed, country as CountryCode);
  if (!parsed?.isPossible()) return { ok: false, message: 'That is not a phone number we can text — check the digits' };
  const e164 = parsed.number;
  const type = parsed.isValid() ? parsed.getType() : undefined;
  const mobile = type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' || FICTIONAL_MOBILE.some((r) => r.test(e164));
  if (!mobile) return { ok: false, message: 'Texts need a mobile number — that looks like a landline or a service number' };
  return { ok: true, e164, national: written(parsed, country) };
}

/** An E.164 number as people in the marketplace's country write it. */
export function displayNumber(e164: string, country: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? written(parsed, country) : e164;
}

/** nationally within the marketplace's calling code (by code: a fictional number has no country), else with it */
function written(parsed: PhoneNumber, country: string): string {
  let home: string | null = null;
  try {
    home = getCountryCallingCode(country as CountryCode);
  } catch {
    home = null;
  }
  return parsed.countryCallingCode === home ? parsed.formatNational() : parsed.formatInternational();
}

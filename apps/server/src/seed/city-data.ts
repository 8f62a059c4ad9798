import type { PostcodeDistrict } from '@makeries/shared';

/**
 * The demo city as seed data: where its shops are registered and its postcode districts with the approximate
 * centre of each. The marketplace serves a city's districts when MARKET_CITY and MARKET_COUNTRY name it; a
 * second city is another object like this one, seeded the same way.
 */
export interface SeedCity {
  name: string;
  country: string;
  currency: string;
  timezone: string;
  districts: PostcodeDistrict[];
}

export const DEMO_CITY: SeedCity = {
  name: 'Bristol',
  country: 'GB',
  currency: 'GBP',
  timezone: 'Europe/London',
  districts: [
    { code: 'BS1', name: 'City centre', lat: 51.4535, lng: -2.593 },
    { code: 'BS2', name: 'St Pauls', lat: 51.46, lng: -2.579 },
    { code: 'BS3', name: 'Bedminster', lat: 51.438, lng: -2.6 },
    { code: 'BS4', name: 'Knowle', lat: 51.433, lng: -2.56 },
    { code: 'BS5', name: 'Easton', lat: 51.463, lng: -2.555 },
    { code: 'BS6', name: 'Redland', lat: 51.469, lng: -2.6 },
    { code: 'BS7', name: 'Bishopston', lat: 51.484, lng: -2.584 },
    { code: 'BS8', name: 'Clifton', lat: 51.456, lng: -2.618 },
    { code: 'BS9', name: 'Westbury-on-Trym', lat: 51.488, lng: -2.627 },
    { code: 'BS10', name: 'Henbury', lat: 51.505, lng: -2.606 },
    { code: 'BS11', name: 'Shirehampton', lat: 51.497, lng: -2.68 },
    { code: 'BS13', name: 'Bishopsworth', lat: 51.411, lng: -2.608 },
    { code: 'BS14', name: 'Whitchurch', lat: 51.413, lng: -2.563 },
    { code: 'BS15', name: 'Kingswood', lat: 51.46, lng: -2.505 },
    { code: 'BS16', name: 'Fishponds', lat: 51.487, lng: -2.515 },
    { code: 'BS20', name: 'Portishead', lat: 51.481, lng: -2.765 },
    { code: 'BS30', name: 'Warmley', lat: 51.445, lng: -2.472 },
    { code: 'BS31', name: 'Keynsham', lat: 51.413, lng: -2.496 },
    { code: 'BS32', name: 'Bradley Stoke', lat: 51.537, lng: -2.567 },
    { code: 'BS34', name: 'Filton', lat: 51.521, lng: -2.568 },
    { code: 'BS35', name: 'Thornbury', lat: 51.605, lng: -2.525 },
    { code: 'BS36', name: 'Frampton Cotterell', lat: 51.525, lng: -2.49 },
    { code: 'BS37', name: 'Yate', lat: 51.539, lng: -2.415 },
    { code: 'BS39', name: 'Paulton', lat: 51.35, lng: -2.51 },
    { code: 'BS40', name: 'Chew Valley', lat: 51.365, lng: -2.68 },
    { code: 'BS41', name: 'Long Ashton', lat: 51.425, lng: -2.66 },
    { code: 'BS48', name: 'Nailsea', lat: 51.43, lng: -2.75 },
    { code: 'BS49', name: 'Yatton', lat: 51.39, lng: -2.82 },
  ],
};

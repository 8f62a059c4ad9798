import type { Outputs } from '../../api/types';

/** The store settings as the counter answers them (mirror + changes not yet sent). */
export type StoreSettings = Outputs['store']['settings'];

import { AppError, DIETARY_TAGS, type DietaryTag } from '@makeries/shared';
import type { CoreContext } from '../context';
import { parseInput } from '../errors';
import { requireStaff, approve } from '../staff/auth';
import { proofHeader } from '../staff/proofs';
import { createCredentialStore } from '../sync/credentials';
import { classifyFailure, createServerApi, failureToAppError, timedFetch, type FetchLike } from '../sync/transport';
import { imageUploadInput, productIdInput, type ImageUploadInput } from './inputs';

export interface ProductPhoto {
  id: string;
  alt: string;
  thumbUrl: string;
  mediumUrl: string;
}

/** What only the server holds about a product (the counter's catalog has no room for it). */
export interface ProductExtras {
  description: string;
  dietaryTags: DietaryTag[];
  photos: ProductPhoto[];
}

const REQUEST_MS = 30_000;

function offline(what: string): AppError {
  return new AppError('CONFLICT', `${what} needs the connection to the marketplace, and this counter cannot reach it right now. Try again when sync shows online.`, {
    details: { reason: 'offline' },
  });
}

/**
 * Photos and the other server-only product fields, fetched live with this counter's device token. They need
 * the connection (staff are told so); everything else in the catalog editor works offline.
 */
export function createProductMedia(ctx: CoreContext, dataDir: string, fetchFn: FetchLike = fetch) {
  const creds = createCredentialStore(dataDir);
  const connect = (what: string, staffIds: readonly string[] = []) => {
    const c = creds.read();
    if (!c) throw offline(what);
    const api = createServerApi({
      serverUrl: c.serverUrl,
      fetch: timedFetch(fetchFn, REQUEST_MS, () => new AbortController().signal),
      token: () => c.token,
      staffProofs: () => proofHeader(ctx, staffIds),
    });
    const absolute = (url: string) => (url.startsWith('/') ? `${c.serverUrl.replace(/\/+$/, '')}${url}` : url);
    return { api, absolute, serverUrl: c.serverUrl };
  };
  const call = async <T>(what: string, serverUrl: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      const f = classifyFailure(e);
      if (f.kind === 'offline') throw offline(what);
      throw failureToAppError(f, serverUrl);
    }
  };

  return {
    extras: async (input: { productId: string }): Promise<ProductExtras> => {
      const { productId } = parseInput(productIdInput, input);
      requireStaff(ctx);
      const { api, absolute, serverUrl } = connect('Loading the description and photos');
      const p = await call('Loading the description and photos', serverUrl, () => api.products.byId.query({ productId }));
      const known = new Set<string>(DIETARY_TAGS);
      return {
        description: p.description,
        dietaryTags: p.dietaryTags.filter((t): t is DietaryTag => known.has(t)),
        photos: p.images.map((i) => ({ id: i.id, alt: i.alt, thumbUrl: absolute(i.thumbUrl), mediumUrl: absolute(i.mediumUrl) })),
      };
    },

    /** Through the server's own image pipeline (type sniffing, resizing, thumbnails). */
    upload: async (input: ImageUploadInput): Promise<ProductPhoto> => {
      const p = parseInput(imageUploadInput, input);
      const me = requireStaff(ctx);
      const approvedBy = await approve(ctx, p.approval, 'change product photos');
      const { api, absolute, serverUrl } = connect('Uploading a photo', [me.staffId, approvedBy]);
      const img = await call('Uploading a photo', serverUrl, () =>
        api.products.uploadImageFromCounter.mutate({ productId: p.productId, contentType: p.contentType, dataBase64: p.dataBase64, alt: '' }),
      );
      return { id: img.id, alt: img.alt, thumbUrl: absolute(img.thumbUrl), mediumUrl: absolute(img.mediumUrl) };
    },
  };
}

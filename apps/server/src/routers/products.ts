import {
  imageRemoveInput,
  imageUploadInput,
  productArchiveInput,
  productByIdInput,
  productCreateInput,
  productListInput,
  productUpdateInput,
  variantUpsertInput,
} from '@makeries/shared';
import { removeProductImage, uploadProductImage } from '../services/images';
import { archiveProduct, createProduct, getProduct, listProducts, updateProduct, upsertVariant } from '../services/products';
import { requireProven } from '../services/staff-proofs';
import { deviceProcedure, managerProcedure, publicProcedure, router, vendorProcedure } from '../trpc';

export const productsRouter = router({
  /** the vendor's own catalog, hidden and archived products included on request */
  list: vendorProcedure.input(productListInput).query(({ ctx, input }) => listProducts(ctx.db, ctx.vendorId, input)),
  /** public for storefront products; the vendor's own staff and counters see any of theirs */
  byId: publicProcedure.input(productByIdInput).query(({ ctx, input }) => {
    const viewer = ctx.actor.kind === 'staff' || ctx.actor.kind === 'device' ? ctx.actor.vendorId : null;
    return getProduct(viewer ? ctx.db : ctx.readDb, input.productId, viewer);
  }),
  create: managerProcedure.input(productCreateInput).mutation(({ ctx, input }) => createProduct(ctx.db, ctx.vendorId, input)),
  update: managerProcedure.input(productUpdateInput).mutation(({ ctx, input }) => updateProduct(ctx.db, ctx.vendorId, input)),
  upsertVariant: managerProcedure.input(variantUpsertInput).mutation(({ ctx, input }) => upsertVariant(ctx.db, ctx.vendorId, input)),
  archive: managerProcedure.input(productArchiveInput).mutation(({ ctx, input }) => archiveProduct(ctx.db, ctx.vendorId, input)),
  uploadImage: managerProcedure.input(imageUploadInput).mutation(({ ctx, input }) => uploadProductImage(ctx.db, ctx.env, ctx.vendorId, input)),
  /** a paired counter's back office: a manager's or the owner's proof (who signed in or approved), as for catalog edits */
  uploadImageFromCounter: deviceProcedure
    .input(imageUploadInput)
    .mutation(({ ctx, input }) => {
      requireProven(ctx.actor.proven, ['owner', 'manager']);
      return uploadProductImage(ctx.db, ctx.env, ctx.vendorId, input);
    }),
  removeImage: managerProcedure.input(imageRemoveInput).mutation(({ ctx, input }) => removeProductImage(ctx.db, ctx.env, ctx.vendorId, input.imageId)),
});

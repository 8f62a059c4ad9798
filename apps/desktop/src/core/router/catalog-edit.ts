import {
  categorySaveInput,
  csvImportInput,
  imageUploadInput,
  productFlagInput,
  productIdInput,
  productListInput,
  productSaveInput,
  taxRateSaveInput,
} from '../catalog-edit/inputs';
import { queuedProcedure, router, staffProcedure } from './trpc';

/*
 * The back office's catalog (DESIGN §4–§5). Reads come from the local catalog and work offline. Edits are a
 * manager's job: a cashier passes `approval` (a manager's PIN) or gets FORBIDDEN with details.needsApproval.
 * Each edit changes the local catalog at once and queues a mutation for the server.
 */
export const catalogEditRouter = router({
  list: staffProcedure.input(productListInput).query(({ ctx, input }) => ctx.core.catalogEdit.list(input)),
  byId: staffProcedure.input(productIdInput).query(({ ctx, input }) => ctx.core.catalogEdit.byId(input)),
  categories: staffProcedure.query(({ ctx }) => ctx.core.catalogEdit.categories()),
  taxRates: staffProcedure.query(({ ctx }) => ctx.core.catalogEdit.taxRates()),

  save: queuedProcedure.input(productSaveInput).mutation(({ ctx, input }) => ctx.core.catalogEdit.save(input)),
  setOnline: queuedProcedure.input(productFlagInput).mutation(({ ctx, input }) => ctx.core.catalogEdit.setOnline(input)),
  archive: queuedProcedure.input(productFlagInput).mutation(({ ctx, input }) => ctx.core.catalogEdit.archive(input)),
  saveCategory: queuedProcedure.input(categorySaveInput).mutation(({ ctx, input }) => ctx.core.catalogEdit.saveCategory(input)),
  saveTaxRate: queuedProcedure.input(taxRateSaveInput).mutation(({ ctx, input }) => ctx.core.catalogEdit.saveTaxRate(input)),

  /** the file's text; the renderer downloads it */
  exportCsv: staffProcedure.query(({ ctx }) => ctx.core.catalogEdit.exportCsv()),
  /** what an import would create/update, row by row with errors; writes nothing */
  previewImport: staffProcedure.input(csvImportInput).mutation(({ ctx, input }) => ctx.core.catalogEdit.previewImport(input)),
  applyImport: queuedProcedure.input(csvImportInput).mutation(({ ctx, input }) => ctx.core.catalogEdit.applyImport(input)),

  /** description, dietary tags and photos: live from the server (needs the connection) */
  extras: staffProcedure.input(productIdInput).query(({ ctx, input }) => ctx.core.catalogEdit.extras(input)),
  /**
   * Needs the connection. A product created here and not yet uploaded is sent first, so the server knows it.
   */
  uploadPhoto: staffProcedure.input(imageUploadInput).mutation(async ({ ctx, input }) => {
    if (ctx.core.catalogEdit.byId({ productId: input.productId }).pendingSync) await ctx.sync.syncNow();
    const photo = await ctx.core.catalogEdit.uploadPhoto(input);
    void ctx.sync.syncNow();
    return photo;
  }),
});


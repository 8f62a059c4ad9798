import type { CoreContext } from '../context';
import { parseInput } from '../errors';
import { exportCatalogCsv } from './csv-export';
import { applyImport, previewImport } from './csv-import';
import { createProductMedia } from './images';
import { productIdInput, type CategorySaveInput, type CsvImportInput, type ProductFlagInput, type ProductListInput, type ProductSaveInput, type TaxRateSaveInput } from './inputs';
import { saveProduct, setProductFlag } from './product-save';
import { listCategories, listProducts, listTaxRates, productById } from './reads';
import { saveCategory, saveTaxRate } from './taxonomy';
import { notFound } from '../errors';
import { requireStaff } from '../staff/auth';

/**
 * The counter's back office for the catalog (DESIGN §4–§5): reads from the local catalog (offline), edits as
 * optimistic mirror writes queued for the server, CSV in and out, photos through the server when online.
 */
export function createCatalogEditModule(ctx: CoreContext, dataDir: string) {
  const media = createProductMedia(ctx, dataDir);
  return {
    list: (input: ProductListInput) => {
      requireStaff(ctx);
      return listProducts(ctx, input);
    },
    byId(input: { productId: string }) {
      requireStaff(ctx);
      const p = productById(ctx, parseInput(productIdInput, input).productId);
      if (!p) throw notFound('That product is not in this counter’s catalog.');
      return p;
    },
    categories: () => listCategories(ctx),
    taxRates: () => listTaxRates(ctx),
    save: (input: ProductSaveInput) => saveProduct(ctx, input),
    setOnline: (input: ProductFlagInput) => setProductFlag(ctx, 'onlineVisible', input),
    archive: (input: ProductFlagInput) => setProductFlag(ctx, 'archived', input),
    saveCategory: (input: CategorySaveInput) => saveCategory(ctx, input),
    saveTaxRate: (input: TaxRateSaveInput) => saveTaxRate(ctx, input),
    exportCsv: () => {
      requireStaff(ctx);
      return exportCatalogCsv(ctx);
    },
    previewImport: (input: CsvImportInput) => {
      requireStaff(ctx);
      return previewImport(ctx, input);
    },
    applyImport: (input: CsvImportInput) => applyImport(ctx, input),
    extras: media.extras,
    uploadPhoto: media.upload,
  };
}

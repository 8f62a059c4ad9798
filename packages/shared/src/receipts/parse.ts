import { AppError } from '../errors';
import { issuesSentence, zodIssues } from '../error-mapping';
import { receiptDocumentSchema, type ReceiptDocument, type ReceiptDocumentInput } from './document';

/** Validates a document (defaults filled in); BAD_INPUT lists what is wrong, so nothing half-valid reaches paper. */
export function parseReceiptDocument(input: ReceiptDocumentInput | ReceiptDocument): ReceiptDocument {
  const r = receiptDocumentSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = zodIssues(r.error);
  throw new AppError('BAD_INPUT', `This receipt cannot be printed. ${issuesSentence(issues)}.`, { issues });
}

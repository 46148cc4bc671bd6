import { FieldError, FieldErrorCode as Code } from '../field.error';

export const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

/** A claim keeps at most this many receipts (a day out can have a few tickets). */
export const MAX_RECEIPTS_PER_CLAIM = 5;

/** What the file's first bytes say it is, whatever the request claimed. */
export function sniffReceiptType(bytes: Buffer): ReceiptType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return undefined;
}

/** Refuses a body that is not a receipt, or whose bytes are not the type it was sent as. */
export function checkReceipt(declared: string | undefined, body: unknown): { contentType: ReceiptType; bytes: Buffer } {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (!(RECEIPT_TYPES as readonly string[]).includes(type) || !Buffer.isBuffer(body)) {
    const message = `Send the receipt as the request body with Content-Type ${RECEIPT_TYPES.join(', ')}`;
    throw new FieldError(Code.InvalidReceipt, message, [{ field: 'body', rule: 'receiptType', message: `body must be a photo or PDF (${RECEIPT_TYPES.join(', ')})` }]);
  }
  if (!body.length) throw new FieldError(Code.InvalidReceipt, 'The receipt is empty', [{ field: 'body', rule: 'notEmpty', message: 'body must not be empty' }]);
  const sniffed = sniffReceiptType(body);
  if (sniffed !== type) {
    const message = `The file is not a ${type} (its first bytes say ${sniffed ?? 'it is none of the accepted types'})`;
    throw new FieldError(Code.InvalidReceipt, message, [{ field: 'body', rule: 'contentMatchesType', message }]);
  }
  return { contentType: type as ReceiptType, bytes: body };
}

import { text } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** A limit as the configuration spells it (`100kb`, `5mb`), in bytes, as body-parser reads it. */
export function limitInBytes(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/.exec(limit);
  if (!match) throw new Error(`A body limit looks like 100kb or 5mb, not ${limit}`);
  return Number(match[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[match[2] as 'b' | 'kb' | 'mb'];
}

const tooLarge = (limit: number) => Object.assign(new Error(`request entity too large (limit ${limit} bytes)`), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' });

/**
 * The parser for one route that takes a CSV file, with that route's own limit, so no other parser
 * reads the file first under a larger one. A body declaring more than the limit in Content-Length is
 * refused (413) before any of it is read; body-parser then counts a chunked body's bytes as they
 * arrive, keeps none past the limit and answers 413 once the client has finished sending.
 */
export function csvBodyParser(limit: string, types: readonly string[] = ['text/csv']): RequestHandler[] {
  const bytes = limitInBytes(limit);
  const refuseDeclaredSize = (request: Request, _response: Response, next: NextFunction) => {
    const declared = Number(request.headers['content-length']);
    next(Number.isFinite(declared) && declared > bytes ? tooLarge(bytes) : undefined);
  };
  return [refuseDeclaredSize, text({ type: [...types], limit: bytes })];
}

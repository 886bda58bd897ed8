import type { RequestHandler } from 'express';

/**
 * API responses carry caller data and live positions: no browser cache, proxy or
 * back-forward cache may keep a copy. Set before any route runs, so errors say it too.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

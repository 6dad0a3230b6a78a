import type { Request } from 'express';

/** The caller's address as Express sees it (honours `trust proxy` when the lead sets it). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

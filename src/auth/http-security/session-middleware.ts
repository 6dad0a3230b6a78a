import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The browser session chain (express-session, then passport) that configureSecurity builds
 * for HTTP, kept so other entry points that arrive as plain Node requests (the socket.io
 * handshake of the live stream) resolve the same cookie the same way.
 */
@Injectable()
export class SessionMiddleware {
  private chain: RequestHandler[] = [];

  use(chain: RequestHandler[]): void {
    this.chain = chain;
  }

  /** Runs the chain on a request; afterwards `request.user` is the signed-in user, if any. */
  run(req: Request, res: Response, done: NextFunction): void {
    const step = (i: number, err?: unknown): void => {
      if (err || i === this.chain.length) return done(err);
      this.chain[i](req, res, (next?: unknown) => step(i + 1, next));
    };
    step(0);
  }
}

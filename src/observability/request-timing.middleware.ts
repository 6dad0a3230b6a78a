import { NextFunction, Request, Response } from 'express';
import { PerformanceRecorder } from './performance-recorder';

/** Records each API request's duration under its route pattern (`GET /api/logs/:id`). */
export function requestTiming(recorder: PerformanceRecorder) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/')) return next();
    const started = performance.now();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : null;
      if (route) recorder.record('api', `${req.method} ${route}`, performance.now() - started);
    });
    next();
  };
}

import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, int, map, nullable, obj, ok, str, time } from '../openapi/schema';

export const RATE_LIMITS_DOCS = {
  status: {
    summary: 'Rate-limit classes and the active windows (your tenant; every tenant for installation admins)',
    response: ok({
      enabled: bool(),
      limits: map(obj({ limit: int(), window_seconds: int(), description: str() })),
      active: arr(obj({ id: str('user:<id>, token:<id> or ip:<address>'), tenant_id: nullable(str()), class: str(), count: int(), limit: int(), remaining: int(), reset_at: time() })),
    }),
  },
  reset: { summary: "Reset one subject's counters", response: ok({ reset: str() }) },
  resetAll: { summary: 'Reset every counter in reach', response: ok({ reset: int('Windows reset') }) },
} satisfies Record<string, ApiDocOptions>;

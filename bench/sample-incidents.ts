// Labelled incidents for measuring anomaly detection (`generate-logs --incidents`,
// `npm run bench -- --anomalies`): volume spikes, a service going silent, an error-rate
// surge, a latency shift and a new error message, injected into otherwise normal traffic
// in the last days of the window. The plan is the ground truth, written beside the data.

import { Prng } from './prng';
import { SERVICES } from './sample-log-catalog';
import { SampleLogRecord } from './sample-log-record';
import { TimeWindow } from './sample-log-generator';

export const INCIDENT_KINDS = ['volume_spike', 'service_silent', 'error_surge', 'latency_shift', 'new_error'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export interface Incident {
  kind: IncidentKind;
  service: string;
  /** Epoch ms, end exclusive, on minute boundaries. */
  start: number;
  end: number;
}

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const DURATION_MINUTES: Record<IncidentKind, [number, number]> = {
  volume_spike: [3, 10],
  service_silent: [10, 30],
  error_surge: [5, 15],
  latency_shift: [15, 40],
  new_error: [10, 20],
};

/** Incidents every 3-6 hours over the last `days` of the window, kinds in turn, random services. */
export function planIncidents(seed: number, window: TimeWindow, days: number): Incident[] {
  const rng = new Prng(seed ^ 0x1dc1de47);
  const incidents: Incident[] = [];
  let t = Math.max(window.startMs, window.endMs - days * DAY) + rng.int(60, 180) * MINUTE;
  for (let k = 0; ; k++) {
    const kind = INCIDENT_KINDS[k % INCIDENT_KINDS.length];
    const [lo, hi] = DURATION_MINUTES[kind];
    const end = t + rng.int(lo, hi) * MINUTE;
    if (end > window.endMs - 30 * MINUTE) return incidents;
    incidents.push({ kind, service: rng.pick(SERVICES), start: t, end });
    t = end + rng.int(180, 360) * MINUTE;
  }
}

/**
 * Applies the incidents active in one minute's batch: spikes repeat the service's records
 * 5x, a silent service loses them, an error surge fails 40% of them, a latency shift
 * triples response times, and a new error adds a message never seen before.
 */
export class IncidentInjector {
  private readonly rng: Prng;

  constructor(private readonly incidents: readonly Incident[], seed: number) {
    this.rng = new Prng(seed ^ 0x5eed1e55);
  }

  apply(batch: SampleLogRecord[]): SampleLogRecord[] {
    if (batch.length === 0) return batch;
    const t = Date.parse(batch[0].timestamp);
    const active = this.incidents.filter((i) => t >= i.start - MINUTE && t < i.end);
    if (active.length === 0) return batch;
    const out: SampleLogRecord[] = [];
    for (const r of batch) {
      const at = Date.parse(r.timestamp);
      const incident = active.find((i) => i.service === r.service && at >= i.start && at < i.end);
      if (!incident) {
        out.push(r);
        continue;
      }
      switch (incident.kind) {
        case 'volume_spike':
          for (let k = 0; k < 5; k++) out.push({ ...r, timestamp: shifted(r.timestamp, k, incident.end) });
          break;
        case 'service_silent':
          break;
        case 'error_surge':
          out.push(this.rng.chance(0.4) ? { ...r, level: 'ERROR', message: `Upstream ${r.service}-db refused connection (pool of 20 exhausted)`, status_code: r.status_code === undefined ? undefined : 503 } : r);
          break;
        case 'latency_shift':
          out.push(r.response_time_ms === undefined ? r : { ...r, response_time_ms: Math.round(r.response_time_ms * 3) });
          break;
        case 'new_error':
          out.push(r);
          if (this.rng.chance(0.25)) {
            out.push({ ...r, level: 'ERROR', message: `CacheShardUnavailable: shard ${this.rng.int(1, 64)} of ${r.service}-cache at 10.4.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}:6379 did not answer in ${this.rng.int(200, 900)} ms` });
          }
          break;
      }
    }
    return out.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  }
}

/** A copy's time: a few ms later, still inside the incident. */
function shifted(timestamp: string, k: number, end: number): string {
  return new Date(Math.min(Date.parse(timestamp) + k * 7, end - 1)).toISOString();
}

export function incidentsJson(incidents: readonly Incident[]): string {
  return JSON.stringify(incidents.map((i) => ({ ...i, start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() })), null, 2) + '\n';
}

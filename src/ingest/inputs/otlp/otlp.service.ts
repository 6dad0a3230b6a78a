import { Injectable } from '@nestjs/common';
import { InputStats } from '../input-stats';
import { InputWriter } from '../input-writer';
import { decodeJson, decodeProtobuf, OtlpFormatError } from './otlp-logs';
import { otlpLines } from './otlp-record';
import { ProtobufWriter } from './protobuf-reader';

export type OtlpEncoding = 'protobuf' | 'json';

export interface OtlpExportResult {
  rejected: number;
  errorMessage: string;
}

/** Decodes an OTLP logs export and writes its records; an undecodable body takes nothing. */
@Injectable()
export class OtlpService {
  constructor(
    private readonly writer: InputWriter,
    private readonly stats: InputStats,
  ) {
    stats.of('otlp').enable('/v1/logs');
  }

  async export(tenantId: string, body: Buffer, encoding: OtlpEncoding): Promise<OtlpExportResult> {
    const counters = this.stats.of('otlp');
    let lines: string[];
    try {
      lines = otlpLines(encoding === 'json' ? decodeJson(body.toString('utf8')) : decodeProtobuf(body));
    } catch (err) {
      if (err instanceof OtlpFormatError) {
        counters.received++;
        counters.reject(encoding === 'json' ? 'invalid JSON' : 'invalid protobuf', 1, err.message);
      }
      throw err;
    }
    counters.received += lines.length;
    const result = await this.writer.write(counters, tenantId, lines);
    const reasons = [...new Set(result.errors.map((e) => e.reason))].slice(0, 5);
    return { rejected: result.rejected, errorMessage: reasons.join('; ') };
  }

  /** ExportLogsServiceResponse: empty on full success, partial_success otherwise. */
  encodeResponse(result: OtlpExportResult, encoding: OtlpEncoding): Buffer | object {
    if (encoding === 'json') {
      return result.rejected === 0 ? {} : { partialSuccess: { rejectedLogRecords: String(result.rejected), errorMessage: result.errorMessage } };
    }
    if (result.rejected === 0) return Buffer.alloc(0);
    const partial = new ProtobufWriter().varintField(1, result.rejected).stringField(2, result.errorMessage).finish();
    return new ProtobufWriter().bytesField(1, partial).finish();
  }

  /** google.rpc.Status, the body of an OTLP/HTTP error. */
  encodeStatus(code: number, message: string, encoding: OtlpEncoding): Buffer | object {
    if (encoding === 'json') return { code, message };
    return new ProtobufWriter().varintField(1, code).stringField(2, message).finish();
  }
}

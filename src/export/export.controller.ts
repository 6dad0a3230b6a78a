import { Body, Controller, Logger, Post, Query, Res } from '@nestjs/common';
import { Response } from 'express';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { exportFileName } from './export-encoder';
import { parseExportRequest } from './export-request';
import { writeExport } from './export-stream';
import { ExportService } from './export.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { EXPORT_DOCS } from './export.openapi';

@Controller('api')
@Access('read')
export class ExportController {
  private readonly logger = new Logger('Export');

  constructor(private readonly exports: ExportService) {}

  /** Takes a JSON or form body (a page may post its search form here) and streams a download. */
  @ApiDoc(EXPORT_DOCS.export)
  @Post('export')
  async export(
    @CurrentPrincipal() who: Principal,
    @Body() body: Record<string, unknown> | undefined,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const request = parseExportRequest(body ?? {}, query);
    const opened = await this.exports.open(who.tenantId, request);
    res.status(200);
    res.setHeader('Content-Type', request.gzip ? 'application/gzip' : opened.contentType);
    res.setHeader('Content-Disposition', `attachment; filename=${exportFileName(opened.extension, request.gzip, new Date())}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // A .gz file is the payload itself: no-transform keeps compression() from gzipping it again.
    res.setHeader('Cache-Control', request.gzip ? 'no-store, no-transform' : 'no-store');
    try {
      await writeExport(opened.chunks, res, request.gzip);
    } catch (error) {
      // The download is cut short (pipeline destroyed the response), so the client sees a failed transfer.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.warn(`export for tenant ${who.tenantId} stopped: ${(error as Error).message}`);
    }
  }
}

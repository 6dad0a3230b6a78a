import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { LiveTailService } from './live-tail.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { LIVE_DOCS } from './live.openapi';

/** `GET /api/logs/tail?query=&level=&service=&since=`: the live tail as text/event-stream. */
@Controller('api/logs')
@Access('read')
export class LiveTailController {
  constructor(private readonly tail: LiveTailService) {}

  @ApiDoc(LIVE_DOCS.tailLogs)
  @Get('tail')
  tailLogs(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.tail.open(who, query, res);
  }
}

import { Controller, Get, Res } from '@nestjs/common';
import { Response } from 'express';
import { Access } from '../auth/access.decorators';
import { HealthService } from './health.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { HEALTH_DOCS } from './observability.openapi';

@Controller('api/health')
@Access('public')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @ApiDoc(HEALTH_DOCS.get)
  @Get()
  async get(@Res({ passthrough: true }) response: Response) {
    const components = await this.health.components();
    const healthy = Object.values(components).every(Boolean);
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'healthy' : 'unhealthy', healthy, components };
  }
}

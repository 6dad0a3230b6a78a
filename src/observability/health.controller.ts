import { Controller, Get, Res } from '@nestjs/common';
import { Response } from 'express';
import { Access } from '../auth/access.decorators';
import { HealthService } from './health.service';

@Controller('api/health')
@Access('public')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  async get(@Res({ passthrough: true }) response: Response) {
    const components = await this.health.components();
    const healthy = Object.values(components).every(Boolean);
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'healthy' : 'unhealthy', healthy, components };
  }
}

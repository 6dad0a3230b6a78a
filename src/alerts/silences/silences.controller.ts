import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../../auth/access.decorators';
import { Principal } from '../../auth/auth-types';
import { Clock } from '../../platform/clock';
import { presentSilence } from '../alert-presenter';
import { SilencesService } from './silences.service';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { SILENCES_DOCS } from '../alerts.openapi';

type Json = Record<string, unknown> | undefined;

@Controller('api/alerts/silences')
export class SilencesController {
  constructor(
    private readonly silences: SilencesService,
    private readonly clock: Clock,
  ) {}

  @ApiDoc(SILENCES_DOCS.create)
  @Post()
  @Access('write')
  async create(@CurrentPrincipal() who: Principal, @Body() body: Json) {
    return { success: true, silence: presentSilence(await this.silences.create(who, body ?? {}), this.clock.now()) };
  }

  /** `?active=true`: only those not ended yet. */
  @ApiDoc(SILENCES_DOCS.list)
  @Get()
  @Access('read')
  async list(@CurrentPrincipal() who: Principal, @Query('active') active?: string) {
    const silences = await this.silences.list(who, active === 'true' || active === '1');
    const now = this.clock.now();
    return { success: true, silences: silences.map((s) => presentSilence(s, now)), count: silences.length };
  }

  @ApiDoc(SILENCES_DOCS.delete)
  @Delete(':id')
  @Access('write')
  async delete(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.silences.delete(who, id);
    return { success: true, message: 'Silence deleted' };
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../../auth/access.decorators';
import { Principal } from '../../auth/auth-types';
import { presentChannel, presentDelivery } from '../alert-presenter';
import { AlertChannelsService } from './alert-channels.service';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { ALERT_CHANNELS_DOCS } from '../alerts.openapi';

type Json = Record<string, unknown> | undefined;

@Controller('api/alerts/channels')
export class AlertChannelsController {
  constructor(private readonly channels: AlertChannelsService) {}

  @ApiDoc(ALERT_CHANNELS_DOCS.create)
  @Post()
  @Access('write')
  async create(@CurrentPrincipal() who: Principal, @Body() body: Json) {
    return { success: true, channel: presentChannel(await this.channels.create(who, body ?? {})) };
  }

  @ApiDoc(ALERT_CHANNELS_DOCS.list)
  @Get()
  @Access('read')
  async list(@CurrentPrincipal() who: Principal) {
    const channels = await this.channels.list(who);
    return { success: true, channels: channels.map(presentChannel), count: channels.length };
  }

  @ApiDoc(ALERT_CHANNELS_DOCS.get)
  @Get(':id')
  @Access('read')
  async get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    const { channel, deliveries } = await this.channels.get(who, id);
    return { success: true, channel: presentChannel(channel), deliveries: deliveries.map(presentDelivery) };
  }

  @ApiDoc(ALERT_CHANNELS_DOCS.update)
  @Put(':id')
  @Access('write')
  async update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: Json) {
    return { success: true, channel: presentChannel(await this.channels.update(who, id, body ?? {})) };
  }

  @ApiDoc(ALERT_CHANNELS_DOCS.delete)
  @Delete(':id')
  @Access('write')
  async delete(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.channels.delete(who, id);
    return { success: true, message: 'Channel deleted' };
  }

  /** Sends a test notification now and answers how it went. */
  @ApiDoc(ALERT_CHANNELS_DOCS.test)
  @Post(':id/test')
  @Access('write')
  @HttpCode(200)
  async test(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    const delivery = await this.channels.test(who, id);
    return { success: delivery.status === 'sent', delivery: presentDelivery(delivery) };
  }
}

import { Controller, Get } from '@nestjs/common';
import { Access } from '../../auth/access.decorators';
import { InputStats } from './input-stats';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { INPUTS_DOCS } from '../ingest.openapi';

/** What each network input is doing: for an admin checking that shippers get through. */
@Controller('api/inputs')
@Access('admin')
export class InputsController {
  constructor(private readonly stats: InputStats) {}

  @ApiDoc(INPUTS_DOCS.list)
  @Get()
  list() {
    return { success: true, inputs: this.stats.list() };
  }
}

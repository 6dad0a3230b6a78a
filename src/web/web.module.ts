import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { AuthPagesController } from './auth-pages.controller';
import { PagesController } from './pages.controller';

/** Server-rendered pages; the view engine and static assets are set up by configureViews. */
@Module({ imports: [AdminModule], controllers: [PagesController, AuthPagesController] })
export class WebModule {}

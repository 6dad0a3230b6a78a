import { Module } from '@nestjs/common';
import { AuthPagesController } from './auth-pages.controller';
import { PagesController } from './pages.controller';

/** Server-rendered pages; the view engine and static assets are set up by configureViews. */
@Module({ controllers: [PagesController, AuthPagesController] })
export class WebModule {}

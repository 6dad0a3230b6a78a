import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { Response } from 'express';
import { RegistrationPolicy } from '../admin/registration-policy';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { PageExceptionFilter } from './page-exception.filter';
import { safeNextPath } from './safe-next';

/** Sign-in and registration forms; their script posts to /api/login and /api/register. */
@Controller()
@UseFilters(PageExceptionFilter)
export class AuthPagesController {
  constructor(private readonly registration: RegistrationPolicy) {}

  @Get('login')
  @Access('public')
  async login(@CurrentPrincipal() who: Principal | undefined, @Query('next') next: unknown, @Res() res: Response) {
    const target = safeNextPath(next);
    if (who) return res.redirect(303, target);
    const { open } = await this.registration.state();
    res.render('login', { title: 'Sign in', layout: 'bare', script: '/js/login.js', next: target, registrationOpen: open });
  }

  @Get('register')
  @Access('public')
  async register(@CurrentPrincipal() who: Principal | undefined, @Res() res: Response) {
    if (who) return res.redirect(303, '/');
    const { open } = await this.registration.state();
    res.render('register', { title: 'Create account', layout: 'bare', script: '/js/login.js', next: '/', registrationOpen: open });
  }
}

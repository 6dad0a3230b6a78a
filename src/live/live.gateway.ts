import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { NextFunction, Request, Response } from 'express';
import type { Namespace } from 'socket.io';
import { accessProblem } from '../auth/access.guard';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/auth-types';
import { SessionMiddleware } from '../auth/http-security/session-middleware';
import { SessionUser } from '../auth/login/session-login';
import { AppConfig } from '../config/app-config';
import { LIVE_NAMESPACE, tenantRoom } from './client-events';
import { compileLiveFilter, toFiltersError } from './live-filter';
import { LiveFanout } from './live-fanout';
import { LiveSubscriber } from './live-subscriber';
import { LiveTailer } from './live-tailer';
import { LiveSocket, SocketSink, socketBacklog } from './socket-sink';

interface SocketState {
  principal: Principal;
  subscriber: LiveSubscriber;
  metrics: boolean;
}

/**
 * The socket.io side of the live stream (contract in client-events.ts): authenticates the
 * handshake, puts each connection in its tenant's room, and turns it into a LiveSubscriber.
 * Only the tailer decides what a connection receives.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private namespace: Namespace | null = null;

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionMiddleware,
    private readonly tailer: LiveTailer,
    private readonly fanout: LiveFanout,
    private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    // The cookie is read on the handshake request only; later polling requests carry the sid.
    namespace.server.engine.use((req: Request & { _query?: Record<string, string> }, res: Response, next: NextFunction) =>
      req._query?.sid === undefined ? this.sessions.run(req, res, next) : next(),
    );
    namespace.use((socket, next) => {
      this.authenticate(socket as LiveSocket).then(
        (principal) => {
          socket.data.principal = principal;
          next();
        },
        (err: Error) => next(err),
      );
    });
    this.fanout.onNotification((tenantId, notification) => namespace.to(tenantRoom(tenantId)).emit('notification', notification));
    this.tailer.onTick(() => this.pushMetrics());
  }

  handleConnection(socket: LiveSocket): void {
    const principal = socket.data.principal as Principal | undefined;
    if (!principal) return void socket.disconnect(true);
    const subscriber = new LiveSubscriber(principal.tenantId, principal.userId ?? principal.username, new SocketSink(socket), this.config.liveMaxRate);
    socket.data.live = { principal, subscriber, metrics: true } satisfies SocketState;
    void socket.join(tenantRoom(principal.tenantId));
    this.tailer.add(subscriber);
  }

  handleDisconnect(socket: LiveSocket): void {
    const state = socket.data.live as SocketState | undefined;
    if (state) this.tailer.remove(state.subscriber);
  }

  @SubscribeMessage('set_filters')
  setFilters(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): void {
    const state = socket.data.live as SocketState;
    try {
      const filter = compileLiveFilter(state.principal.tenantId, body);
      state.subscriber.setFilter(filter);
      socket.emit('filters_set', { filters: filter.filters });
    } catch (err) {
      socket.emit('filters_error', toFiltersError(err));
    }
  }

  @SubscribeMessage('set_metrics')
  setMetrics(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): void {
    const state = socket.data.live as SocketState;
    state.metrics = !(body !== null && typeof body === 'object' && (body as { enabled?: unknown }).enabled === false);
  }

  private async authenticate(socket: LiveSocket): Promise<Principal> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const header = socket.handshake.headers.authorization;
    const bearer = typeof token === 'string' ? token : /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    const user = (socket.request as { user?: SessionUser }).user;
    const principal = bearer ? await this.auth.principalForToken(bearer) : user?.id ? await this.auth.principalForUser(user.id) : null;
    if (!principal) throw new Error(bearer ? 'invalid or expired token' : 'authentication required: sign in or pass auth: {token}');
    const problem = accessProblem('read', principal);
    if (problem) throw new Error(problem);
    return principal;
  }

  private pushMetrics(): void {
    const byTenant = new Map<string, ReturnType<LiveTailer['metricsFor']>>();
    for (const socket of this.namespace?.sockets.values() ?? []) {
      const state = socket.data.live as SocketState | undefined;
      if (!state?.metrics || socketBacklog(socket as LiveSocket) > 0) continue;
      const tenantId = state.principal.tenantId;
      if (!byTenant.has(tenantId)) byTenant.set(tenantId, this.tailer.metricsFor(tenantId));
      socket.emit('metrics_update', byTenant.get(tenantId)!);
    }
  }
}

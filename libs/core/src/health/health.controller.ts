import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/policy.decorators';
import { ReadinessIndicators } from './readiness';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessIndicators,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up and serving' })
  @ApiOkResponse({ schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } }, additionalProperties: false } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis and migrations (503 when any is not ready), with each queue’s waiting, active, delayed and failed jobs' })
  async ready() {
    try {
      const result = await this.health.check([() => this.readiness.database(), () => this.readiness.migrations(), () => this.readiness.redisReady()]);
      // Beside the checks rather than among them, so counts never decide readiness.
      return { ...result, queues: await this.readiness.queueCounts() };
    } catch (error) {
      throw notReady(error);
    }
  }
}

/** Terminus answers 503 with its own `details` object; the one error shape wants details[] naming what is down. */
function notReady(error: unknown): unknown {
  if (!(error instanceof ServiceUnavailableException)) return error;
  const result = error.getResponse() as HealthCheckResult;
  const down = Object.entries((result.error ?? {}) as Record<string, Record<string, unknown>>).map(([name, { status: _status, message, ...rest }]) => ({
    field: name,
    rule: 'ready',
    message: typeof message === 'string' ? message : `${name} is down${Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : ''}`,
  }));
  return new ServiceUnavailableException({ message: `Not ready: ${down.map((d) => d.field).join(', ') || result.status}`, details: down, status: result.status, info: result.info });
}

import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_EXTENSION, ROLES_EXTENSION } from '@steppingstone/core';
import { SESSION_COOKIE } from './auth/session-cookie';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** The OpenAPI document at /api/docs-json and its UI at /api/docs. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Steppingstone API')
    .setDescription('Community peer programmes from first contact to a paid job. Sign in with POST /auth/login and send the token as a bearer token.')
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE)
    .build();
  SwaggerModule.setup('api/docs', app, () => withAccessPolicies(SwaggerModule.createDocument(app, config)), {
    jsonDocumentUrl: 'api/docs-json',
    // The UI would otherwise send the document's address to validator.swagger.io and load a badge from there.
    swaggerOptions: { validatorUrl: null },
  });
}

/**
 * Each operation's security requirement and its "Who" line come from the access policy that
 * @Public / @AllowRoles stamped on it (x-public / x-roles), the same metadata the guard enforces;
 * class-level @ApiBearerAuth decorators are overwritten here, so they cannot say otherwise.
 */
export function withAccessPolicies(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (Record<string, unknown> & { description?: string; security?: unknown }) | undefined;
      if (!operation) continue;
      let who: string;
      if (operation[PUBLIC_EXTENSION] === true) {
        operation.security = [];
        who = 'anyone, without signing in';
      } else {
        const roles = Array.isArray(operation[ROLES_EXTENSION]) ? (operation[ROLES_EXTENSION] as string[]) : [];
        // The guard refuses an operation that declares no policy, so the document says nobody may call it.
        operation[ROLES_EXTENSION] = roles;
        operation.security = [{ bearer: [] }, { [SESSION_COOKIE]: [] }];
        who = roles.length ? roles.join(', ') : 'nobody (it declares no access policy, so it is refused)';
      }
      operation.description = [operation.description, `Who: ${who}.`].filter(Boolean).join('\n\n');
    }
  }
  return document;
}

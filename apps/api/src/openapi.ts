import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document at /api/docs-json and its UI at /api/docs. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Steppingstone API')
    .setDescription('Community peer programmes from first contact to a paid job. Sign in with POST /auth/login and send the token as a bearer token.')
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('steppingstone_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs-json' });
}

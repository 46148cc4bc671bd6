import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from './app.module';

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; allOf?: Schema[]; oneOf?: Schema[]; enum?: unknown[] };

/**
 * The web app's typed client checks every request body against the document, so a DTO property the
 * document cannot describe is a body the app cannot send. Without the swagger CLI plugin a
 * `string | null` property reaches the document as an empty object unless its decorator names the type.
 */
describe('the OpenAPI document’s request bodies', () => {
  let schemas: Record<string, Schema>;
  let bodies: Set<string>;

  beforeAll(async () => {
    const app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
    schemas = document.components?.schemas as Record<string, Schema>;
    bodies = new Set();
    const visit = (schema: unknown): void => {
      if (!schema || typeof schema !== 'object') return;
      const ref = (schema as Schema).$ref;
      if (ref) {
        const name = ref.split('/').pop()!;
        if (!bodies.has(name)) {
          bodies.add(name);
          visit(schemas[name]);
        }
        return;
      }
      Object.values(schema).forEach(visit);
    };
    for (const item of Object.values(document.paths)) for (const operation of Object.values(item)) visit((operation as { requestBody?: unknown }).requestBody);
  }, 60_000);

  it('describes every property of every request body with a type, never as an empty object', () => {
    const shapeless: string[] = [];
    const check = (where: string, schema: Schema): void => {
      if (schema.$ref || schema.enum) return;
      if (schema.allOf || schema.oneOf) return (schema.allOf ?? schema.oneOf)!.forEach((s, i) => check(`${where}[${i}]`, s));
      if (schema.items) return check(`${where}[]`, schema.items);
      if (schema.type === 'object' && !schema.properties && schema.additionalProperties === undefined) shapeless.push(where);
      for (const [name, property] of Object.entries(schema.properties ?? {})) check(`${where}.${name}`, property);
    };
    for (const name of bodies) check(name, schemas[name]);
    expect(bodies.size).toBeGreaterThan(50);
    expect(shapeless).toEqual([]);
  });
});

import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_SECURITY_MARKER } from '@libs/core';
import { ProblemDetailsDto } from './problem-details.dto';

/** One tag per module, in the order the document lists them. */
const TAGS: Array<[name: string, description: string]> = [
  ['health', 'Liveness and readiness probes'],
  ['reference', 'Reference data: countries, currencies, languages, time zones'],
];

const PROBLEM_RESPONSE = {
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
};

/**
 * Completes what decorators leave implicit: routes marked @Public() are documented as open
 * (`security: []`); every declared error response gets the problem+json body; and every operation
 * lists the 4XX and 5XX problem answers any route can give.
 */
function completeOperations(document: OpenAPIObject): void {
  const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of methods.map((m) => pathItem[m])) {
      if (!operation) continue;
      if (operation.security?.some((requirement) => PUBLIC_SECURITY_MARKER in requirement))
        operation.security = [];
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && response && 'description' in response)
          response.content ??= PROBLEM_RESPONSE.content;
      }
      operation.responses['4XX'] ??= {
        description: 'Client error (RFC 9457 problem details)',
        ...PROBLEM_RESPONSE,
      };
      operation.responses['5XX'] ??= {
        description: 'Server error (generic problem details)',
        ...PROBLEM_RESPONSE,
      };
    }
  }
}

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Cornerstone API')
    .setDescription(
      'Open-source business backend. Errors are RFC 9457 problem details; lists are cursor-paginated; ' +
        'every response carries `x-request-id`.',
    )
    .setVersion(version)
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);

  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDetailsDto],
  });
  completeOperations(document);
  return document;
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Cornerstone API',
  });
}

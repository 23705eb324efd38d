import {
  generatedOpenApiDocument,
  normalizePath,
  restOperations,
  type RestOperation,
} from '@otp-auth/api';
import { errorCodes } from '@otp-auth/validators';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { errorExamples, jwksExample, operationExamples } from './openapi-examples';

type PathItem = NonNullable<OpenAPIObject['paths']>[string];
type Operation = NonNullable<PathItem['post']>;

const errorSchema = {
  type: 'object',
  description:
    'Every error has `detail` (for people) and `code` (for programs). A 400 for bad fields also ' +
    'has one key per field with its messages, as Django REST Framework reports them.',
  properties: {
    detail: { type: 'string' },
    code: { type: 'string', enum: [...errorCodes] },
    attempts_left: { type: 'integer', description: 'Guesses the current code still allows.' },
    non_field_errors: { type: 'array', items: { type: 'string' } },
  },
  required: ['detail', 'code'],
  additionalProperties: { type: 'array', items: { type: 'string' } },
};

/** Which errors an operation can answer: those every operation shares (a body can be bad, too
 * large or of the wrong type; a Bearer token can be refused; a method, a rate limit, a database
 * out of reach), and those its procedure declares in its meta. */
function errorStatuses(operation: RestOperation): number[] {
  const statuses = new Set([
    ...(operation.takesInput ? [400, 413, 415] : []),
    ...(operation.queryParams.length + operation.pathParams.length > 0 ? [400] : []),
    ...(operation.protect ? [401] : []),
    ...operation.errorStatuses,
    405,
    429,
    503,
  ]);
  return [...statuses].sort((a, b) => a - b);
}

function errorResponse(status: number) {
  const { description, example } = errorExamples[status] ?? {
    description: 'Error',
    example: { detail: 'Invalid input.', code: 'invalid_input' },
  };
  const headers =
    status === 401
      ? { 'WWW-Authenticate': { schema: { type: 'string' }, example: 'Bearer realm="api"' } }
      : status === 429 || status === 503
        ? { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } }
        : status === 405
          ? { Allow: { schema: { type: 'string' }, example: 'POST, OPTIONS' } }
          : undefined;
  return {
    description,
    ...(headers ? { headers } : {}),
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/Error' }, example },
    },
  };
}

/** Rewrites what trpc-to-openapi generated from the procedures' schemas into the REST contract
 * as served: paths as the examples write them, the real success status, our error bodies. */
function restOperation(generated: Operation, operation: RestOperation): Operation {
  const examples = operationExamples[operation.procedure];
  const success = generated.responses?.['200'] as { content: Record<string, object> };
  const successHeaders = Object.entries(operation.headers);
  const responses: Operation['responses'] = {
    [operation.successStatus]: {
      ...success,
      description: operation.successStatus === 201 ? 'Created' : 'OK',
      ...(successHeaders.length > 0
        ? {
            headers: Object.fromEntries(
              successHeaders.map(([name, value]) => [
                // As HTTP documents write them: Content-Disposition.
                name.replace(/(^|-)[a-z]/g, (letter) => letter.toUpperCase()),
                { schema: { type: 'string' }, example: value },
              ]),
            ),
          }
        : {}),
      content: {
        'application/json': {
          ...success.content['application/json'],
          ...(examples?.otherResponses
            ? {
                examples: {
                  default: { value: examples.response },
                  ...Object.fromEntries(
                    Object.entries(examples.otherResponses).map(([name, other]) => [
                      name,
                      { summary: other.summary, value: other.value },
                    ]),
                  ),
                },
              }
            : { example: examples?.response }),
        },
      },
    },
  };
  for (const status of errorStatuses(operation)) {
    responses[status] = errorResponse(status);
  }
  const requestBody = generated.requestBody as
    { content: Record<string, object>; required?: boolean } | undefined;
  return {
    ...generated,
    ...(requestBody
      ? {
          requestBody: {
            ...requestBody,
            content: {
              'application/json': {
                ...requestBody.content['application/json'],
                example: examples?.request,
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** Served by apps/server/src/http/jwks.ts, not by a procedure: the well-known path other services
 * and JWT libraries look for. */
const jwksPath: PathItem = {
  get: {
    operationId: 'jwks',
    summary: 'Public keys that verify access tokens (JWKS)',
    description:
      'The ES256 keys access tokens are signed with, by `kid`: the current one, a new one ' +
      'published ahead of its turn, and old ones until every token they signed has expired. ' +
      'Public members only. Cached for `JWKS_MAX_AGE_SECONDS` (Cache-Control); refetch on an ' +
      'unknown `kid`.',
    security: [],
    responses: {
      '200': {
        description: 'OK',
        headers: {
          'Cache-Control': { schema: { type: 'string' }, example: 'public, max-age=300' },
        },
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                keys: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      kty: { const: 'EC' },
                      crv: { const: 'P-256' },
                      x: { type: 'string' },
                      y: { type: 'string' },
                      kid: { type: 'string' },
                      alg: { const: 'ES256' },
                      use: { const: 'sig' },
                    },
                    required: ['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use'],
                    additionalProperties: false,
                  },
                },
              },
              required: ['keys'],
              additionalProperties: false,
            },
            example: jwksExample,
          },
        },
      },
      '405': errorResponse(405),
    },
  },
};

/** Served by apps/server/src/http/external-sign-in.ts: browser redirects, not JSON calls. */
function redirectOperation(
  operationId: string,
  summary: string,
  description: string,
  parameters: object[],
) {
  return {
    get: {
      operationId,
      summary,
      description,
      tags: ['sign-in providers'],
      security: [],
      parameters: [
        {
          name: 'provider',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          example: 'google',
        },
        ...parameters,
      ],
      responses: {
        '302': {
          description: 'A redirect (never a JSON body).',
          headers: { Location: { schema: { type: 'string' } } },
        },
      },
    },
  } as PathItem;
}

const externalSignInPaths: Record<string, PathItem> = {
  '/api/oidc/{provider}/start': redirectOperation(
    'externalSignInStart',
    'Sign in with a provider (open in a browser)',
    'Sets a cookie that binds the sign-in to this browser and redirects to the provider with ' +
      'PKCE (S256), `state` and (OpenID Connect) `nonce`. `return_to` must be a path of this ' +
      'app; anything else, an unknown provider or too many attempts redirect to ' +
      '`/login?external_error=<code>`.',
    [
      {
        name: 'return_to',
        in: 'query',
        required: false,
        schema: { type: 'string' },
        example: '/profile',
      },
    ],
  ),
  '/api/oidc/{provider}/callback': redirectOperation(
    'externalSignInCallback',
    "The provider's redirect back (not called directly)",
    'Spends the flow its `state` names (once, from the browser that started it), exchanges the ' +
      'code and checks the ID token, then redirects into the app: signed in (the refresh-token ' +
      'cookie, as `browser.login` sets it) at `return_to`; at `/login/2fa#mfa_token=…` with ' +
      'two-factor on; at `/account?external_linked=<provider>` after a link; or at ' +
      '`/login?external_error=<code>` (`/account?…` for a link) when refused.',
    [],
  ),
};

export function buildOpenApiDocument(): OpenAPIObject {
  const generated = {
    ...generatedOpenApiDocument,
    info: {
      ...generatedOpenApiDocument.info,
      description:
        'The original REST contract, served from the same procedures as tRPC at /trpc. Every ' +
        'path also answers without its trailing slash. Bodies are JSON (at most 64 KiB).',
    },
  };
  const paths: Record<string, PathItem> = {};
  for (const operation of restOperations) {
    const method = operation.method.toLowerCase() as Lowercase<RestOperation['method']>;
    const generatedOperation = generated.paths?.[normalizePath(operation.path)]?.[method];
    if (!generatedOperation) throw new Error(`no generated operation for ${operation.path}`);
    paths[operation.path] = {
      ...paths[operation.path],
      [method]: restOperation(generatedOperation, operation),
    };
  }
  paths['/.well-known/jwks.json'] = jwksPath;
  Object.assign(paths, externalSignInPaths);
  return {
    ...generated,
    paths,
    components: {
      securitySchemes: generated.components?.securitySchemes,
      // trpc-to-openapi's own error shapes are replaced by `Error` above.
      schemas: {
        ...Object.fromEntries(
          Object.entries(generated.components?.schemas ?? {}).filter(
            ([name]) => !name.startsWith('error.'),
          ),
        ),
        Error: errorSchema,
      },
    },
  } as OpenAPIObject;
}

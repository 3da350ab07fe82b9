import fp from 'fastify-plugin';
import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from '@xfqs/domain';

const shared: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };

/** The keyword the text rule adds to every string schema before it is compiled. */
const SAFE_TEXT = 'x-safe-text';

function ajv(options: Options) {
  const instance = new Ajv({ ...shared, ...options });
  addFormats(instance);
  instance.addKeyword({
    keyword: SAFE_TEXT,
    type: 'string',
    schemaType: 'boolean',
    errors: true,
    validate: function safeText(this: unknown, enabled: boolean, data: string) {
      if (!enabled || !hasUnsafeText(data)) return true;
      (safeText as { errors?: unknown[] }).errors = [{ keyword: SAFE_TEXT, message: UNSAFE_TEXT_MESSAGE, params: {} }];
      return false;
    },
  });
  return instance;
}

const isStringSchema = (schema: Record<string, unknown>) =>
  schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));

/**
 * One rule for all text: every string schema of every route (bodies, queries, path parameters,
 * headers, form fields) rejects NUL and lone surrogates with a 400 naming the field. The route's
 * own schema object is left as it is (it also feeds the OpenAPI document); a marked copy is compiled.
 */
export function withTextRule<T>(schema: T, seen = new WeakMap<object, unknown>()): T {
  if (Array.isArray(schema)) return schema.map((item) => withTextRule(item, seen)) as T;
  if (!schema || typeof schema !== 'object') return schema;
  const known = seen.get(schema as object);
  if (known) return known as T;
  const copy: Record<string, unknown> = {};
  seen.set(schema as object, copy);
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    copy[key] = key === 'const' || key === 'enum' || key === 'default' || key === 'examples' ? value : withTextRule(value, seen);
  }
  if (isStringSchema(copy)) copy[SAFE_TEXT] = true;
  return copy as T;
}

/**
 * JSON bodies are validated as sent: `"consent": "true"` is not `true`, `"stamps": "2"` is not 2.
 * Query strings, path parameters and headers are text by nature, so those are coerced
 * (`?limit=10` → 10, `?services=a` → ['a']).
 */
const strict = ajv({ coerceTypes: false });
const coercing = ajv({ coerceTypes: 'array' });

type Compiler = Parameters<FastifyInstance['setValidatorCompiler']>[0];

export const jsonValidatorCompiler: Compiler = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(withTextRule(schema as object));

/** For multipart scopes: form fields arrive as text, so their body is coerced like a query string. */
export const formValidatorCompiler: Compiler = ({ schema }) => coercing.compile(withTextRule(schema as object));

export const validationPlugin = fp(async function validation(app: FastifyInstance) {
  app.setValidatorCompiler(jsonValidatorCompiler);
});

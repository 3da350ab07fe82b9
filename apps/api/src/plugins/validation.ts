import fp from 'fastify-plugin';
import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const shared: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };

function ajv(options: Options) {
  const instance = new Ajv({ ...shared, ...options });
  addFormats(instance);
  return instance;
}

/**
 * JSON bodies are validated as sent: `"consent": "true"` is not `true`, `"stamps": "2"` is not 2.
 * Query strings, path parameters and headers are text by nature, so those are coerced
 * (`?limit=10` → 10, `?services=a` → ['a']).
 */
const strict = ajv({ coerceTypes: false });
const coercing = ajv({ coerceTypes: 'array' });

type Compiler = Parameters<FastifyInstance['setValidatorCompiler']>[0];

export const jsonValidatorCompiler: Compiler = ({ schema, httpPart }) => (httpPart === "body" ? strict : coercing).compile(schema as object);

/** For multipart scopes: form fields arrive as text, so their body is coerced like a query string. */
export const formValidatorCompiler: Compiler = ({ schema }) => coercing.compile(schema as object);

export const validationPlugin = fp(async function validation(app: FastifyInstance) {
  app.setValidatorCompiler(jsonValidatorCompiler);
});

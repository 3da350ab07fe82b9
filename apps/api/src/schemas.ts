import { Type, type TProperties, type ObjectOptions, type TSchema } from '@sinclair/typebox';

/**
 * Building blocks shared by the feature schemas. Request bodies are closed objects: an unknown
 * property is a 400, so nobody can slip in `status`, `balance` or `orgId` where none is taken.
 */
export const Closed = <T extends TProperties>(properties: T, options: ObjectOptions = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Id = Type.String({ format: 'uuid', description: 'Resource id' });
export const IdParams = Closed({ id: Id });
export const DateTime = Type.String({ format: 'date-time', description: 'ISO-8601 UTC instant' });
export const Day = Type.String({ format: 'date', description: 'Calendar day YYYY-MM-DD in Asia/Shanghai' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** `?limit=&cursor=` of every list (default 20, max 100; out of range is a 400, never clamped). */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

/** Inclusive `from`/`to` day filters. */
export const DayRangeQuery = {
  from: Type.Optional(Day),
  to: Type.Optional(Day),
};

export const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'GCJ-02 latitude' });
export const Lng = Type.Number({ minimum: -180, maximum: 180, description: 'GCJ-02 longitude' });

/** `scannedAt` of the check-in routes (a scan queued on the phone without a network). */
export const ScannedAt = Type.String({
  format: 'date-time',
  description:
    'When the code was scanned, for a scan queued on the phone without a network: accepted only when the code was valid then, ' +
    'it is within the queued-scan window (QUEUED_SCAN_WINDOW_HOURS, default 24 h; older: 410 CODE_EXPIRED) and not in the future ' +
    '(1 min leeway; later: 422 INVALID_CODE). The check-in or stamp is dated at it.',
});


import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Nullable } from '../../schemas';

export const MyCheckin = Type.Object({
  kind: Type.Union([Type.Literal('station'), Type.Literal('activity')]),
  id: Id,
  stationId: Type.Optional(Id),
  activityId: Type.Optional(Id),
  name: Type.String({ description: 'Station name, or the activity title as it was' }),
  at: DateTime,
  lat: Nullable(Type.Number({ description: 'Where the phone was (GCJ-02), when it said; activity check-ins keep none' })),
  lng: Nullable(Type.Number()),
});
export type MyCheckin = Static<typeof MyCheckin>;

export const MyCheckins = Type.Object(
  { items: Type.Array(MyCheckin) },
  { description: 'Every check-in still held raw (LOCATION_RETENTION_DAYS, default 180), newest first; older ones are only anonymous daily counts' },
);

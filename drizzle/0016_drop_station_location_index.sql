-- Every "nearest station" (nearby, help routing, a 随手拍 report's union) is answered from the in-memory station directory
-- (apps/api/src/features/stations/directory.ts): no query walks this KNN index any more, and it cost every station write.
DROP INDEX "stations_active_location_gist";
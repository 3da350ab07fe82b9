-- "Open now" is the domain's openNowAt over `hours` (packages/domain/src/live.ts), applied in the API (nearby's directory, station
-- detail, lists, the staff view): no query reads this derived copy of the hours any more.
ALTER TABLE "stations" DROP COLUMN "open_week";
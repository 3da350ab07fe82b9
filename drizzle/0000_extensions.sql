-- Spatial search (stations/nearby) uses a GiST index on ll_to_earth(lat, lng); these two contrib
-- extensions exist in PGlite and in Debian's postgresql-contrib alike.
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;

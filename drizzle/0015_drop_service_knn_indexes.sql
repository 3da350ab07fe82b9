-- The rider's nearby search answers from an in-memory directory of the stations (apps/api/src/features/stations/directory.ts),
-- so the per-service partial KNN indexes of 0008 serve no query and only cost every station write. The location index stays:
-- a 随手拍 report still finds its nearest station in SQL.
DROP INDEX "stations_active_hot_water_gist";--> statement-breakpoint
DROP INDEX "stations_active_microwave_gist";--> statement-breakpoint
DROP INDEX "stations_active_charging_gist";--> statement-breakpoint
DROP INDEX "stations_active_rest_area_gist";--> statement-breakpoint
DROP INDEX "stations_active_restroom_gist";--> statement-breakpoint
DROP INDEX "stations_active_fridge_gist";--> statement-breakpoint
DROP INDEX "stations_active_umbrella_raincoat_gist";--> statement-breakpoint
DROP INDEX "stations_active_medical_kit_gist";--> statement-breakpoint
DROP INDEX "stations_active_sewing_kit_gist";--> statement-breakpoint
DROP INDEX "stations_active_air_pump_gist";--> statement-breakpoint
DROP INDEX "stations_active_wifi_gist";--> statement-breakpoint
DROP INDEX "stations_active_reading_gist";--> statement-breakpoint
DROP INDEX "stations_active_legal_aid_gist";--> statement-breakpoint
DROP INDEX "stations_active_counselling_gist";--> statement-breakpoint
DROP INDEX "stations_active_meal_discount_gist";--> statement-breakpoint
DROP INDEX "stations_active_haircut_discount_gist";--> statement-breakpoint
DROP INDEX "stations_active_repair_discount_gist";
-- "The dearest gift in stock a new balance just reached" (notifications/affordable.ts) runs with
-- every stamp earned, inside the check-in's one statement: a range on cost instead of a scan of
-- every gift at every station (with 20,000 stations, 3.9 → 0.8 ms per check-in; issue 10).
CREATE INDEX "rewards_in_stock_cost_idx" ON "rewards" USING btree ("cost") WHERE "rewards"."stock" > 0;

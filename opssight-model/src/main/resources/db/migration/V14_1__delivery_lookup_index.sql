-- The duplicate check of every delivery (where source_id = ? and delivery_key = ?) must use the
-- unique key (source_id, delivery_key). With delivery_received_ix (source_id, received_at) beside
-- it, PostgreSQL could cache a generic plan for that lookup while the table was still small (or
-- analysed empty) and keep it after: every delivery then read all of its source's deliveries
-- through the wrong index (measured: 4,800 index tuples per lookup at 9,500 deliveries, 8-15 ms,
-- growing with the table), and without autovacuum nothing ever re-planned it. The only reader of
-- received_at per source is the sources list (counts and last delivery per source), an aggregate
-- over the whole table that does not use the index, so it goes; the unique key's leading
-- source_id column serves the foreign key.
drop index if exists delivery_received_ix;

-- Hand-written: objects prisma/schema.prisma cannot express, named *_manual for the drift test.

-- The bbox filter of the station search (a map's visible area) as an index-backed containment test. Without
-- it PostgreSQL reads every station for each bbox: 89 ms at 100,000 stations against 0.6 ms with it.
CREATE INDEX "stations_position_gist_manual" ON "stations" USING gist (point("lng", "lat"));

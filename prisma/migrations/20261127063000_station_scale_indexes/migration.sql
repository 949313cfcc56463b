-- Hand-written: objects prisma/schema.prisma cannot express, named *_manual for the drift test.

-- The bbox filter of the station search (a map's visible area) as an index-backed containment test. Without
-- it PostgreSQL reads every station for each bbox: 89 ms at 100,000 stations against 0.6 ms with it.
CREATE INDEX "stations_position_gist_manual" ON "stations" USING gist (point("lng", "lat"));

-- Chinese search words are mostly one or two characters, which have no trigrams, so the pg_trgm indexes
-- cannot serve them and "大连 支行" read every station (110 ms at 100,000). This function lists the
-- lower-cased single characters and character pairs of a station's name and of its address (never
-- spanning the two); a word of one or two characters is in the text only if it is in that list, which the
-- GIN index answers. The ILIKE beside it keeps the exact rule.
CREATE FUNCTION "station_search_grams_manual"(name text, address text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(field, position, size)), '{}')
  FROM unnest(ARRAY[lower(name), lower(address)]) AS field,
       generate_series(1, 2) AS size,
       generate_series(1, char_length(field) - size + 1) AS position
$$;
CREATE INDEX "station_search_grams_manual" ON "stations" USING gin ("station_search_grams_manual"("name", "address"));

-- Typo-tolerant search (DESIGN §6). Geo uses plain-SQL bounding box + haversine, so no cube/earthdistance.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "postcode_districts" (
	"country" text NOT NULL,
	"code" text NOT NULL,
	"city" text NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	CONSTRAINT "postcode_districts_country_code_pk" PRIMARY KEY("country","code"),
	CONSTRAINT "postcode_districts_lat_chk" CHECK ("postcode_districts"."lat" BETWEEN -90 AND 90),
	CONSTRAINT "postcode_districts_lng_chk" CHECK ("postcode_districts"."lng" BETWEEN -180 AND 180)
);
--> statement-breakpoint
CREATE INDEX "postcode_districts_city_idx" ON "postcode_districts" USING btree ("country","city","code");

-- Residents who signed up before this release were bound to the district node, which let them read the whole
-- territory tree. A signed-up resident is bound to no node until a community confirms their household: move every
-- resident binding on a district to no node (a resident also bound to a household keeps that one).
DELETE FROM "role_bindings" b
  WHERE b."role" = 'resident'
    AND b."node_id" IN (SELECT "id" FROM "territory_nodes" WHERE "kind" = 'district')
    AND EXISTS (SELECT 1 FROM "role_bindings" o WHERE o."user_id" = b."user_id" AND o."role" = 'resident' AND o."id" <> b."id");
--> statement-breakpoint
UPDATE "role_bindings" SET "node_id" = NULL
  WHERE "role" = 'resident' AND "node_id" IN (SELECT "id" FROM "territory_nodes" WHERE "kind" = 'district');

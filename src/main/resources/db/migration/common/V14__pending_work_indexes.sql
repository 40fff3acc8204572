-- The background classifier looks for battles without categories, and for answers whose
-- markdown is not counted, a moment after every battle starts. Without these partial indexes
-- each look read the whole log (a million rows at a time); with them it reads only what waits.
CREATE INDEX battles_unclassified ON battles (created_at) WHERE categories IS NULL;
CREATE INDEX answers_uncounted ON answers (battle_id) WHERE headers IS NULL;
-- At every start, battles left generating by the last run are closed before the port opens.
CREATE INDEX battles_generating ON battles (created_at) WHERE status = 'generating';

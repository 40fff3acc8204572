-- Why a battle is left out of the boards although it may be voted on (an answer named a model
-- or its maker); NULL for an ordinary battle.
ALTER TABLE battles ADD COLUMN flagged TEXT;

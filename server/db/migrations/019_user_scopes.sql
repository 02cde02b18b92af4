-- A user may hold several units and departments; they see the union (issue 14).
-- One row per scope a user holds, in the order given (the first is the user's home page).
CREATE TABLE user_scopes (
  user_id  INTEGER NOT NULL REFERENCES users(id),
  position INTEGER NOT NULL,
  scope    TEXT NOT NULL,      -- unit:<code> or department:<code>
  PRIMARY KEY (user_id, scope)
) WITHOUT ROWID;

-- Every single-scope user keeps their unit or department.
INSERT INTO user_scopes (user_id, position, scope) SELECT id, 0, scope FROM users WHERE scope IS NOT NULL AND scope <> '';

ALTER TABLE users DROP COLUMN scope;

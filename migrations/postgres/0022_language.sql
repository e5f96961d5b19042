-- The community's language for its public posts and cards: 'en' or 'fr'.
ALTER TABLE communities ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

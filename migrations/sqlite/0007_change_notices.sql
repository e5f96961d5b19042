-- Change notices (a gathering moved or cancelled) are posts too: their text is fixed when planned.
ALTER TABLE posts ADD COLUMN body TEXT;

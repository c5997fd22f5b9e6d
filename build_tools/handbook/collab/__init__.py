"""Working together on the chapters: git history, translation tracking, ownership, new chapters, Word files."""

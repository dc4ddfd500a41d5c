"""Pure, table-driven text functions for names: clean-up, scripts, transliteration, name parts."""

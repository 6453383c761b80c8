"""The Bitácora section: the encrypted activity log, filtered, searched and exported."""

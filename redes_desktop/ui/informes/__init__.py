"""The Informes section: quarterly report (8.iv) and semestral evaluations (8.i)."""

"""Passwords of the institutional accounts (5.2 g, 6.xxxiii): a generator, a strength meter,
the Spanish word list for passphrases and the two-month rotation arithmetic. Plain Python:
no Qt, no database; the keyring and the records live in services/password_service.py."""

"""The local encrypted vault: where a data folder's secrets live when no OS keyring answers
(a headless or minimal Linux, a fresh virtual machine).

- `file.py` — the file format: Argon2id key derivation, AES-256-GCM, installation id, atomic
  writes, owner-only permissions.
- `store.py` — `VaultSecretStore`, the same interface as the keyring's `SecretStore`, opened
  once per session; increasing delays after wrong passphrases.
- `choice.py` — keyring or vault for a data folder; the command line's passphrase
  (REDES_DESKTOP_PASSPHRASE, the terminal, or a Spanish error).
- `passphrase.py` — the passphrase rules and what a lost passphrase means.
"""

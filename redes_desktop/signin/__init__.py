"""Sign-in (issue 14): a person's identity at a workstation is proven, not picked.

`credentials` (the local credential: an Argon2id hash in the secret store), `shared_login`
(the person's own login on the shared database), `throttle` (repeated failures slow down),
`idle` (the session locks after a configurable idle time). Qt-free; the UI is
`ui/signin_dialog.py` and `ui/idle_lock.py`, the action `actions/sign_in.py`."""

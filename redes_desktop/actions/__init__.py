"""The application layer: one module per thing a person does with the program.

The window (`redes_desktop/ui/`) and the command line (`redes_desktop/commands/`) call these
actions and nothing below them. Each action:

* owns its unit of work (`unit_of_work`: one session, commit on success, rollback on error);
* resolves the acting person once (`acting_person`: one Spanish message when nobody is
  signed in at this workstation);
* takes what the criteria require as required parameters (the criteria checker, the bitácora
  recorder, the permissions, the mail outbox, the clock): no silent fallback to a null
  recorder, a missing checker or the real keyring;
* returns plain data (frozen dataclasses, ids, strings) that a view can keep on the UI thread.
"""

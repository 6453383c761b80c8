from redes_desktop import jobs
from redes_desktop.services.notifications import Notification


def good(_context):
    return [Notification("Hola", "mundo")]


def bad(_context):
    raise RuntimeError("se rompió")


def test_jobs_run_and_a_failing_one_does_not_stop_the_rest():
    notes, errors = jobs.run_jobs(["tests.test_jobs:bad", "tests.test_jobs:good"], None)
    assert [n.title for n in notes] == ["Hola"]
    assert errors == ["La tarea bad falló: RuntimeError: se rompió"]


def test_every_listed_job_resolves():
    for spec in set(jobs.STARTUP_JOBS + jobs.PERIODIC_JOBS):
        assert callable(jobs.resolve(spec))

"""Check a form before its action runs (issue 15): every problem at once, each field marked and
the text kept. Plain Python, no database: a dialog calls these on the UI thread; the action it
then runs still checks the rules that need the database (services/form_checks.py)."""

from __future__ import annotations

from redes_desktop.services.form_checks import FieldProblem as FieldProblem
from redes_desktop.services.form_checks import FormProblems as FormProblems
from redes_desktop.services.form_checks import absence_problems as absence_problems
from redes_desktop.services.form_checks import account_request_problems as account_request_problems
from redes_desktop.services.form_checks import account_url_problem as account_url_problem
from redes_desktop.services.form_checks import administrators_problems as administrators_problems
from redes_desktop.services.form_checks import area_problems as area_problems
from redes_desktop.services.form_checks import closure_request_problems as closure_request_problems
from redes_desktop.services.form_checks import evaluation_problems as evaluation_problems
from redes_desktop.services.form_checks import incident_problems as incident_problems
from redes_desktop.services.form_checks import person_problems as person_problems
from redes_desktop.services.form_checks import post_url_problem as post_url_problem
from redes_desktop.services.form_checks import resolution_problems as resolution_problems
from redes_desktop.services.form_checks import url_example as url_example

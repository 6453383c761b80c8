"""A sync conflict as a person reads it (issue 15, Qt-free): the differing fields only, Spanish
labels, names for ids, México City times, «sí»/«no», labels of enumerations; a deletion shows
every filled field against «(eliminado)»."""

from __future__ import annotations

from datetime import UTC, date, datetime

from redes_desktop.actions.conflict_fields import differing_fields, readable, record_title
from redes_desktop.models import AccountStatus, Network
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.sync.policies import table
from redes_desktop.sync.rows import row_json
from tests.factories import make_office, make_reviewer


def test_values_as_a_person_reads_them():
    assert readable(True) == "sí" and readable(False) == "no"
    assert readable(None) == "(vacío)" and readable("") == "(vacío)"
    assert readable(date(2026, 9, 16)) == "16 de septiembre de 2026"
    # 03:30 UTC on 11 March is 21:30 of the 10th in México City.
    assert readable(datetime(2026, 3, 11, 3, 30, tzinfo=UTC)) == (
        "martes 10 de marzo de 2026, 21:30 h")
    assert readable(AccountStatus.ACTIVA) == AccountStatus.ACTIVA.label
    assert readable(["revisor_cncs", "titular_area"]) == "revisor_cncs, titular_area"


def test_an_account_edited_on_two_stations(database, clock):
    with database.session() as s:
        directory = Directory(s, clock, NullRecorder())
        office = make_office(directory)
        other_area = make_reviewer(directory).area
        s.flush()
        accounts = table("accounts")
        shared = row_json({a.columns[0].name: getattr(office.account, a.key)
                           for a in office.account.__mapper__.column_attrs})
        local = {**shared, "area_id": str(other_area.id), "verified": True,
                 "row_version": shared["row_version"] + 1,
                 "updated_at": "2026-03-11T00:00:00+00:00"}
        fields = {f.label: (f.shared, f.local) for f in
                  differing_fields(s, accounts, shared, local)}
        assert fields == {
            "Área": ("Junta Local Ejecutiva en Jalisco",
                     "Coordinación Nacional de Comunicación Social"),
            "Verificada": ("no", "sí"),
        }
        assert record_title(s, accounts, shared) == f"@JLE_JaliscoINE ({Network.X.label})"
        deleted = differing_fields(s, accounts, None, local)
        labels = [f.label for f in deleted]
        assert "Usuario" in labels and "Área" in labels and "Id" not in labels
        assert all(f.shared == "(eliminado)" for f in deleted)
        s.rollback()

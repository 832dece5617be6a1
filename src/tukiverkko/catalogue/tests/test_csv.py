from __future__ import annotations

import csv
import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tukiverkko.catalogue.csv_io import COLUMNS, DELIMITER
from tukiverkko.catalogue.models import Service
from tukiverkko.catalogue.tests.interop_data import load_rich_catalogue

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def exported_rows(tmp_path: Path) -> list[dict[str, str]]:
    target = tmp_path / "palvelut.csv"
    run("export_csv", str(target))
    text = target.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=DELIMITER))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames=COLUMNS) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, delimiter=DELIMITER)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8", newline="")
    return path


def test_export_is_utf8_with_bom_semicolons_one_row_per_service(tmp_path):
    # given
    load_rich_catalogue(tmp_path)
    # when
    code, out, _ = run("export_csv", str(tmp_path / "p.csv"))
    raw = (tmp_path / "p.csv").read_bytes()
    # then
    assert code == 0 and "2 services" in out
    assert raw.startswith("\ufeff".encode())
    assert raw.decode("utf-8-sig").splitlines()[0] == DELIMITER.join(COLUMNS)
    rows = exported_rows(tmp_path)
    assert [r["slug"] for r in rows] == ["testila-kuntakokeilu", "testila-tyokykykoordinaattori"]
    ended = rows[0]
    assert ended["name_fi"] == "Kuntakokeilu; Testilä"  # a ';' inside a cell survives quoting
    assert "\n" in ended["what_fi"]
    assert rows[1]["municipalities"] == "Koekylä, Testilä"


def test_round_trip_export_import_changes_nothing(tmp_path):
    # given
    load_rich_catalogue(tmp_path)
    before = {s.slug: s.updated_at for s in Service.objects.all()}
    run("export_csv", str(tmp_path / "p.csv"))
    # when
    code, out, err = run("import_csv", str(tmp_path / "p.csv"))
    # then
    assert (code, err) == (0, "")
    assert "Catalogue unchanged." in out
    assert {s.slug: s.updated_at for s in Service.objects.all()} == before


def test_import_updates_and_creates_services(tmp_path):
    # given
    load_rich_catalogue(tmp_path)
    rows = exported_rows(tmp_path)
    rows[1]["what_fi"] = "Uusi kuvaus."
    rows[1]["verified_on"] = "1.2.2025"  # what Excel in a Finnish locale writes back
    new = dict(rows[0], slug="testila-uusi", name_fi="Uusi palvelu", valid_to="", contacts="")
    # when
    code, out, err = run("import_csv", str(write_rows(tmp_path / "m.csv", [*rows, new])))
    # then
    assert code == 0, err
    assert "Services imported." in out
    assert "services: created 1, updated 1, unchanged 1" in out
    changed = Service.objects.get(slug="testila-tyokykykoordinaattori")
    assert changed.what_fi == "Uusi kuvaus."
    assert changed.verified_on.isoformat() == "2025-02-01"
    assert changed.contacts.count() == 9  # contacts came back from the JSON cell unchanged
    assert Service.objects.get(slug="testila-uusi").name_fi == "Uusi palvelu"


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("what_fi", "", "'what' is a required property"),
        ("name_fi", "", "'fi' is a required property"),
        ("network_group", "mars", "is not one of"),
        ("valid_from", "31.2.2025", "is not a 'date'"),
        ("age_min", "kaksi", "is not of type 'integer'"),
        ("service_type", "olematon", "unknown service type"),
        ("municipalities", "Atlantis", "unknown municipality"),
        ("organisation", "olematon-org", "unknown organisation"),
        ("contacts", '[{"kind": "phone", "value": "000-000"}]', "placeholder"),
        ("contacts", "[{broken", "not valid JSON"),
        ("need_areas", "rehabilitation, kuu", "is not one of"),
        ("translation_sv", "", "Swedish text but no review status"),
        ("translation_sv", "ehkä", "is not one of"),
        ("name_en", "", "a review status is given but the record has no English text"),
        ("validity_unverified_fi", "", "'fi' is a required property"),
    ],
)
def test_a_bad_cell_names_row_slug_and_column_and_saves_nothing(tmp_path, column, value, reason):
    # given a good file where the second service has one bad cell, and another changed row
    load_rich_catalogue(tmp_path)
    rows = exported_rows(tmp_path)
    rows[0]["what_fi"] = "Tämä muutos ei saa tallentua."
    rows[1][column] = value
    # when
    code, _, err = run("import_csv", str(write_rows(tmp_path / "bad.csv", rows)))
    # then
    assert code == 2
    assert "row 3 (slug testila-tyokykykoordinaattori)" in err
    named = {"name_en": "translation_en"}.get(column, column)  # the status, not the text, is wrong
    assert f"column '{named}'" in err and reason in err
    assert "nothing saved" in err
    assert Service.objects.get(slug="testila-kuntakokeilu").what_fi.startswith("Päättynyt")


def test_duplicate_slugs_and_unknown_columns_are_refused(tmp_path):
    load_rich_catalogue(tmp_path)
    rows = exported_rows(tmp_path)
    code, _, err = run("import_csv", str(write_rows(tmp_path / "d.csv", [rows[0], rows[0]])))
    assert code == 2 and "row 3" in err and "duplicate of row 2" in err
    code, _, err = run(
        "import_csv", str(write_rows(tmp_path / "u.csv", [], fieldnames=[*COLUMNS, "hinta"]))
    )
    assert code == 2 and "column 'hinta': unknown column" in err


def test_unreadable_file_exits_2(tmp_path):
    (tmp_path / "latin1.csv").write_bytes("slug;nimi\nä;ö\n".encode("latin-1"))
    code, _, err = run("import_csv", str(tmp_path / "latin1.csv"))
    assert code == 2 and "not UTF-8" in err
    code, _, err = run("import_csv", str(tmp_path / "missing.csv"))
    assert code == 2 and "Cannot read" in err


def test_the_real_catalogue_round_trips_unchanged(tmp_path, settings):
    # given the repository's catalogue files
    run("load_catalogue", str(settings.DATA_DIR / "catalogue"))
    assert Service.objects.count() > 0
    # when
    run("export_csv", str(tmp_path / "all.csv"))
    code, out, err = run("import_csv", str(tmp_path / "all.csv"))
    # then
    assert (code, err) == (0, "")
    assert f"created 0, updated 0, unchanged {Service.objects.count()}" in out


def test_every_problem_of_a_row_is_listed_once(tmp_path):
    # given a row with three required cells empty and one impossible date
    load_rich_catalogue(tmp_path)
    rows = exported_rows(tmp_path)
    rows[0].update(what_fi="", network_group="", source="", valid_from="31.2.2025")
    # when
    code, _, err = run("import_csv", str(write_rows(tmp_path / "m.csv", rows)))
    # then
    assert code == 2
    problems = [line for line in err.splitlines() if line.startswith("  row 2 ")]
    columns = sorted(line.split("column '")[1].split("'")[0] for line in problems)
    assert columns == ["network_group", "source", "valid_from", "what_fi"]
    assert "'31.2.2025' is not a 'date'" in err


def test_kaikki_means_every_municipality_of_the_organisations_region(tmp_path):
    load_rich_catalogue(tmp_path)
    rows = exported_rows(tmp_path)
    rows[0]["municipalities"] = "kaikki"  # the ended service had only Koekylä
    code, _, err = run("import_csv", str(write_rows(tmp_path / "k.csv", rows)))
    assert code == 0, err
    service = Service.objects.get(slug="testila-kuntakokeilu")
    assert sorted(m.name_fi for m in service.municipalities.all()) == ["Koekylä", "Testilä"]


def test_a_row_with_more_cells_than_columns_is_named(tmp_path):
    load_rich_catalogue(tmp_path)
    target = tmp_path / "extra.csv"
    target.write_text("slug;organisation;service_type;name_fi;what_fi\na;b;c;d;e;f\n", "utf-8")
    code, _, err = run("import_csv", str(target))
    assert code == 2
    assert "row 2 (slug a): column '(rivi)': more cells than columns" in err


def test_round_trip_keeps_review_status_and_validity_note(tmp_path):
    # given a service with an unverified validity and Swedish unchecked, English checked
    load_rich_catalogue(tmp_path)
    row = next(r for r in exported_rows(tmp_path) if r["slug"] == "testila-tyokykykoordinaattori")
    # then the export carries both
    assert (row["translation_sv"], row["translation_en"]) == ("unchecked", "checked")
    assert row["validity_unverified_fi"].startswith("Hankkeen palvelu")
    assert row["validity_unverified_sv"].startswith("Ett projekts tjänst")
    assert row["validity_unverified_en"] == ""
    # when an editor marks the Swedish checked and the doubt resolved, and imports
    rows = exported_rows(tmp_path)
    rows[1].update(translation_sv="checked", validity_unverified_fi="", validity_unverified_sv="")
    code, _, err = run("import_csv", str(write_rows(tmp_path / "c.csv", rows)))
    # then
    assert code == 0, err
    service = Service.objects.get(slug="testila-tyokykykoordinaattori")
    assert service.translation_sv == "checked" and not service.has_unverified_validity

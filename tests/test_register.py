"""The record of processing activities (Art. 30 GDPR): generator/register.py, register_files.py and
``policygen register``.

Every row carries every item of Art. 30(1)(a)–(g), worded as the policy words it; the processor's
record is there exactly when the answers describe processing on behalf of customers; the XLSX opens
with openpyxl and in LibreOffice with the same cells as our CSV; the bytes are the same on every
run; bad answers write nothing; the Polish and German titles are spelled right.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator import register_wording as rw
from generator.i18n import POLICY, translations
from generator.purposes import builtin_purpose_ids
from generator.register import record, register_files, register_outputs, subjects_data

from .conftest import EXAMPLES, LANGS, ROOT, built, rendered, run_cli
from .test_spelling import unknown_words

SHOP = ROOT / "answers" / "shop.yaml"
SAAS = ROOT / "answers" / "saas.yaml"


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    """Rows without trailing empty cells, and without trailing empty rows."""
    out = [list(row) for row in rows]
    for row in out:
        while row and row[-1] == "":
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out


def _variant(tmp_path: Path, base: Path, name: str, change: dict) -> Path:
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    for key, value in change.items():
        if value is None:
            data.pop(key, None)
        elif key == "features":
            data["features"].update(value)
            data["features"] = {k: v for k, v in data["features"].items() if v is not None}
        else:
            data[key] = value
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- content ----------------------------------------------------------------------------------------


def test_every_builtin_purpose_has_its_data_subjects_and_every_subject_its_wording() -> None:
    assert set(subjects_data()) == set(builtin_purpose_ids())
    used = {s for ids in subjects_data().values() for s in ids}
    assert used | {"decision_subjects"} == set(rw.SUBJECT)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_row_carries_every_art30_item_as_the_policy_words_it(path: Path, lang: str) -> None:
    policy = built(path)
    if lang not in policy.languages:
        pytest.skip(f"{path.stem} is not written in {lang}")
    sheet = record(policy, lang).sheets[0]
    assert sheet.key == "controller"
    assert len(sheet.columns) == 10
    assert len(sheet.rows) == len(policy.activities)
    text = rendered(path, lang, "md")
    for row in sheet.rows:
        assert all(cell.strip() for cell in row), row  # (a)–(g), the number and the basis: none empty
        _, who, purpose, basis, _, data, _, _, retention, _ = row
        assert policy.controller.name in who and policy.controller.email in who  # (a)
        if policy.dpo is not None:
            assert policy.dpo.name in who
        assert purpose in text  # (b): the purpose's title in the policy
        assert basis in text  # the legal basis as the policy states it
        assert retention in text  # (f): the policy's own sentence, never a number of ours
        for label in data.split("; "):  # (c): the policy's data categories
            assert label in text
    assert len({row[9] for row in sheet.rows}) == 1  # (g) one description for the whole record


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_recipient_and_transfer_of_the_policy_is_in_the_record(path: Path) -> None:
    policy = built(path)
    rows = record(policy, "en").sheets[0].rows
    for r in policy.recipients:
        if r.activities:
            assert any(r.service.entity.name in row[6] for row in rows), r.service.id
    for t in policy.transfers:
        if any(t.service.id == r.service.id and r.activities for r in policy.recipients):
            assert any(t.recipient in row[7] for row in rows), (t.service.id, t.recipient)


def test_transfers_name_their_safeguard() -> None:
    rows = record(built(SAAS), "en").sheets[0].rows
    stripe = next(row for row in rows if "Stripe" in row[6])
    assert "United States: Stripe, Inc. (Stripe); the EU-US Data Privacy Framework adequacy decision" in stripe[7]
    assert "standard contractual clauses adopted by the European Commission" in stripe[7]
    website = next(row for row in record(built(SHOP), "en").sheets[0].rows if "server log entries" in row[5])
    assert website[8] == "30 days"  # log_retention_days: 30, as the policy says it


def test_what_the_answers_do_not_say_is_marked_to_be_completed_never_made_up(tmp_path: Path) -> None:
    custom = {
        "id": "crm",
        "name": {"pl": "CRM", "en": "CRM", "de": "CRM"},
        "basis": "contract",
        "data": ["identity"],
        "retention": {"pl": "do końca umowy", "en": "until the contract ends", "de": "bis zum Vertragsende"},
    }
    path = _variant(tmp_path, SHOP, "bare", {"security": None, "custom_purposes": [custom]})
    policy = register_outputs(path, ("csv",))
    rows = _csv_rows(policy["bare/en/register-controller.csv"])[6:]  # the title, 3 header lines, "", titles
    crm = next(row for row in rows if row[2] == "CRM")
    assert crm[4] == "To be completed: the categories of people whose data are processed for this purpose"
    assert crm[8] == "until the contract ends"
    assert all(row[9].startswith("To be completed: the answers file lists no security measures") for row in rows)


def test_joint_controllers_and_the_dpo_are_in_item_a() -> None:
    who = record(built(ROOT / "answers" / "joint.yaml"), "pl").sheets[0].rows[0][1]
    lines = who.split("\n")
    assert lines[0] == "Współadministratorzy (art. 26 RODO):"
    assert lines[1].startswith("1. Baltic Trails sp. z o.o., ul. Długa 45, 80-831 Gdańsk")
    assert lines[2].startswith("2. UAB Baltic Trails LT, Gedimino pr. 20, LT-01103 Vilnius, Litwa")
    assert "Punkt kontaktowy dla osób, których dane dotyczą: Baltic Trails sp. z o.o." in lines
    assert lines[-1].startswith("Inspektor ochrony danych: Ewa Kamińska (Ochrona Danych Kamińska i Wspólnicy)")


def test_a_representative_in_the_union_is_in_item_a() -> None:
    who = record(built(ROOT / "tests" / "fixtures" / "us-company.yaml"), "de").sheets[0].rows[0][1]
    assert who.split("\n") == [
        "Maple Apps Inc., 100 King Street West, M5X 1A9 Toronto, Kanada; E-Mail: privacy@mapleapps.example, "
        "Website: https://mapleapps.example",
        "Vertreter in der Union (Art. 27 DSGVO): EU Rep Services sp. z o.o., ul. Reprezentacyjna 3, 00-950 Warszawa, "
        "E-Mail: rep@eurep.example",
    ]


# -- the processor's record ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_processor_record_is_there_exactly_for_processing_on_behalf_of_customers(path: Path) -> None:
    policy = built(path)
    files = register_files(policy, ("en",), ("csv",), "x")
    assert ("x/en/register-processor.csv" in files) == policy.saas_processor
    assert [s.key for s in record(policy, "en").sheets] == ["controller", "processor"][: 1 + policy.saas_processor]


def test_a_shop_that_also_processes_for_customers_gets_the_processor_record(tmp_path: Path) -> None:
    with_saas = _variant(tmp_path, SHOP, "shop-saas", {"features": {"saas": {"support": False}}})
    services = [s for s in yaml.safe_load(SAAS.read_text(encoding="utf-8"))["services"] if s != "stripe"]
    without = _variant(tmp_path, SAAS, "saas-off", {"features": {"saas": None}, "services": services})
    assert "shop-saas/en/register-processor.csv" in register_outputs(with_saas, ("csv",))
    assert "saas-off/en/register-processor.csv" not in register_outputs(without, ("csv",), ignore_check_errors=True)


def test_the_processor_record_names_customers_sub_processors_transfers_and_security() -> None:
    sheet = record(built(SAAS), "en").sheets[1]
    (row,) = sheet.rows
    assert all(cell.strip() for cell in row)
    assert "https://chmurka.example/dpa" in row[2] and "To be completed" in row[2]
    assert "Amazon Web Services EMEA SARL" in row[4] and "Stripe" not in row[4]  # processors, not controllers
    assert "United States: Amazon Web Services, Inc." in row[5]
    assert row[6].startswith("Measures appropriate to the risk (Art. 32 GDPR), in particular: encrypted connections")


# -- files --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SHOP, SAAS], ids=lambda p: p.stem)
def test_the_xlsx_opens_with_openpyxl_and_its_cells_equal_the_csv(path: Path) -> None:
    files = register_outputs(path, ("xlsx", "csv"), ("pl",))
    book = openpyxl.load_workbook(io.BytesIO(files[f"{path.stem}/pl/register.xlsx"]))
    register = record(built(path), "pl")
    assert book.sheetnames == [s.name for s in register.sheets]
    for sheet in register.sheets:
        cells = [["" if v is None else v for v in row] for row in book[sheet.name].iter_rows(values_only=True)]
        ours = _csv_rows(files[f"{path.stem}/pl/register-{sheet.key}.csv"])
        assert _trimmed(cells) == _trimmed(ours)
        assert ours[sheet.first_row] == list(sheet.columns)
        assert all(isinstance(v, str) for row in cells for v in row)
        ws = book[sheet.name]
        assert ws.freeze_panes == f"A{sheet.first_row + 2}"
        last = "J" if sheet.key == "controller" else "G"
        assert ws.auto_filter.ref == f"A{sheet.first_row + 1}:{last}{sheet.first_row + 1 + len(sheet.rows)}"
        assert ws.cell(row=sheet.first_row + 2, column=2).alignment.wrap_text
        assert ws.column_dimensions["B"].width >= 40


def test_the_output_is_byte_identical_on_every_run_and_dated_by_the_record() -> None:
    first = register_outputs(SAAS)
    assert first == register_outputs(SAAS)
    with zipfile.ZipFile(io.BytesIO(first["saas/en/register.xlsx"])) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 9, 15, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2026-09-15T00:00:00Z") == 2  # created and modified: the effective date


def test_a_formula_in_the_users_text_stays_text(tmp_path: Path) -> None:
    name = '=HYPERLINK("https://example.com","x")'
    custom = {
        "id": "crm",
        "name": {"pl": name, "en": name, "de": name},
        "basis": "contract",
        "data": ["identity"],
        "retention": {"pl": "#N/A", "en": "#N/A", "de": "#N/A"},
    }
    path = _variant(tmp_path, SHOP, "formula", {"custom_purposes": [custom]})
    files = register_outputs(path, ("xlsx",), ("en",))
    ws = openpyxl.load_workbook(io.BytesIO(files["formula/en/register.xlsx"])).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value in (name, "#N/A")]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)


def test_markdown_shows_each_record_as_a_table() -> None:
    text = register_outputs(SAAS, ("md",), ("en",))["saas/en/register.md"].decode()
    assert text.startswith("# Record of processing activities\n")
    assert "## Record of processing activities of the controller (Art. 30(1) GDPR)" in text
    assert "## Record of all categories of processing activities carried out on behalf of controllers" in text
    assert "- **Date of the record:** 15 September 2026" in text
    policy = built(SAAS)
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + len(policy.activities) + 1 + 1  # titles, rows; titles, the processor's row
    assert all(line.count(" | ") == 9 for line in table[: 1 + len(policy.activities)])


# -- LibreOffice ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def libreoffice_csv(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """One conversion per session (LibreOffice is slow to start): the saas record in Polish, both
    sheets, converted to CSV by LibreOffice headless; our files and LibreOffice's by sheet key."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") or os.environ.get("POLICYGEN_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice is required (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice (soffice) not installed")
    folder = tmp_path_factory.mktemp("libreoffice")
    ours = register_outputs(SAAS, ("xlsx", "csv"), ("pl",))
    (folder / "register.xlsx").write_bytes(ours["saas/pl/register.xlsx"])
    # 44 comma, 34 quote, 76 UTF-8, from line 1; the 12th token -1: every sheet to a file of its own.
    target = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    profile = (folder / "profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target, "--outdir", str(folder),
         str(folder / "register.xlsx")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    register = record(built(SAAS), "pl")
    converted = {}
    for sheet in register.sheets:
        out = folder / f"register-{sheet.name}.csv"
        assert out.is_file(), (result.stdout, result.stderr)
        converted[sheet.key] = out.read_bytes()
    return {s.key: ours[f"saas/pl/register-{s.key}.csv"] for s in register.sheets}, converted


def test_libreoffice_opens_the_xlsx_with_the_cells_of_our_csv(libreoffice_csv: tuple[dict, dict]) -> None:
    ours, converted = libreoffice_csv
    assert set(ours) == set(converted) == {"controller", "processor"}
    for key, data in ours.items():
        theirs = list(csv.reader(io.StringIO(converted[key].decode("utf-8-sig"), newline="")))
        assert _trimmed(theirs) == _trimmed(_csv_rows(data)), key


# -- command line -----------------------------------------------------------------------------------


def test_register_writes_every_format_and_language(tmp_path: Path) -> None:
    result = run_cli("register", str(SAAS), "--out", str(tmp_path), "--lang", "pl,de", "--format", "xlsx,csv")
    assert result.returncode == 0, result.stderr
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == [
        f"saas/{lang}/{name}"
        for lang in ("de", "pl")
        for name in ("register-controller.csv", "register-processor.csv", "register.xlsx")
    ]
    assert (tmp_path / "saas/pl/register.xlsx").read_bytes() == register_outputs(SAAS, ("xlsx",), ("pl",))[
        "saas/pl/register.xlsx"
    ]


def test_bad_answers_exit_2_with_their_place_and_write_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SHOP.read_text(encoding="utf-8").replace("effective_date: 2026-11-01", "effective_date: soon"))
    out = tmp_path / "out"
    result = run_cli("--ui-lang", "en", "register", str(bad), str(SHOP), "--out", str(out))
    assert result.returncode == 2
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), 1) if text.startswith("effective_date"))
    assert f"bad.yaml:{line}:17: effective_date: expected a date written as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "bad").exists()
    assert (out / "shop" / "en" / "register.md").is_file()  # the other file is still written


def test_check_errors_stop_the_record_unless_ignored(tmp_path: Path) -> None:
    text = SHOP.read_text(encoding="utf-8").replace("    double_opt_in: true", "    basis: legitimate_interest")
    (tmp_path / "pg004.yaml").write_text(text, encoding="utf-8")
    result = run_cli("--ui-lang", "pl", "register", str(tmp_path / "pg004.yaml"), "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "PG004" in result.stderr and not (tmp_path / "o").exists()
    assert "zapisane rejestry: 0, nieudane: 1" in result.stderr
    again = run_cli("register", str(tmp_path / "pg004.yaml"), "--out", str(tmp_path / "o"), "--ignore-check-errors")
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize(
    ("option", "expected"), [("--format=pdf", "unknown format pdf"), ("--lang=xx", "unknown language xx")]
)
def test_a_bad_option_is_a_usage_error(tmp_path: Path, option: str, expected: str) -> None:
    result = run_cli("--ui-lang", "en", "register", str(SHOP), option, "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and expected in result.stderr and not (tmp_path / "o").exists()


# -- spelling -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"] + ["en"])
def test_the_records_own_wording_is_spelled_right(lang: str) -> None:
    t = translations(lang, POLICY)
    ids = [value for name, value in vars(rw).items() if name.isupper() and isinstance(value, str)]
    ids += [*rw.CONTROLLER_COLUMNS, *rw.PROCESSOR_COLUMNS, *rw.SUBJECT.values()]
    text = "\n".join(re.sub(r"%\(\w+\)s|policygen", " ", t.gettext(i)) for i in ids)  # placeholders, our name
    assert not unknown_words(text, lang), lang


def test_a_language_the_answers_do_not_have_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, SHOP, "polish", {"languages": ["pl"]})
    result = run_cli("--ui-lang", "en", "register", str(path), "--lang", "en", "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "does not list language en under languages" in result.stderr
    assert not (tmp_path / "o").exists()


def test_the_readme_excerpt_is_what_register_writes_for_the_shop() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Record of processing activities: `policygen register", 1)[1].split("\n### ", 1)[0]
    excerpt = section.split("An excerpt of `out/shop/en/register.md`", 1)[1]
    table = [line for line in excerpt.splitlines() if line.startswith("|")]
    written = register_outputs(SHOP, ("md",), ("en",))["shop/en/register.md"].decode().splitlines()
    assert len(table) == 5  # the column titles, the rule and three rows
    assert all(line in written for line in table)


def test_an_answers_file_whose_name_leads_out_of_the_folder_writes_nothing(tmp_path: Path) -> None:
    dots = tmp_path / "...yaml"  # its name is ".."
    dots.write_text(SHOP.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("--ui-lang", "en", "register", str(dots), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "leads outside the output folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["...yaml"]

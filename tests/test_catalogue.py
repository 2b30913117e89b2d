"""The service catalogue: valid, sourced, dated, and free of dissolved entities and mechanisms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.catalogue import catalogue, services_dir

from .conftest import EXAMPLES, built

REQUIRED = {
    "google-analytics-4",
    "meta-pixel",
    "youtube",
    "przelewy24",
    "inpost",
    "mailerlite",
    "ovhcloud",
    "google-workspace",
}
DISSOLVED = ("Privacy Shield", "Google Inc.", "Facebook Inc.", "Facebook Ireland")


def test_catalogue_loads_and_has_the_services_the_examples_need() -> None:
    entries = catalogue()
    assert set(entries) >= REQUIRED
    for example in EXAMPLES:
        for recipient in built(example).recipients:
            assert recipient.service.id in entries or recipient.service.id.startswith("custom")


@pytest.mark.parametrize("sid", sorted(p.stem for p in services_dir().glob("*.yaml")))
def test_entry_is_sourced_dated_and_current(sid: str) -> None:
    service = catalogue()[sid]
    text = (services_dir() / f"{sid}.yaml").read_text(encoding="utf-8")
    for bad in DISSOLVED:
        assert bad not in text, f"{sid}: {bad}"
    for source in service.sources:
        assert source.checked <= date.today()
        assert source.url.startswith("https://")
    assert service.links.privacy.startswith("https://")
    for transfer in service.transfers or ():
        assert transfer.mechanism in ("dpf", "scc", "bcr", "adequacy")
    if service.role == "processor":
        assert not any(c.party == "third" and not c.consent for c in service.cookies), "processor cookie needs consent"
    assert service.purpose.pl != service.purpose.en


#: US recipients whose Data Privacy Framework status could not be verified from the vendor's own
#: documents (the search copies were cut off before that part). Each must still be unchecked: when
#: someone verifies one, the test below asks for it to leave this list.
DPF_UNCHECKED = {
    ("amazon-web-services", "Amazon Web Services, Inc."),
    ("intercom", "Amazon Web Services, Inc."),
    ("livechat", "Text, Inc."),
    ("paypal", "PayPal Group"),
    ("tiktok-pixel", "TikTok Group"),
    ("vercel", "Vercel Inc."),
    ("zendesk", "Zendesk, Inc."),
    ("zoom", "Zoom Communications, Inc."),
}


def test_every_us_transfer_states_its_dpf_status() -> None:
    unchecked = {
        (s.id, t.recipient or s.entity.name)
        for s in catalogue().values()
        for t in s.transfers or ()
        if t.country == "US" and t.dpf_listed is None
    }
    assert unchecked == DPF_UNCHECKED
    for s in catalogue().values():
        for t in s.transfers or ():
            if t.mechanism == "dpf":
                assert t.country == "US" and t.dpf_listed is True


BASE = """id: probe
name: Probe
category: {category}
entity: {{name: Probe Ltd, country: PL}}
role: processor
purpose: {{pl: pomiar ruchu, en: measuring traffic}}
data: [usage_data]
{extra}
links: {{privacy: "https://probe.example/privacy"}}
sources:
  - {{url: "https://probe.example/privacy", checked: 2026-11-01, facts: [{facts}]}}
"""


def probe(tmp_path: Path, category: str = "analytics", extra: str = "", facts: str = "entity, role, links, purpose"):
    from generator.catalogue import adequacy_countries
    from generator.loader import load_model
    from generator.servicedef import ServiceDef

    path = tmp_path / "probe.yaml"
    path.write_text(BASE.format(category=category, extra=extra, facts=facts), encoding="utf-8")
    return load_model(path, ServiceDef, "en", {"adequacy": adequacy_countries()})


def test_an_on_site_tool_lists_its_cookies_or_says_why_not(tmp_path: Path) -> None:
    from generator.errors import AnswersError

    with pytest.raises(AnswersError, match="needs its cookies listed"):
        probe(tmp_path)  # analytics, no cookies, no source for "none"
    assert probe(tmp_path, facts="entity, role, links, purpose, cookies").cookies == []  # verified: none
    unlisted = probe(tmp_path, extra="cookies_complete: false")
    assert unlisted.consent_needed  # unverified storage is treated as needing consent
    assert not probe(tmp_path, category="hosting").consent_needed  # off-site tools need no cookie source


def test_transfer_rows_without_a_country_and_dpf_flags_are_checked(tmp_path: Path) -> None:
    from generator.errors import AnswersError

    facts = "entity, role, links, purpose, transfers, cookies"
    row = probe(tmp_path, extra="transfers: [{country: null, mechanism: scc}]", facts=facts).transfers[0]
    assert row.country is None and row.dpf_listed is None
    for bad, message in (
        ("{country: null, mechanism: dpf}", "only scc or bcr"),
        ("{country: JP, mechanism: scc, dpf: true}", "only recipients in the United States"),
        ("{country: US, mechanism: dpf, dpf: false}", "needs a recipient on the Data Privacy Framework list"),
    ):
        with pytest.raises(AnswersError, match=message):
            probe(tmp_path, extra=f"transfers: [{bad}]", facts=facts)


def test_the_validation_tool_checks_entries_one_by_one(tmp_path: Path) -> None:
    import subprocess
    import sys

    from .conftest import ROOT

    tool = [sys.executable, str(ROOT / "tools" / "validate_services.py")]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run(tool, capture_output=True, text=True, env=env, check=False)
    assert ok.returncode == 0 and f"{len(catalogue())} valid, 0 broken" in ok.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(BASE.format(category="analytics", extra="", facts="entity"), encoding="utf-8")
    bad = subprocess.run([*tool, str(broken)], capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 1 and "broken.yaml:" in bad.stderr and "0 valid, 1 broken" in bad.stderr

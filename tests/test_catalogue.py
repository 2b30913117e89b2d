"""The service catalogue: valid, sourced, dated, and free of dissolved entities and mechanisms."""

from __future__ import annotations

from datetime import date

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

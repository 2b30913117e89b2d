"""End to end: ``python -m generator wizard`` in a real pseudo-terminal, answered in Polish."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.api import load_answers

from .conftest import ROOT
from .test_wizard import TOOL

pexpect = pytest.importorskip("pexpect")

CLEAR = "\x15"  # Ctrl-U: clear the pre-filled default


def T(text: str) -> str:
    return CLEAR + text + "\r"


# (what the screen shows, what we type), in order
SESSION = [
    ("W jakich językach", "\r"),
    ("gotowe (wybrano 2 pozycje)", ""),  # the checkbox's summary in Polish (issue 17 item 6)
    ("Od którego dnia", T("2026-03-01")),
    ("Jaka to forma", "6\r"),  # jednoosobowa działalność gospodarcza
    ("Nazwa firmy", T("Pracownia Ceramiki Ewa Nowak")),
    ("Imię właściciela", T("Ewa")),
    ("Nazwisko właściciela", T("Nowak")),
    ("Właściciel to", "1\r"),
    ("Kraj siedziby", "\r"),
    ("Ulica i numer", T("ul. Ogrodowa 5")),
    ("Kod pocztowy", T("31155")),  # refused, naming the country (issue 17 item 3) ...
    ("nieprawidłowy kod pocztowy dla PL", T("31-155")),  # ... and corrected
    ("Miejscowość", T("Kraków")),
    ("Adres e-mail do spraw", T("ewa@ceramika.example")),
    ("Numer telefonu", T("+48 601 234 567")),
    ("Adres strony", T("ceramika.example")),  # https:// is added (issue 17 item 7)
    ("Dziesięć cyfr", T("6760000139")),  # wrong checksum: refused in Polish ...
    ("nieprawidłowy NIP", T("6760000138")),  # ... and corrected
    ("REGON", "\r"),
    ("inny administrator", "2\r"),
    ("inspektora ochrony danych", "2\r"),
    ("Przez ile dni", T("14")),
    ("kontaktować", "\r"),  # yes by default
    ("formularz kontaktowy", "\r"),
    ("pisać e-maile", "\r"),
    ("dzwonić", "\r"),  # yes by default: a phone number was given
    ("Przez ile miesięcy", "\r"),
    ("założyć konto", "2\r"),
    ("sprzedajesz online", "2\r"),
    ("SaaS", "2\r"),
    ("wysyłasz newsletter", "1\r"),
    ("wysyła newsletter", TOOL("newsletter", "mailerlite")),
    ("potwierdzają adres", "\r"),
    ("webinary lub", "2\r"),
    ("komentować", "2\r"),
    ("ankiety lub", "2\r"),
    ("reklamujesz się", "2\r"),
    ("profile w mediach", "2\r"),
    ("zgłoszenia od kandydatów", "2\r"),
    ("Jakich innych narzędzi", "Plausible \r"),
    ("narzędzia, którego nie ma", "2\r"),
    ("narzędzia statystyczne", T("2")),
    ("strona sama zapisuje pliki cookie", "2\r"),  # none of its own (issue 17 item 8)
    ("okres przechowywania danych", "Odpow \r"),  # tick "Odpowiadanie na Twoje wiadomości"
    ("podstawie prawnej przetwarzasz", "\r"),  # keep the legitimate interest
    ("Jak długo przechowujesz te dane?", "3\r"),  # a number of months
    ("Ile miesięcy? [Odpowiadanie na Twoje wiadomości]", T("6")),  # which purpose, also on a text prompt
    ("przez 6 miesięcy od ich otrzymania", "2\r"),  # the choices say it as the policy will
    ("Kto jeszcze otrzymuje", "\r"),
    ("Jak chronisz dane", "\r"),
    ("Czy analizujesz", "\r"),
    ("dla dzieci", "2\r"),
    ("Co dalej", ""),
    ("(użyj klawiszy z cyframi albo strzałek)", "1\r"),  # the menu's hint in Polish
    ("Zapisz plik odpowiedzi jako", "\r"),
    ("Zbudować teraz", "1\r"),
]


def spawn(cwd: Path, target: Path) -> Any:
    """``policygen wizard TARGET`` in a pseudo-terminal whose locale names Polish (not asked)."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "generator", "wizard", str(target)],
        cwd=str(cwd),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 200),
        # No cursor-position requests: without them every prompt would wait for a reply.
        env={
            "TERM": "xterm",
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "LANGUAGE": "pl",
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "PYTHONPATH": str(ROOT),  # this checkout, not whatever copy is installed
        },
    )
    child.delaybeforesend = 0.01
    return child


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_wizard_in_a_terminal_in_polish(tmp_path: Path) -> None:
    target = Path("answers") / "ceramika.yaml"
    child = spawn(tmp_path, target)
    child.logfile_read = log = io.StringIO()
    try:
        for screen, keys in SESSION:
            child.expect_exact(screen)
            child.send(keys)
        child.expect_exact("zapisano out/ceramika/en/privacy.html")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    shown = log.getvalue()
    assert "Language / Język" not in shown
    assert "Use shortcuts" not in shown and "arrow keys" not in shown and "selections)" not in shown
    saved = tmp_path / target
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=https://policygen.dev/schema/answers-1.json\n")
    assert 'nip: "6760000138"' in text and "Kraków" in text
    data = yaml.safe_load(text)
    assert data["controllers"][0]["owner"]["gender"] == "female"
    assert data["controllers"][0]["website"] == "https://ceramika.example"
    assert data["features"]["contact"]["phone"] is True
    assert data["features"]["newsletter"]["tool"] == "mailerlite"
    assert data["services"] == ["plausible"]
    assert data["features"]["website"]["statistics_months"] == 2
    assert data["purposes"] == {"contact": {"retention": {"months": 6, "after": "collection"}}}
    load_answers(saved)
    policy_pl = (tmp_path / "out" / "ceramika" / "pl" / "privacy.md").read_text(encoding="utf-8")
    assert "Ewa Nowak" in policy_pl and "prowadząca" in policy_pl and "MailerLite" in policy_pl
    assert "**Jak długo je przechowujemy:** przez 6 miesięcy od ich otrzymania." in policy_pl
    assert (tmp_path / "out" / "ceramika" / "en" / "privacy.html").is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_back_key_and_resuming_where_the_answers_end(tmp_path: Path) -> None:
    """Ctrl-B asks the previous question again; after Ctrl-C the next run resumes at the first
    question not answered, not from the start (issue 17 item 5)."""
    target = Path("answers") / "wstecz.yaml"
    child = spawn(tmp_path, target)
    try:
        for screen, keys in SESSION[:5]:  # languages … the name
            child.expect_exact(screen)
            child.send(keys)
        child.expect_exact("Imię właściciela")
        child.send("\x02")  # Ctrl-B: back to the name, its answer the default
        child.expect_exact("Pracownia Ceramiki Ewa Nowak")
        child.send(T("Pracownia Ewa Nowak"))
        child.expect_exact("Imię właściciela")
        child.send(T("Ewa"))
        child.expect_exact("Nazwisko właściciela")
        child.send("\x03")  # Ctrl-C
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    child = spawn(tmp_path, target)
    child.logfile_read = log = io.StringIO()
    try:
        child.expect_exact("Kontynuować")
        child.send("1\r")
        child.expect_exact("Nazwisko właściciela")  # the first question not answered
        child.send("\x03")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert "W jakich językach" not in log.getvalue() and "Imię właściciela" not in log.getvalue()
    partial = yaml.safe_load((tmp_path / "answers" / "wstecz.yaml.partial").read_text(encoding="utf-8"))
    assert partial["controllers"][0]["name"] == "Pracownia Ewa Nowak"
    assert partial["controllers"][0]["owner"]["first_name"] == "Ewa"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_cookie_banner_and_the_site_own_cookies_in_a_terminal(tmp_path: Path) -> None:
    """Editing the example shop: where the cookie settings are is picked (the policy words it in
    each language, issue 17 item 4) and a cookie of the site's own is added (item 8)."""
    target = Path("answers") / "shop.yaml"
    (tmp_path / "answers").mkdir()
    shutil.copy(ROOT / "answers" / "shop.yaml", tmp_path / target)
    steps = [
        ("Którą część chcesz zmienić?", "7\r"),  # review, all, 5 sections before: the tools
        ("Jakich innych narzędzi", "\r"),
        ("narzędzia, którego nie ma", "\r"),
        ("narzędzia statystyczne", "\r"),
        ("Jakie narzędzie wyświetla", "\r"),
        ("Gdzie odwiedzający mogą później zmienić", "1\r"),  # a link in the footer of every page
        ("Zachować plik cookie cart_id?", "\r"),
    ]
    own_cookie_fields = ["Nazwa pliku cookie", "Czyje oprogramowanie", "Jak długo jest", "Do czego", "Do czego"]
    own_cookie_fields += ["Do czego", "zgody odwiedzającego"]  # the purpose in pl, en, de; consent
    steps += [(screen, "\r") for screen in own_cookie_fields]
    steps += [("Zachować plik cookie cookie_consent?", "\r")]
    steps += [(screen, "\r") for screen in own_cookie_fields]
    steps += [
        ("Kolejny plik cookie Twojej strony?", "1\r"),
        ("Nazwa pliku cookie", T("lang")),
        ("Czyje oprogramowanie", "\r"),
        ("Jak długo jest", T("1 year")),
        ("Do czego", T("zapamiętanie wybranego języka")),
        ("Do czego", T("remembering the chosen language")),
        ("Do czego", T("Speichern der gewählten Sprache")),
        ("zgody odwiedzającego", "\r"),  # no: strictly necessary
        ("Kolejny plik cookie Twojej strony?", "2\r"),
        ("Co dalej", "1\r"),
        ("Zapisz plik odpowiedzi jako", "\r"),
        ("Zbudować teraz", "1\r"),
    ]
    child = spawn(tmp_path, target)
    try:
        for screen, keys in steps:
            child.expect_exact(screen)
            child.send(keys)
        child.expect_exact("zapisano out/shop/en/privacy.html")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    saved = tmp_path / target
    text = saved.read_text(encoding="utf-8")
    assert "# yaml-language-server" in text.splitlines()[0]
    data = yaml.safe_load(text)
    assert data["consent_tool"] == {"link": "footer"}
    assert [c["name"] for c in data["custom_cookies"]] == ["cart_id", "cookie_consent", "lang"]
    assert data["custom_cookies"][2]["consent"] is False
    pl = " ".join((tmp_path / "out" / "shop" / "pl" / "privacy.md").read_text(encoding="utf-8").split())
    de = " ".join((tmp_path / "out" / "shop" / "de" / "privacy.md").read_text(encoding="utf-8").split())
    assert "korzystając z linku do ustawień cookies w stopce każdej strony." in pl
    assert "Über den Link zu den Cookie-Einstellungen in der Fußzeile jeder Seite" in de
    assert "zapamiętanie wybranego języka" in pl  # in the cookie table

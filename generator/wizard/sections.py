"""The wizard's sections: which questions to ask, in which order, and the follow-ups that apply.

Every section reads its defaults from ``data`` (the answers so far, or a saved file) and writes
its answers back into it, so a section can be asked again on its own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel import Locale

from ..catalogue import catalogue
from ..fields import postal_code_ok
from ..i18n import N_
from ..messages import message
from ..slugs import slugify
from ..vocab import CATEGORY_FEATURE, EEA, ON_SITE
from ..wording import DATA, KIND, LEGAL_FORM, MECHANISM, PARTY, RECIPIENT_CATEGORY, ROLE, SECURITY
from .prompts import Asker
from .questions import BY_PATH, literal_values

MSG_ANOTHER_CONTROLLER = N_("Is there another controller that decides on the data with you (joint controllers)?")
MSG_CUSTOM_SERVICE = N_("Do you use a tool that is not on the list?")
MSG_ANOTHER_CUSTOM = N_("Another tool that is not on the list?")
MSG_TRANSFER = N_("Do the data of this tool reach a country outside the EEA?")
MSG_ANOTHER_TRANSFER = N_("Another country outside the EEA?")
MSG_REMOVE_CONTROLLER = N_("Keep %(name)s as a controller?")
MSG_ANOTHER_COOKIE = N_("Another cookie of this tool?")

LABELS: dict[str, dict[str, str]] = {
    "controllers[].legal_form": {
        **LEGAL_FORM,
        "sole_trader": N_("sole trader (jednoosobowa działalność gospodarcza)"),
        "foreign_company": N_("company registered outside Poland"),
    },
    "controllers[].owner.gender": {"female": N_("a woman"), "male": N_("a man")},
    "dpo.kind": {"internal": N_("our employee (internal)"), "external": N_("an outside firm (external)")},
    "custom_services[].role": ROLE,
    "custom_services[].transfers[].mechanism": MECHANISM,
    "custom_services[].data": DATA,
    "custom_services[].cookies[].kind": KIND,
    "custom_services[].cookies[].party": PARTY,
    "other_recipients": RECIPIENT_CATEGORY,
    "security": SECURITY,
    "custom_services[].category": {
        "analytics": N_("website statistics"),
        "tag_management": N_("tag management"),
        "advertising": N_("advertising"),
        "embed": N_("embedded content (videos, maps)"),
        "security": N_("protection against spam and attacks"),
        "newsletter": N_("newsletter"),
        "payments": N_("payments"),
        "delivery": N_("delivery"),
        "hosting": N_("hosting and IT infrastructure"),
        "shop_platform": N_("shop platform"),
        "accounting": N_("accounting and invoicing"),
        "communication": N_("e-mail and office tools"),
        "crm": N_("customer relationship management (CRM)"),
        "chat": N_("chat with visitors"),
        "scheduling": N_("booking appointments"),
        "webinar": N_("webinars"),
        "reviews": N_("reviews and surveys"),
        "social": N_("social media"),
        "consent": N_("cookie banner"),
        "session_recording": N_("session recording and heat maps"),
        "forms": N_("online forms"),
        "marketplace": N_("online marketplaces"),
        "recruitment": N_("recruitment"),
    },
}
CATEGORY_LABELS = LABELS["custom_services[].category"]
#: Service categories asked about as follow-ups of a feature, not in the general list.
FOLLOW_UP_CATEGORIES = frozenset({"payments", "delivery", "newsletter", "webinar", "social", "consent"})


def _features(data: dict[str, Any]) -> dict[str, Any]:
    return data.setdefault("features", {})


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == []:
        target.pop(key, None)
    else:
        target[key] = value


class Sections:
    def __init__(self, asker: Asker, data: dict[str, Any]) -> None:
        self.ask = asker
        self.data = data

    # -- helpers -------------------------------------------------------------------------------

    def _options(self, path: str) -> list[tuple[str, str]]:
        labels = LABELS[path]
        return [(value, self.ask._(labels[value])) for value in literal_values(path)]

    def _services(self, categories: set[str]) -> list[tuple[str, str]]:
        return [(sid, s.name) for sid, s in catalogue().items() if s.category in categories]

    def _texts(self, path: str, parent: dict[str, Any], key: str, both: bool = False) -> None:
        """A free text in each output language into ``parent[key]``: one string for a one-language policy.

        Written one language at a time, so that an interrupt keeps the first language's answer.
        """
        langs = ["pl", "en"] if both else list(self.data.get("languages") or ["pl", "en"])
        current = parent.get(key)
        if len(langs) == 1:
            old = current.get(langs[0]) if isinstance(current, dict) else current
            _put(parent, key, self.ask.text(path, old))
            return
        texts = parent[key] = dict(current) if isinstance(current, dict) else {}
        for lang in langs:
            old = texts.get(lang, current if isinstance(current, str) else None)
            name = Locale.parse(self.ask.lang).languages[lang]  # "[Polish]" / "[polski]": which text this is
            value = self.ask.text(path, old, label=name, probe=(lambda v: {"pl": v, "en": v}) if both else None)
            if value is None:
                parent.pop(key, None)
                return
            texts[lang] = value
        parent[key] = {lang: texts[lang] for lang in langs}

    def _address(self, prefix: str, parent: dict[str, Any]) -> None:
        """Asks the address into ``parent["address"]`` one answer at a time (kept on interrupt)."""
        adr = parent["address"] = dict(parent.get("address") or {})
        adr["country"] = country = self.ask.text(f"{prefix}.country", adr.get("country", "PL"), check=str.upper)
        adr["street"] = self.ask.text(f"{prefix}.street", adr.get("street"))

        def postal(value: str) -> str | None:
            return None if postal_code_ok(country, value) else message("postal_code_invalid", self.ask.lang)

        adr["postal_code"] = self.ask.text(f"{prefix}.postal_code", adr.get("postal_code"), extra=postal)
        adr["city"] = self.ask.text(f"{prefix}.city", adr.get("city"))
        parent["address"] = {k: adr[k] for k in ("street", "postal_code", "city", "country")}

    # -- sections ------------------------------------------------------------------------------

    def basics(self) -> None:
        d = self.data
        langs = self.ask.checkbox(
            "languages", [(None, [("pl", "polski"), ("en", "English")])], d.get("languages", ["pl", "en"]), True
        )
        d["languages"] = langs
        d["effective_date"] = self.ask.text("effective_date", str(d.get("effective_date") or date.today()))

    def controllers(self) -> None:
        # Edited in place, so that an interrupt keeps every answer given so far.
        ctrls = self.data.setdefault("controllers", [])
        i = 0
        while i < len(ctrls):
            if i > 0 and not self.ask.yes_no(MSG_REMOVE_CONTROLLER, True, name=ctrls[i].get("name", "?")):
                del ctrls[i]
                continue
            self._controller(ctrls, i)
            i += 1
        if not ctrls:
            ctrls.append({})
            self._controller(ctrls, 0)
        while self.ask.yes_no(MSG_ANOTHER_CONTROLLER, False):
            ctrls.append({})
            self._controller(ctrls, len(ctrls) - 1)
        if len(ctrls) > 1:
            self._joint(ctrls)
        else:
            self.data.pop("joint", None)
        if any(c["address"]["country"] not in EEA for c in ctrls):
            self._representative()
        else:
            self.data.pop("representative", None)

    def _controller(self, ctrls: list[dict[str, Any]], index: int) -> None:
        a = self.ask
        p = "controllers[]."
        c = ctrls[index]
        label = str(index + 1) if len(ctrls) > 1 else None
        c["legal_form"] = form = a.select(p + "legal_form", self._options(p + "legal_form"), c.get("legal_form"), label)
        c["name"] = a.text(p + "name", c.get("name"), label)
        if "id" not in c:
            taken = {o.get("id") for o in ctrls}
            base = slugify(c["name"]) if index else "main"
            cid, n = base, 2
            while cid in taken:
                cid, n = f"{base}-{n}", n + 1
            c["id"] = cid
        if form == "sole_trader":
            owner = c.setdefault("owner", {})
            owner["first_name"] = a.text(p + "owner.first_name", owner.get("first_name"))
            owner["last_name"] = a.text(p + "owner.last_name", owner.get("last_name"))
            owner["gender"] = a.select(p + "owner.gender", self._options(p + "owner.gender"), owner.get("gender"))
        else:
            c.pop("owner", None)
        self._address(p + "address", c)
        c["email"] = a.text(p + "email", c.get("email"))
        for key in ("phone", "website"):
            _put(c, key, a.text(p + key, c.get(key)))
        foreign = form == "foreign_company"
        asked = (
            ("vat_id", "company_code", "registry")
            if foreign
            else ("nip", "regon", "krs", "registry_court", "share_capital")
        )
        for key in ("nip", "regon", "krs", "registry_court", "share_capital", "vat_id", "company_code", "registry"):
            skip = (
                key not in asked
                or (key == "company_code" and c["address"]["country"] != "LT")
                or (key in ("krs", "registry_court") and form == "sole_trader")
                or (key == "share_capital" and form not in ("sp_zoo", "sa"))
            )
            if skip:
                c.pop(key, None)
            else:
                _put(c, key, a.text(p + key, c.get(key)))

    def _joint(self, controllers: list[dict[str, Any]]) -> None:
        a = self.ask
        j = self.data["joint"] = dict(self.data.get("joint") or {})
        ids = [(c["id"], c["name"]) for c in controllers]
        self._texts("joint.scope", j, "scope")
        for key in ("contact_point", "requests_handled_by", "information_by"):
            j[key] = a.select(f"joint.{key}", ids, j.get(key))
        _put(j, "arrangement_url", a.text("joint.arrangement_url", j.get("arrangement_url")))

    def _representative(self) -> None:
        a = self.ask
        r = self.data["representative"] = dict(self.data.get("representative") or {})
        r["name"] = a.text("representative.name", r.get("name"))
        self._address("representative.address", r)
        r["email"] = a.text("representative.email", r.get("email"))
        _put(r, "phone", a.text("representative.phone", r.get("phone")))

    def dpo(self) -> None:
        a = self.ask
        if not a.confirm("dpo", self.data.get("dpo") is not None):
            self.data.pop("dpo", None)
            return
        d = self.data["dpo"] = dict(self.data.get("dpo") or {})
        d["kind"] = a.select("dpo.kind", self._options("dpo.kind"), d.get("kind"))
        d["name"] = a.text("dpo.name", d.get("name"))
        if d["kind"] == "external":
            d["company"] = a.text("dpo.company", d.get("company"))
        else:
            d.pop("company", None)
        d["email"] = a.text("dpo.email", d.get("email"))
        _put(d, "phone", a.text("dpo.phone", d.get("phone")))

    def features(self) -> None:
        a = self.ask
        f = _features(self.data)
        website = f.get("website") or {}
        f["website"] = {
            **website,
            "log_retention_days": a.text("features.website.log_retention_days", website.get("log_retention_days", 30)),
        }
        for name in (
            "contact",
            "accounts",
            "shop",
            "saas",
            "newsletter",
            "webinars",
            "comments",
            "surveys",
            "marketing",
            "social_media",
        ):
            current = f.get(name)
            if not a.confirm(f"features.{name}", current is not None):
                f.pop(name, None)
                continue
            f[name] = current = dict(current or {})
            getattr(self, f"_{name}")(current)

    # Each feature's follow-ups are written into its own dict as they are answered (kept on interrupt).

    def _bools(self, prefix: str, cur: dict[str, Any], keys: dict[str, bool]) -> dict[str, Any]:
        for k, default in keys.items():
            cur[k] = self.ask.confirm(f"{prefix}.{k}", cur.get(k, default))
        return cur

    def _contact(self, cur: dict[str, Any]) -> dict[str, Any]:
        self._bools("features.contact", cur, {"form": True, "email": True, "phone": False})
        cur["keep_months"] = self.ask.text("features.contact.keep_months", cur.get("keep_months", 12))
        return cur

    def _accounts(self, cur: dict[str, Any]) -> dict[str, Any]:
        return self._bools("features.accounts", cur, {"social_login": False})

    def _shop(self, cur: dict[str, Any]) -> dict[str, Any]:
        a = self.ask
        cur["payments"] = a.checkbox(
            "features.shop.payments", [(None, self._services({"payments"}))], cur.get("payments")
        )
        cur["carriers"] = a.checkbox(
            "features.shop.carriers", [(None, self._services({"delivery"}))], cur.get("carriers")
        )
        return self._bools("features.shop", cur, {"guest_checkout": True, "consumers": True})

    def _saas(self, cur: dict[str, Any]) -> dict[str, Any]:
        _put(cur, "dpa_url", self.ask.text("features.saas.dpa_url", cur.get("dpa_url")))
        return self._bools("features.saas", cur, {"support": True, "trial": False})

    def _newsletter(self, cur: dict[str, Any]) -> dict[str, Any]:
        cur["tool"] = self.ask.select("features.newsletter.tool", self._services({"newsletter"}), cur.get("tool"))
        return self._bools("features.newsletter", cur, {"double_opt_in": True})

    def _webinars(self, cur: dict[str, Any]) -> dict[str, Any]:
        cur["tool"] = self.ask.select("features.webinars.tool", self._services({"webinar"}), cur.get("tool"))
        return self._bools("features.webinars", cur, {"recording": False})

    def _comments(self, cur: dict[str, Any]) -> dict[str, Any]:
        return self._bools("features.comments", cur, {"moderation": True})

    def _surveys(self, cur: dict[str, Any]) -> dict[str, Any]:
        _put(cur, "tool", self.ask.select("features.surveys.tool", self._services({"reviews"}), cur.get("tool")))
        return cur

    def _marketing(self, cur: dict[str, Any]) -> dict[str, Any]:
        return self._bools("features.marketing", cur, {"remarketing": False, "profiling": False})

    def _social_media(self, cur: dict[str, Any]) -> dict[str, Any]:
        profiles = self._services({"social"})
        cur["profiles"] = self.ask.checkbox(
            "features.social_media.profiles", [(None, profiles)], cur.get("profiles"), True
        )
        return cur

    def services(self) -> None:
        a = self.ask
        f = _features(self.data)
        allowed = set()
        for category in CATEGORY_LABELS:
            needed = CATEGORY_FEATURE.get(category, ())
            if category in FOLLOW_UP_CATEGORIES and category != "payments":
                continue
            if category == "payments" and "saas" not in f:
                continue
            if needed and not any(name in f for name in needed):
                continue
            allowed.add(category)
        groups = [
            (a._(CATEGORY_LABELS[cat]), self._services({cat}))
            for cat in CATEGORY_LABELS
            if cat in allowed and self._services({cat})
        ]
        chosen = a.checkbox("services", groups, [s for s in self.data.get("services", []) if s in catalogue()])
        _put(self.data, "services", chosen)
        customs = self.data["custom_services"] = list(self.data.get("custom_services") or [])
        for i in range(len(customs)):
            customs[i] = dict(customs[i])
            self._custom(customs[i], customs[:i])
        prompt = MSG_ANOTHER_CUSTOM if customs else MSG_CUSTOM_SERVICE
        while a.yes_no(prompt, False):
            customs.append({})
            self._custom(customs[-1], customs[:-1])
            prompt = MSG_ANOTHER_CUSTOM
        _put(self.data, "custom_services", customs)
        self._statistics()
        self._consent_tool()

    def _statistics(self) -> None:
        """How long the statistics tools keep data: asked only when one is used (the policy states it)."""
        website = _features(self.data).setdefault("website", {})
        categories = {catalogue()[s].category for s in self.data.get("services", []) if s in catalogue()}
        categories |= {c.get("category") for c in self.data.get("custom_services", [])}
        if categories & {"analytics", "tag_management"}:
            _put(
                website,
                "statistics_months",
                self.ask.text("features.website.statistics_months", website.get("statistics_months")),
            )
        else:
            website.pop("statistics_months", None)

    def _custom(self, s: dict[str, Any], others: list[dict[str, Any]]) -> None:
        """One custom service, edited in place (its saved answers are the defaults)."""
        a = self.ask
        p = "custom_services[]."
        s["name"] = a.text(p + "name", s.get("name"))
        if "id" not in s:
            taken = set(catalogue()) | {o.get("id") for o in others}
            base = sid = slugify(s["name"])
            n = 2
            while sid in taken:
                sid, n = f"{base}-{n}", n + 1
            s["id"] = sid
        s["category"] = a.select(p + "category", self._options(p + "category"), s.get("category"))
        e = s["entity"] = dict(s.get("entity") or {})
        e["name"] = a.text(p + "entity.name", e.get("name"))
        _put(e, "address", a.text(p + "entity.address", e.get("address")))
        e["country"] = a.text(p + "entity.country", e.get("country", "PL"), check=str.upper)
        s["role"] = a.select(p + "role", self._options(p + "role"), s.get("role", "processor"))
        self._texts(p + "purpose", s, "purpose", both=True)
        s["data"] = a.checkbox(p + "data", [(None, self._options(p + "data"))], s.get("data"), True)
        self._transfers(s)
        _put(s, "self_hosted", a.confirm(p + "self_hosted", s.get("self_hosted", False)) or None)
        self._cookies(s)
        links = s["links"] = dict(s.get("links") or {})
        old_privacy = links.get("privacy")
        links["privacy"] = privacy = a.text(p + "links.privacy", old_privacy)
        # The source of a custom tool is the owner's own reading of its privacy policy, today; sources
        # written by hand stay as long as they still cover every fact and the privacy link is the same.
        facts = ["entity", "role", "transfers", "cookies", "links", "purpose"]
        covered = {fact for src in s.get("sources") or [] for fact in src.get("facts") or []}
        if privacy != old_privacy or not covered >= set(facts):
            s["sources"] = [{"url": privacy, "checked": date.today().isoformat(), "facts": facts}]

    def _cookies(self, s: dict[str, Any]) -> None:
        """The tool's cookies, one at a time; the answer "none" is itself a sourced fact (see sources)."""
        a = self.ask
        q = "custom_services[].cookies[]."
        rows = s["cookies"] = [dict(row) for row in s.get("cookies") or []]
        default = bool(rows) or ("cookies" not in s and s.get("category") in ON_SITE)
        if not a.confirm("custom_services[].cookies", default):
            s.pop("cookies")
            return
        i = 0
        while i == 0 or a.yes_no(MSG_ANOTHER_COOKIE, i < len(rows)):
            if i == len(rows):
                rows.append({})
            row = rows[i]
            row["name"] = a.text(q + "name", row.get("name"))
            row["kind"] = a.select(q + "kind", self._options(q + "kind"), row.get("kind", "cookie"))
            row["lifetime"] = a.text(q + "lifetime", row.get("lifetime"))
            self._texts(q + "purpose", row, "purpose", both=True)
            row["party"] = a.select(q + "party", self._options(q + "party"), row.get("party", "first"))
            row["consent"] = a.confirm(q + "consent", row.get("consent", True))
            i += 1
        del rows[i:]

    def _transfers(self, s: dict[str, Any]) -> None:
        """Transfers outside the EEA, one row at a time; rows not reached yet stay as they were."""
        a = self.ask
        q = "custom_services[].transfers[]."
        rows = s["transfers"] = [dict(row) for row in s.get("transfers") or []]
        i = 0
        while a.yes_no(MSG_TRANSFER if i == 0 else MSG_ANOTHER_TRANSFER, i < len(rows)):
            if i == len(rows):
                rows.append({})
            row = rows[i]
            row["country"] = a.text(q + "country", row.get("country"), check=str.upper)
            row["mechanism"] = a.select(q + "mechanism", self._options(q + "mechanism"), row.get("mechanism", "scc"))
            _put(row, "recipient", a.text(q + "recipient", row.get("recipient")))
            i += 1
        del rows[i:]

    def _consent_tool(self) -> None:
        f = _features(self.data)
        used = [catalogue()[s] for s in self.data.get("services", [])]
        if not (any(s.consent_needed for s in used) or "marketing" in f):
            self.data.pop("consent_tool", None)
            return
        tool = self.data["consent_tool"] = dict(self.data.get("consent_tool") or {})
        options = self._services({"consent"})
        if options:
            _put(tool, "service", self.ask.select("consent_tool.service", options, tool.get("service")))
        self._texts("consent_tool.settings", tool, "settings")

    def other(self) -> None:
        a = self.ask
        d = self.data
        _put(
            d,
            "other_recipients",
            a.checkbox("other_recipients", [(None, self._options("other_recipients"))], d.get("other_recipients")),
        )
        _put(d, "security", a.checkbox("security", [(None, self._options("security"))], d.get("security")))
        self._texts("profiling", d, "profiling")
        ch = d["children"] = dict(d.get("children") or {})
        ch["directed_at_children"] = a.confirm("children.directed_at_children", ch.get("directed_at_children", False))
        if not ch["directed_at_children"]:
            d.pop("children")
            return
        _put(ch, "min_age", a.text("children.min_age", ch.get("min_age")))
        ch["parental_consent"] = a.confirm("children.parental_consent", ch.get("parental_consent", False))


SECTIONS: tuple[tuple[str, str], ...] = (
    ("basics", N_("Languages and date")),
    ("controllers", N_("Who you are (controllers)")),
    ("dpo", N_("Data protection officer")),
    ("features", N_("What your website does")),
    ("services", N_("Tools and services")),
    ("other", N_("Recipients, security, children")),
)

__all__ = ["BY_PATH", "SECTIONS", "Sections"]

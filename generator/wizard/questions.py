"""The wizard's questions as data, checked against the answers model (one source of truth).

Every question names the model field it answers by a path (``controllers[].address.city``;
``[]`` stands for an item of a list). Validation uses the field's own pydantic type, so a NIP,
an e-mail address or a URL is judged exactly as in ``policygen build``. ``SKIPPED`` lists the
fields the wizard deliberately does not ask about, each with the reason; a test walks the model
and fails when a field is neither asked nor skipped, or a question names no field.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..fields import LangText
from ..i18n import N_, gettext_for
from ..messages import message
from ..model import Answers


@dataclass(frozen=True)
class Q:
    path: str
    message: str
    help: str
    kind: str = "text"  # text | confirm | select | checkbox | int | presence
    optional: bool = False  # an empty answer leaves the key out


QUESTIONS: tuple[Q, ...] = (
    Q(
        "languages",
        N_("In which languages should the policy be written?"),
        N_("Pick one or both with Space; Enter confirms."),
        "checkbox",
    ),
    Q("effective_date", N_("From which day does the policy apply?"), N_("A date as YYYY-MM-DD; usually today.")),
    # controllers
    Q(
        "controllers[].legal_form",
        N_("What kind of business is it?"),
        N_("The legal form decides which registry numbers the policy shows."),
        "select",
    ),
    Q(
        "controllers[].name",
        N_("Name of the business"),
        N_("The registered name; for a sole trader the business name (firma)."),
    ),
    Q(
        "controllers[].owner.first_name",
        N_("Owner's first name"),
        N_("A sole trader is a person: the policy names the owner."),
    ),
    Q("controllers[].owner.last_name", N_("Owner's last name"), N_("As in the CEIDG register.")),
    Q(
        "controllers[].owner.gender",
        N_("The owner is"),
        N_("Used only so that Polish sentences agree with the owner's gender."),
        "select",
    ),
    Q(
        "controllers[].address.country",
        N_("Country of the registered office"),
        N_("A two-letter code, e.g. PL, LT, US."),
    ),
    Q("controllers[].address.street", N_("Street and number"), N_("e.g. ul. Prosta 1 lok. 2")),
    Q("controllers[].address.postal_code", N_("Postal code"), N_("In Poland as 00-000.")),
    Q("controllers[].address.city", N_("City"), N_("Where the registered office is.")),
    Q(
        "controllers[].email",
        N_("E-mail address for privacy questions"),
        N_("People will write here to exercise their rights."),
    ),
    Q(
        "controllers[].phone",
        N_("Phone number (optional)"),
        N_("With the country code for numbers outside Poland; leave empty to skip."),
        optional=True,
    ),
    Q(
        "controllers[].website",
        N_("Website address (optional)"),
        N_("e.g. https://example.com; leave empty to skip."),
        optional=True,
    ),
    Q("controllers[].nip", N_("NIP (tax identification number)"), N_("Ten digits; the checksum is verified.")),
    Q(
        "controllers[].regon",
        N_("REGON (optional)"),
        N_("Nine or fourteen digits; leave empty to skip."),
        optional=True,
    ),
    Q("controllers[].krs", N_("KRS number"), N_("Ten digits, with the leading zeros.")),
    Q(
        "controllers[].registry_court",
        N_("Court keeping the KRS file (optional)"),
        N_("e.g. Sąd Rejonowy dla m.st. Warszawy, XII Wydział Gospodarczy KRS"),
        optional=True,
    ),
    Q(
        "controllers[].share_capital",
        N_("Share capital in PLN (optional)"),
        N_("Only for sp. z o.o. and S.A.; leave empty to skip."),
        optional=True,
    ),
    Q(
        "controllers[].vat_id",
        N_("EU VAT number (optional)"),
        N_("With the country prefix, e.g. LT100001919017."),
        optional=True,
    ),
    Q(
        "controllers[].company_code",
        N_("Lithuanian company code (optional)"),
        N_("Only for companies registered in Lithuania."),
        optional=True,
    ),
    Q(
        "controllers[].registry",
        N_("Register keeping the company (optional)"),
        N_("e.g. Registrų centras."),
        optional=True,
    ),
    # joint controllers
    Q(
        "joint.scope",
        N_("Which processing do you decide on together?"),
        N_("Joint controllers (Art. 26 GDPR) must say what they share, e.g. the joint online shop."),
    ),
    Q(
        "joint.contact_point",
        N_("Which of you should people contact?"),
        N_("The contact point for everyone whose data you process together."),
        "select",
    ),
    Q(
        "joint.requests_handled_by",
        N_("Who answers requests about people's rights?"),
        N_("One of the controllers handles requests for all."),
        "select",
    ),
    Q(
        "joint.information_by",
        N_("Who gives people this information?"),
        N_("Usually the one that runs the website."),
        "select",
    ),
    Q(
        "joint.arrangement_url",
        N_("Where is the essence of your arrangement published? (optional)"),
        N_("A URL; leave empty if people get it on request."),
        optional=True,
    ),
    # DPO
    Q(
        "dpo",
        N_("Have you appointed a data protection officer (DPO)?"),
        N_("A DPO is a person who oversees data protection; most small businesses have none."),
        "presence",
    ),
    Q(
        "dpo.kind",
        N_("Is the DPO your employee or an outside firm?"),
        N_("An external DPO works for a firm that provides the service."),
        "select",
    ),
    Q("dpo.name", N_("Name and surname of the DPO"), N_("As it should appear in the policy.")),
    Q("dpo.company", N_("Firm providing the DPO service"), N_("The company the external DPO works for.")),
    Q("dpo.email", N_("DPO's e-mail address"), N_("Give an e-mail address or a phone number, or both.")),
    Q("dpo.phone", N_("DPO's phone number (optional)"), N_("Leave empty to skip."), optional=True),
    # representative
    Q(
        "representative.name",
        N_("Name of your representative in the EU"),
        N_("A controller outside the EU must name a representative in the EU (Art. 27 GDPR)."),
    ),
    Q(
        "representative.address.country",
        N_("Representative's country"),
        N_("A two-letter code of an EU/EEA country, e.g. DE."),
    ),
    Q("representative.address.street", N_("Representative's street and number"), N_("As in their address.")),
    Q("representative.address.postal_code", N_("Representative's postal code"), N_("As used in their country.")),
    Q("representative.address.city", N_("Representative's city"), N_("As in their address.")),
    Q("representative.email", N_("Representative's e-mail address"), N_("People in the EU may write here.")),
    Q(
        "representative.phone",
        N_("Representative's phone number (optional)"),
        N_("Leave empty to skip."),
        optional=True,
    ),
    # features
    Q(
        "features.website.log_retention_days",
        N_("How many days are server logs kept?"),
        N_("Your hosting keeps logs of visits (IP addresses); 14 or 30 days is common."),
        "int",
    ),
    Q(
        "features.website.statistics_months",
        N_("For how many months do your statistics tools keep the data they collect? (optional)"),
        N_("A setting of the tool, e.g. Google Analytics 4: 2 or 14 months; leave empty if you do not know."),
        "int",
        optional=True,
    ),
    Q(
        "features.contact",
        N_("Can people contact you (form, e-mail, phone)?"),
        N_("Messages contain personal data, so the policy says how you handle them."),
        "presence",
    ),
    Q(
        "features.contact.form",
        N_("Is there a contact form on the site?"),
        N_("A form that sends you a message."),
        "confirm",
    ),
    Q(
        "features.contact.email",
        N_("Do people write to you by e-mail?"),
        N_("The address shown on the site."),
        "confirm",
    ),
    Q("features.contact.phone", N_("Do people call you?"), N_("A phone number shown on the site."), "confirm"),
    Q(
        "features.contact.keep_months",
        N_("For how many months do you keep messages after the matter is closed?"),
        N_("12 months is a common choice."),
        "int",
    ),
    Q(
        "features.accounts",
        N_("Can people create an account on your site?"),
        N_("A login with a password, a customer panel."),
        "presence",
    ),
    Q(
        "features.accounts.social_login",
        N_("Can they sign in with Google, Facebook or similar?"),
        N_("The provider then tells you who the person is."),
        "confirm",
    ),
    Q("features.shop", N_("Do you sell online (a shop)?"), N_("Orders, payments and deliveries."), "presence"),
    Q(
        "features.shop.payments",
        N_("Which payment operators do you use?"),
        N_("Space selects, type to search, Enter confirms."),
        "checkbox",
    ),
    Q(
        "features.shop.carriers",
        N_("Which carriers deliver your orders?"),
        N_("Space selects, type to search, Enter confirms."),
        "checkbox",
    ),
    Q("features.shop.guest_checkout", N_("Can people buy without an account?"), N_("Guest checkout."), "confirm"),
    Q(
        "features.shop.consumers",
        N_("Do you sell to consumers?"),
        N_("Private persons: they may withdraw from the contract and make complaints."),
        "confirm",
    ),
    Q(
        "features.saas",
        N_("Do you provide an online service or app that customers use (SaaS)?"),
        N_("Software that customers use in the browser, under a subscription."),
        "presence",
    ),
    Q(
        "features.saas.dpa_url",
        N_("Where do customers find your data processing agreement? (optional)"),
        N_("When customers put their own data in your app, you process it on their behalf; leave empty to skip."),
        optional=True,
    ),
    Q(
        "features.saas.support",
        N_("Do you provide customer support?"),
        N_("Tickets, chat or e-mail support."),
        "confirm",
    ),
    Q("features.saas.trial", N_("Is there a free trial?"), N_("People try the service before they pay."), "confirm"),
    Q(
        "features.newsletter",
        N_("Do you send a newsletter?"),
        N_("E-mails with news or offers to people who sign up."),
        "presence",
    ),
    Q(
        "features.newsletter.tool",
        N_("Which tool sends the newsletter?"),
        N_("The mailing service that keeps your subscribers' addresses."),
        "select",
    ),
    Q(
        "features.newsletter.double_opt_in",
        N_("Do subscribers confirm their address by clicking a link?"),
        N_("Double opt-in: proof that the person really signed up."),
        "confirm",
    ),
    Q(
        "features.webinars",
        N_("Do you run webinars or online events?"),
        N_("Live sessions people sign up for."),
        "presence",
    ),
    Q(
        "features.webinars.tool",
        N_("Which platform do you use for webinars?"),
        N_("The service that hosts the sessions."),
        "select",
    ),
    Q(
        "features.webinars.recording",
        N_("Do you record the webinars?"),
        N_("Recordings may show participants' image and voice."),
        "confirm",
    ),
    Q(
        "features.comments",
        N_("Can people comment on your site?"),
        N_("Comments under articles or products."),
        "presence",
    ),
    Q(
        "features.comments.moderation",
        N_("Do you moderate comments before they appear?"),
        N_("Moderation means reading comments and removing unlawful ones."),
        "confirm",
    ),
    Q(
        "features.surveys",
        N_("Do you run surveys or collect reviews?"),
        N_("Questionnaires, opinion requests."),
        "presence",
    ),
    Q(
        "features.surveys.tool",
        N_("Which tool collects the survey answers?"),
        N_("Pick the service, or none if you use your own."),
        "select",
        optional=True,
    ),
    Q(
        "features.marketing",
        N_("Do you advertise online using data about visitors?"),
        N_("e.g. ads shown to people who visited your site."),
        "presence",
    ),
    Q(
        "features.marketing.remarketing",
        N_("Do you show ads to people who visited your site?"),
        N_("Remarketing, e.g. with Meta Pixel or Google Ads."),
        "confirm",
    ),
    Q(
        "features.marketing.profiling",
        N_("Do you group visitors into interest segments for ads?"),
        N_("Profiling for marketing: the policy must say so."),
        "confirm",
    ),
    Q(
        "features.social_media",
        N_("Do you have profiles on social media?"),
        N_("e.g. a Facebook page: you and the platform are joint controllers of the page's statistics."),
        "presence",
    ),
    Q(
        "features.social_media.profiles",
        N_("Which social media profiles do you have?"),
        N_("Space selects, Enter confirms."),
        "checkbox",
    ),
    # services
    Q(
        "services",
        N_("Which other tools does your website use?"),
        N_("Space selects, type to search, Enter confirms; the list is grouped by kind."),
        "checkbox",
    ),
    Q(
        "custom_services[].name",
        N_("Name of the tool"),
        N_("A tool that is not on the list, e.g. a local booking system."),
    ),
    Q("custom_services[].category", N_("What does it do?"), N_("The kind of tool."), "select"),
    Q(
        "custom_services[].role",
        N_("What is the provider's role?"),
        N_("A processor acts only on your instructions; a controller decides on its own."),
        "select",
    ),
    Q("custom_services[].entity.name", N_("Company providing it"), N_("The legal entity that serves users in Europe.")),
    Q(
        "custom_services[].entity.address",
        N_("Its address (optional)"),
        N_("Leave empty if you could not check it."),
        optional=True,
    ),
    Q("custom_services[].entity.country", N_("Its country"), N_("A two-letter code, e.g. PL.")),
    Q("custom_services[].purpose", N_("What do you use it for?"), N_("A short phrase, e.g. booking appointments.")),
    Q("custom_services[].data", N_("Which data does it receive?"), N_("Space selects, Enter confirms."), "checkbox"),
    Q(
        "custom_services[].self_hosted",
        N_("Do you run it on your own server?"),
        N_("Self-hosted software sends no data to its publisher."),
        "confirm",
    ),
    Q(
        "custom_services[].cookies",
        N_("Does this tool store cookies or similar data on visitors' devices?"),
        N_("Scripts, widgets and embeds usually do; its privacy or cookie policy lists them."),
        "presence",
    ),
    Q("custom_services[].cookies[].name", N_("Name of the cookie"), N_("As in the tool's cookie list, e.g. _bk_id.")),
    Q(
        "custom_services[].cookies[].kind",
        N_("What kind of storage is it?"),
        N_("A cookie, the browser's local storage, or a tracking pixel."),
        "select",
    ),
    Q(
        "custom_services[].cookies[].lifetime",
        N_("How long is it kept?"),
        N_("session, or a number and unit: 30 minutes, 13 months, 2 years."),
    ),
    Q(
        "custom_services[].cookies[].purpose",
        N_("What is it for?"),
        N_("A short phrase, e.g. remembering the chosen appointment."),
    ),
    Q(
        "custom_services[].cookies[].party",
        N_("Whose domain sets it?"),
        N_("First party: your own domain; third party: the tool's domain."),
        "select",
    ),
    Q(
        "custom_services[].cookies[].consent",
        N_("Does it need the visitor's consent?"),
        N_("Yes, unless it is strictly necessary for something the visitor asked for, such as a booking."),
        "confirm",
    ),
    Q(
        "custom_services[].links.privacy",
        N_("Address of its privacy policy"),
        N_("A URL, e.g. https://example.com/privacy."),
    ),
    Q(
        "custom_services[].transfers[].country",
        N_("Country outside the EEA the data reach"),
        N_("A two-letter code, e.g. US."),
    ),
    Q(
        "custom_services[].transfers[].mechanism",
        N_("On what basis are the data transferred there?"),
        N_("The provider's privacy policy or data processing agreement says this."),
        "select",
    ),
    Q(
        "custom_services[].transfers[].recipient",
        N_("Who receives the data there? (optional)"),
        N_("e.g. Example Inc.; leave empty to skip."),
        optional=True,
    ),
    # consent, recipients, security, the rest
    Q(
        "consent_tool.service",
        N_("Which tool shows your cookie banner?"),
        N_("Pick none if your site has its own banner."),
        "select",
        optional=True,
    ),
    Q(
        "consent_tool.settings",
        N_("Where can visitors change their cookie choices?"),
        N_("e.g. the “Cookie settings” link in the footer."),
    ),
    Q(
        "other_recipients",
        N_("Who else receives personal data from you?"),
        N_("Space selects, Enter confirms; leave all empty if none."),
        "checkbox",
    ),
    Q("security", N_("How do you protect the data?"), N_("Space selects the measures you really use."), "checkbox"),
    Q(
        "profiling",
        N_("Do you analyse people's behaviour to tailor offers? Describe it (optional)"),
        N_("e.g. recommending products based on purchases; leave empty if not."),
        optional=True,
    ),
    Q(
        "children.directed_at_children",
        N_("Is your site meant for children?"),
        N_("Special rules apply to children's consent (Art. 8 GDPR)."),
        "confirm",
    ),
    Q(
        "children.min_age",
        N_("Age of the youngest users you expect (optional)"),
        N_("A number from 0 to 18; leave empty to skip."),
        "int",
        optional=True,
    ),
    Q(
        "children.parental_consent",
        N_("Do you obtain parents' consent for younger children?"),
        N_("Needed below the age of digital consent (16 in Poland)."),
        "confirm",
    ),
)

#: Fields the wizard does not ask about, each with the reason.
SKIPPED: dict[str, str] = {
    "schema_version": "fixed: the wizard writes the current version",
    "extends": "batch feature for agencies: inheritance is written in the file by hand",
    "templates_dir": "overlay templates are files you write yourself",
    "extra_sections": "need overlay templates, written by hand",
    "changes": "the change history is written when a policy changes (see policygen diff)",
    "custom_cookies": "cookies of your own code are rare; written in the file with their lifetime",
    "custom_purposes": "purposes the features do not cover need legal judgement; written in the file",
    "automated_decisions": "Art. 22 decisions need legal judgement; written in the file",
    "purposes": "not asked yet: the interview flow as data (issue 13) will ask retention and basis per purpose",
    "controllers[].id": "derived from the name (a slug), unique",
    "dpo.address": "e-mail or phone is enough (Art. 37(7)); a postal address is written in the file",
    "features.newsletter.basis": "always consent: Polish law (art. 398 PKE) requires it",
    "features.newsletter.unsubscribe": "always on: withdrawing consent must be as easy as giving it",
    "custom_services[].id": "derived from the name (a slug), unique",
    "custom_services[].links.opt_out": "rare; written in the file",
    "custom_services[].links.cookies": "the tool's own cookie page; rare, written in the file",
    "custom_services[].cookies_complete": "the wizard asks for every cookie; a partial list is marked in the file",
    "custom_services[].transfers[].dpf": "DPF certification is implied by the dpf mechanism; other cases in the file",
    "custom_services[].links.dpa": "rare; written in the file",
    "custom_services[].links.arrangement": "joint-controller tools come from the catalogue",
    "custom_services[].sources": "filled in: your answers, from its privacy policy, checked today",
    "custom_services[].cookies[].source": "optional outside the catalogue; the tool's sources cover its cookies",
    "custom_services[].hosts": "for the catalogue's site scanner; not printed in the policy, written in the file",
}

BY_PATH: dict[str, Q] = {q.path: q for q in QUESTIONS}


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _model_of(annotation: Any) -> type[BaseModel] | None:
    inner = _strip_optional(annotation)
    if get_origin(inner) is list:
        inner = get_args(inner)[0]
    if isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not LangText:
        return inner
    return None


def field_info(path: str) -> Any:
    """The pydantic FieldInfo of a question path, or KeyError."""
    model: type[BaseModel] | None = Answers
    info = None
    for part in path.split("."):
        name = part.removesuffix("[]")
        if model is None or name not in model.model_fields:
            raise KeyError(path)
        info = model.model_fields[name]
        model = _model_of(info.annotation)
    return info


def model_paths(model: type[BaseModel] = Answers, prefix: str = "") -> list[str]:
    """Every leaf field path of the model (nested models are walked, not listed themselves)."""
    out = []
    for name, info in model.model_fields.items():
        inner = _strip_optional(info.annotation)
        is_list = get_origin(inner) is list
        path = f"{prefix}{name}{'[]' if is_list and _model_of(inner) else ''}"
        sub = _model_of(info.annotation)
        if sub is None:
            out.append(path)
        else:
            out += model_paths(sub, path + ".")
    return out


@cache
def _adapter(path: str) -> TypeAdapter:
    info = field_info(path)
    if not info.metadata:
        return TypeAdapter(info.annotation)
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)])


def validate_value(path: str, value: Any, lang: str) -> str | None:
    """None when the value is valid for the field, else the batch-mode message in ``lang``."""
    try:
        _adapter(path).validate_python(value)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        ctx = dict(err.get("ctx") or {})
        if "expected" in ctx:
            ctx["expected"] = str(ctx["expected"]).replace("'", "")
        return message(err["type"], lang, **{k: v for k, v in ctx.items() if k != "error"})
    return None


def literal_values(path: str) -> tuple[str, ...]:
    """The allowed values of a closed-vocabulary field (list items included)."""
    annotation = _strip_optional(field_info(path).annotation)
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) is Literal:
        return tuple(get_args(annotation))
    return ()


def t(lang: str, msgid: str, **params: object) -> str:
    text = gettext_for(lang, msgid)
    return text % params if params else text


__all__ = ["BY_PATH", "QUESTIONS", "SKIPPED", "Q", "field_info", "literal_values", "model_paths", "t"]

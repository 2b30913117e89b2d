"""The interview's questions about the business: languages, controllers, joint controllers, the EU
representative, the DPO (data; ``questions.py`` puts the interview together)."""

from __future__ import annotations

from ..i18n import N_
from .question import Q

FOREIGN = 'controller.legal_form == "foreign_company"'
POLISH = 'controller.legal_form != "foreign_company"'

BUSINESS: tuple[Q, ...] = (
    Q(
        "languages",
        N_("In which languages should the policy be written?"),
        N_("Pick one or both with Space; Enter confirms."),
        "checkbox",
        choices="languages",
    ),
    Q(
        "effective_date",
        N_("From which day does the policy apply?"),
        N_("A date as YYYY-MM-DD; usually today."),
        default="=today",
    ),
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
        upper=True,
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
    Q(
        "controllers[].nip",
        N_("NIP (tax identification number)"),
        N_("Ten digits; the checksum is verified."),
        when=POLISH,
    ),
    Q(
        "controllers[].regon",
        N_("REGON (optional)"),
        N_("Nine or fourteen digits; leave empty to skip."),
        optional=True,
        when=POLISH,
    ),
    Q(
        "controllers[].krs",
        N_("KRS number"),
        N_("Ten digits, with the leading zeros."),
        when="controller.legal_form in krs_forms",
    ),
    Q(
        "controllers[].seat",
        N_("Registered office: the town entered in the KRS"),
        N_(
            "It need not be the town of the address. In Polish with its preposition in the locative (w Krakowie, "
            "we Wrocławiu); in English and German the town's name (Kraków)."
        ),
        kind="texts",
        when="controller.legal_form in krs_forms",
    ),
    Q(
        "controllers[].registry_court",
        N_("Court keeping the KRS file (optional)"),
        N_("e.g. Sąd Rejonowy dla m.st. Warszawy, XII Wydział Gospodarczy KRS"),
        optional=True,
        when="controller.legal_form in krs_forms",
    ),
    Q(
        "controllers[].share_capital",
        N_("Share capital in PLN (optional)"),
        N_("Only for sp. z o.o. and S.A.; leave empty to skip."),
        optional=True,
        when="controller.legal_form in capital_forms",
    ),
    Q(
        "controllers[].vat_id",
        N_("EU VAT number (optional)"),
        N_("With the country prefix, e.g. LT100001919017."),
        optional=True,
        when=FOREIGN,
    ),
    Q(
        "controllers[].company_code",
        N_("Lithuanian company code (optional)"),
        N_("Only for companies registered in Lithuania."),
        optional=True,
        when=f'{FOREIGN} and controller.address.country == "LT"',
    ),
    Q(
        "controllers[].registry",
        N_("Register keeping the company (optional)"),
        N_("e.g. Registrų centras."),
        optional=True,
        when=FOREIGN,
    ),
    # joint controllers
    Q(
        "joint.scope",
        N_("Which processing do you decide on together?"),
        N_("Joint controllers (Art. 26 GDPR) must say what they share, e.g. the joint online shop."),
        "texts",
    ),
    Q(
        "joint.contact_point",
        N_("Which of you should people contact?"),
        N_("The contact point for everyone whose data you process together."),
        "select",
        choices="controllers",
    ),
    Q(
        "joint.requests_handled_by",
        N_("Who answers requests about people's rights?"),
        N_("One of the controllers handles requests for all."),
        "select",
        choices="controllers",
    ),
    Q(
        "joint.information_by",
        N_("Who gives people this information?"),
        N_("Usually the one that runs the website."),
        "select",
        choices="controllers",
    ),
    Q(
        "joint.arrangement_url",
        N_("Where is the essence of your arrangement published? (optional)"),
        N_("A URL; leave empty if people get it on request."),
        optional=True,
    ),
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
        upper=True,
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
    Q(
        "dpo.company",
        N_("Firm providing the DPO service"),
        N_("The company the external DPO works for."),
        when='answers.dpo.kind == "external"',
    ),
    Q("dpo.email", N_("DPO's e-mail address"), N_("Give an e-mail address or a phone number, or both.")),
    Q("dpo.phone", N_("DPO's phone number (optional)"), N_("Leave empty to skip."), optional=True),
)
